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
