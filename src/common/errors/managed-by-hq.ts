import { ApiProperty } from '@nestjs/swagger';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

/** The 409 a route that may refuse a change to what headquarters owns declares. */
export const MANAGED_BY_HQ_CONFLICT =
  'MANAGED_BY_HQ: on a site, a change to what headquarters owns of a row that came from it (`details` name the fields)';

/**
 * 409 MANAGED_BY_HQ naming `fields` (`delete` for a deletion): on a site, what headquarters owns of a row that came
 * from it (its catalog, its staff directory), which its next publication or pull would undo.
 */
export function managedByHq(what: string, fields: readonly string[]): DomainError {
  const named = fields.map((field) => (field === 'delete' ? 'deletion' : field)).join(', ');
  return new DomainError(
    ErrorCode.ManagedByHq,
    `The ${what} comes from headquarters: its ${named} ${fields.length > 1 ? 'are' : 'is'} managed by headquarters`,
    fields.map((field) => ({ field, message: 'managed by headquarters' })),
  );
}

/** A row headquarters may own: one with an hqKey was made from its catalog. */
export interface HqOwnable {
  hqKey: string | null;
}

/**
 * 409 MANAGED_BY_HQ naming `fields` when the row came from headquarters: on a site those fields are the
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

const HQ_KEY_DOC =
  'On a site linked to headquarters, the key of the catalog row it comes from: its name, price and deletion are ' +
  "headquarters' (409 MANAGED_BY_HQ here); null: the site's own";

/** A view's `hqKey`: the row of headquarters' catalog it was made from, or null for the site's own. */
export const HqKeyProperty = (description = HQ_KEY_DOC) =>
  ApiProperty({ type: String, nullable: true, example: null, description });
