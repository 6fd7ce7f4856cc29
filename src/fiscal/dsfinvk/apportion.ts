/**
 * `total` in integer parts proportional to `weights`, which may be negative (a discount line among sales, a refund
 * among nothing else): each part is the floor of its exact share and the units left go one each to the largest
 * remainders, so the parts sum to `total` exactly. With the weights summing to zero the total goes to the first.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0));
  const sign = sum < 0n ? -1n : 1n;
  const divisor = sum * sign;
  const exact = weights.map((weight) => BigInt(total) * BigInt(weight) * sign);
  const floor = (value: bigint) => (value >= 0n ? value / divisor : -((-value + divisor - 1n) / divisor));
  const parts = exact.map(floor);
  const order = exact
    .map((value, i) => ({ i, rest: value - parts[i] * divisor }))
    .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  let left = BigInt(total) - parts.reduce((a, b) => a + b, 0n);
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

/** One rate's part of a receipt: gross and tax in minor units. */
export interface RateAmounts {
  gross: number;
  tax: number;
}

/**
 * A receipt's positions split over its tax rates, for Bonpos_USt: cell [i][r] is position i's gross and tax at
 * rate r. The receipt records its tax per rate, not per line: a position whose rates are known (`carries[i][r]`,
 * from its order item) takes only those, any other (a discount, a surcharge, a line not matched) takes every rate
 * in proportion to its gross. The sums hold to the cent whatever is known: each rate's cells add up to the
 * receipt's row for that rate (what Bonkopf_USt says), and each position's cells to its gross share of the
 * receipt's total; what rounding leaves lands on the last position.
 */
export function splitOverRates(
  amounts: readonly number[],
  rates: readonly RateAmounts[],
  carries: ReadonlyArray<readonly boolean[] | null> = [],
): RateAmounts[][] {
  const grossTotal = rates.reduce((sum, rate) => sum + rate.gross, 0);
  const rowGross = apportion(grossTotal, amounts);
  const cells = rowGross.map((gross, i) => {
    const own = rates.map((rate, r) => (carries[i]?.[r] ? rate.gross : 0));
    return apportion(gross, own.some((weight) => weight !== 0) ? own : rates.map((rate) => rate.gross));
  });
  if (cells.length > 0) {
    const last = cells[cells.length - 1];
    rates.forEach((rate, r) => {
      last[r] += rate.gross - cells.reduce((sum, row) => sum + row[r], 0);
    });
  }
  const taxes = rates.map((rate, r) =>
    apportion(
      rate.tax,
      cells.map((row) => row[r]),
    ),
  );
  return cells.map((row, i) => row.map((gross, r) => ({ gross, tax: taxes[r][i] })));
}
