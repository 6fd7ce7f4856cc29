import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column shapes shared by every migration so one set runs on SQLite and PostgreSQL:
 * ids are UUID strings made by the app, times are timestamptz on PostgreSQL and UTC datetime text on SQLite.
 */
export const column = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  reference: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: '36',
    isNullable: nullable,
  }),
  text: (name: string, length: number, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  }),
  longText: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'text',
    isNullable: nullable,
  }),
  integer: (name: string, defaultValue?: number): TableColumnOptions => ({
    name,
    type: 'integer',
    default: defaultValue,
  }),
  boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({
    name,
    type: 'boolean',
    default: defaultValue,
  }),
};

export function timestamp(queryRunner: QueryRunner, name: string, nullable = false): TableColumnOptions {
  const type = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
  return { name, type, isNullable: nullable };
}

/** A boolean with the default as each database reads it back: SQLite stores 1 and 0, as the entities declare. */
export function flag(queryRunner: QueryRunner, name: string, value: boolean): TableColumnOptions {
  const sqlite = queryRunner.connection.options.type !== 'postgres';
  return { ...column.boolean(name, value), default: sqlite ? Number(value) : value };
}

/**
 * Gives a varchar column another length. PostgreSQL alters the type in place; TypeORM would drop and re-add the
 * column. SQLite rebuilds the table.
 */
export async function resizeText(
  queryRunner: QueryRunner,
  tableName: string,
  columnName: string,
  length: number,
): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') {
    await queryRunner.query(`ALTER TABLE ${tableName} ALTER COLUMN ${columnName} TYPE varchar(${length})`);
    return;
  }
  const table = (await queryRunner.getTable(tableName))!;
  const old = table.findColumnByName(columnName)!;
  const resized = old.clone();
  resized.length = String(length);
  await queryRunner.changeColumn(table, old, resized);
}
