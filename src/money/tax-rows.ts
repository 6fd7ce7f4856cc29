import { allocate } from './arithmetic';

/**
 * The tax breakdown: one row per rate with the money it taxed. Rows of lines, orders and even-split shares add up
 * row by row, so an order's rows are the sums of its lines' and shares' rows.
 *
 * Conventions (docs/money.md):
 * - `gross = net + tax` on every row, and the rows of an amount of money sum to it: sum(gross) is its total,
 *   sum(tax) its tax, sum(net) its total less its tax.
 * - Money that no rate taxes (a line with no rate, a service charge when SERVICE_CHARGE_TAXED is false) is one row
 *   with `taxRateId: null`, named "Exempt", percent 0, tax 0.
 * - Stacked rates (several on one line, all on the same base): the base is counted once, in the row of the line's
 *   highest rate (ties: the lower id); each other rate's row carries its tax alone (net 0). So a row's net is the
 *   money it was the first tax on, and no amount is counted twice in sum(net).
 */

/** A rate as copied onto an order line: `percent` has at most 4 decimals. */
export interface TaxRate {
  taxRateId: string;
  name: string;
  percent: number;
}

export interface TaxRow {
  /** null: the exempt row. */
  taxRateId: string | null;
  name: string;
  percent: number;
  net: number;
  tax: number;
  gross: number;
}

export const EXEMPT: Pick<TaxRow, 'taxRateId' | 'name' | 'percent'> = Object.freeze({
  taxRateId: null,
  name: 'Exempt',
  percent: 0,
});

/** Rows are one per rate and percent: a rate whose percent changed between two lines gives two rows. */
const keyOf = (row: Pick<TaxRow, 'taxRateId' | 'percent'>) => `${row.taxRateId ?? ''}|${row.percent}`;

/** The rate that holds a line's base among its stacked rates: the highest, ties to the lower id. */
export function baseRateOf<R extends TaxRate>(rates: readonly R[]): R | undefined {
  return [...rates].sort(byRate)[0];
}

function byRate(a: Pick<TaxRow, 'taxRateId' | 'name' | 'percent'>, b: typeof a): number {
  if ((a.taxRateId === null) !== (b.taxRateId === null)) return a.taxRateId === null ? 1 : -1;
  if (a.percent !== b.percent) return b.percent - a.percent;
  return (a.taxRateId ?? '').localeCompare(b.taxRateId ?? '') || a.name.localeCompare(b.name);
}

export function row(rate: Pick<TaxRow, 'taxRateId' | 'name' | 'percent'>, net: number, tax: number): TaxRow {
  return { taxRateId: rate.taxRateId, name: rate.name, percent: rate.percent, net, tax, gross: net + tax };
}

/** Row-by-row sums of `lists` (each list scaled by its sign), rows that come to nothing left out, in rate order. */
export function sumRows(lists: ReadonlyArray<readonly TaxRow[]>, signs: readonly number[] = []): TaxRow[] {
  const sums = new Map<string, TaxRow>();
  lists.forEach((list, i) => {
    const sign = signs[i] ?? 1;
    for (const each of list) {
      const key = keyOf(each);
      const sum = sums.get(key) ?? row(each, 0, 0);
      sums.set(key, row(sum, sum.net + sign * each.net, sum.tax + sign * each.tax));
    }
  });
  return [...sums.values()].filter((each) => each.net !== 0 || each.tax !== 0).sort(byRate);
}

export const totalTax = (rows: readonly TaxRow[]) => rows.reduce((sum, each) => sum + each.tax, 0);
export const totalGross = (rows: readonly TaxRow[]) => rows.reduce((sum, each) => sum + each.gross, 0);

/**
 * The negative rows of a refund of a closed sale whose refunds went from `refundedBefore` to `refundedAfter`: the
 * cumulative amounts spread over the sale's net and tax amounts by largest remainder (in rate order), and the
 * difference taken. So a sale and all its refunds never go below zero on any row, a full refund leaves exactly
 * nothing, and the tax ledger and the refund receipt, computing the same, show the same rows.
 */
export function refundRows(sale: readonly TaxRow[], refundedBefore: number, refundedAfter: number): TaxRow[] {
  const rows = [...sale].sort(byRate);
  const weights = rows.flatMap((each) => [each.net, each.tax]);
  const before = allocate(refundedBefore, weights);
  const after = allocate(refundedAfter, weights);
  return rows
    .map((each, i) => row(each, -(after[2 * i] - before[2 * i]), -(after[2 * i + 1] - before[2 * i + 1])))
    .filter((each) => each.net !== 0 || each.tax !== 0);
}
