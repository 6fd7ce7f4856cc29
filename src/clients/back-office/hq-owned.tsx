import { t } from '../../i18n/browser/page-i18n';
import { ApiError } from '../shared/api';

/**
 * What a site's back office shows of a row from headquarters: a category, station, dish or variation of its catalog
 * (`hqKey` set) or a person of its staff directory (`fromHeadquarters`). Headquarters owns some of their fields; the
 * site's API refuses a change to them with 409 MANAGED_BY_HQ, so the screens show them read-only.
 */

/** The code of the API's refusal of a change to what headquarters owns. */
export const MANAGED_BY_HQ = 'MANAGED_BY_HQ';

export const h = (key: string) => t(`backOffice.hqOwned.${key}`);

/** A menu row that came from headquarters' catalog. */
export const isFromHq = (row: { hqKey: string | null }): boolean => row.hqKey !== null;

/** The small mark beside such a row's name. */
export function HqBadge() {
  return <span class="badge hq-badge">{h('badge')}</span>;
}

/** The short note that says what headquarters manages of a row (`dish`, `categories`, `stations`, `staff`). */
export function HqNote({ what }: { what: 'dish' | 'categories' | 'stations' | 'staff' }) {
  return <p class="muted hint hq-note">{h(what)}</p>;
}

/** A form field headquarters owns when `owned`: shown read-only, with the note beside it. */
export const hqField = <F extends { readOnly?: boolean; note?: string }>(field: F, owned: boolean): F =>
  owned ? { ...field, readOnly: true, note: h('managed') } : field;

/** Whether the API refused a change because headquarters owns what it would change. */
export const isManagedByHq = (error: unknown): boolean =>
  error instanceof ApiError && error.problem.code === MANAGED_BY_HQ;
