import { managedByHq, MANAGED_BY_HQ_CONFLICT } from '../../common/errors/managed-by-hq';

/** A menu row headquarters' catalog may own: one with an hqKey was made from it (HqCatalogApplier). */
export interface HqOwnable {
  hqKey: string | null;
}

/** The 409 a menu route that may refuse a change to an HQ-owned field declares (its OpenAPI description). */
export const MANAGED_BY_HQ_DOC = MANAGED_BY_HQ_CONFLICT;

/**
 * 409 MANAGED_BY_HQ naming `fields` when the row came from headquarters' catalog: on a site those fields are the
 * catalog's, and the next publication would undo the change. A row the site made itself (no hqKey) takes anything.
 * `fields` are those the request would change ('delete' for a deletion, 'variations' for a new variation).
 */
export function refuseHqOwned(row: HqOwnable, what: string, fields: readonly string[]): void {
  if (row.hqKey !== null && fields.length > 0) throw managedByHq(what, fields);
}

/** The fields among `owned` that `input` gives with a value other than the row's. */
export function changedFields<Row extends object, Input extends object>(
  row: Row,
  input: Input,
  owned: ReadonlyArray<keyof Input & keyof Row & string>,
): string[] {
  return owned.filter((field) => input[field] !== undefined && input[field] !== (row[field] as unknown));
}
