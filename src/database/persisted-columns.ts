import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Text and integer columns without a transformer: the driver takes their values unchanged. */
export function storedAsIs(column: ColumnMetadata): boolean {
  let plain = plainColumns.get(column);
  if (plain === undefined) {
    plain = !column.transformer && AS_IS_TYPES.has(column.type);
    plainColumns.set(column, plain);
  }
  return plain;
}

const AS_IS_TYPES = new Set<unknown>(['varchar', 'text', 'integer', String, Number]);
const plainColumns = new WeakMap<ColumnMetadata, boolean>();

/** The columns a row stores, once each (a relation's join column and its id property share one). */
export function persistedColumns(columns: ColumnMetadata[]): ColumnMetadata[] {
  const seen = new Set<string>();
  return columns.filter((column) => {
    if (column.isVirtual || seen.has(column.databaseName)) return false;
    seen.add(column.databaseName);
    return true;
  });
}
