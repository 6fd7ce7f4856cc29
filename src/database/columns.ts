import { Column, ColumnOptions, ColumnType } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';

/**
 * The database the entities are mapped for. The decorators run when the entity files are imported, before anyone
 * knows the database; a DataSource reads each column's options later, when it builds its metadata, after
 * dataSourceOptions() has called mapColumnsFor().
 */
let mappedKind: DatabaseConfig['kind'] = 'sqlite';

export function mapColumnsFor(kind: DatabaseConfig['kind']): void {
  mappedKind = kind;
}

/**
 * A UTC instant, as migrations/columns.ts timestamp() builds it: timestamptz on PostgreSQL, datetime text on
 * SQLite. The type is a getter so that it is read when the metadata is built.
 */
export function InstantColumn(options: { nullable?: boolean; primary?: boolean } = {}): PropertyDecorator {
  const columnOptions: ColumnOptions = {
    ...options,
    get type(): ColumnType {
      return mappedKind === 'postgres' ? 'timestamp with time zone' : 'datetime';
    },
  };
  return Column(columnOptions);
}
