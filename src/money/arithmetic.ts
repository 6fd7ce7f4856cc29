/**
 * Integer arithmetic for money: rounding halves up and allocating by largest remainder, exact however large the
 * products (they are worked out in BigInt where they could pass 2^53). Rates are parts per million (7.5 % is
 * 75 000 ppm), so no float ever touches an amount.
 */

export const PPM = 1_000_000;

/** Parts per million in one percent: a percentage keeps at most 4 decimals, so it is a whole number of ppm. */
export const PPM_PER_PERCENT = 10_000;

/** A percentage (6.25) as parts per million (62 500): exact up to 4 decimals, finer ones rounded to the nearest. */
export const percentToPpm = (percent: number): number => Math.round(percent * PPM_PER_PERCENT);

/** Parts per million (62 500) as the percentage people read (6.25). */
export const ppmToPercent = (ppm: number): number => ppm / PPM_PER_PERCENT;

/**
 * Whether a percentage has at most 4 decimals, so percentToPpm keeps it exactly. Judged on the scaled number
 * within a hair, as 7.0001 × 10 000 is 70 000.99999999999 in binary; its decimal text would fail on 1e-7.
 */
export function hasWholePpm(percent: number): boolean {
  if (!Number.isFinite(percent)) return false;
  const scaled = percent * PPM_PER_PERCENT;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** numerator / denominator for non-negative integers, rounded to the nearest integer, halves up. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** amount × factor / denominator, rounded halves up, exact past 2^53 (a huge amount times a rate). */
export function scaleRoundHalfUp(amount: number, factor: number, denominator: number): number {
  const product = amount * factor;
  if (Number.isSafeInteger(2 * product + denominator)) return divideRoundHalfUp(product, denominator);
  const twice = 2n * BigInt(amount) * BigInt(factor) + BigInt(denominator);
  return Number(twice / (2n * BigInt(denominator)));
}

/**
 * `total` in integer parts proportional to `weights` (non-negative) that sum to it exactly: each part is the floor
 * of its exact share, and the units left go one each to the largest remainders (ties to the earlier part). With
 * all weights zero the parts are as even as possible, the first ones taking the remainder. 0 ≤ total is assumed.
 */
export function allocate(total: number, weights: ReadonlyArray<number | bigint>): number[] {
  if (weights.length === 0) return [];
  const big = weights.map((weight) => BigInt(weight));
  let sum = big.reduce((a, b) => a + b, 0n);
  const even = sum === 0n;
  if (even) sum = BigInt(weights.length);
  const amount = BigInt(total);
  const parts = big.map((weight) => (amount * (even ? 1n : weight)) / sum);
  const remainders = big.map((weight, i) => ({ i, rest: (amount * (even ? 1n : weight)) % sum }));
  let left = Number(amount - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] += 1n;
    left -= 1;
  }
  return parts.map(Number);
}

/**
 * A non-negative integer matrix whose rows sum to `rows` and columns to `columns` (both non-negative, with equal
 * sums): each cell starts at the floor of its proportional share, and what is left is laid out row by row into
 * the columns still short, so every cell stays close to proportional and no sum is off by a unit.
 */
export function allocateMatrix(rows: readonly number[], columns: readonly number[]): number[][] {
  const total = rows.reduce((a, b) => a + b, 0);
  const cells = rows.map((row) =>
    columns.map((column) => (total === 0 ? 0 : Number((BigInt(row) * BigInt(column)) / BigInt(total)))),
  );
  const columnShort = columns.map((column, j) => column - cells.reduce((sum, cell) => sum + cell[j], 0));
  rows.forEach((row, i) => {
    let rowShort = row - cells[i].reduce((a, b) => a + b, 0);
    for (let j = 0; j < columns.length && rowShort > 0; j += 1) {
      const moved = Math.min(rowShort, columnShort[j]);
      cells[i][j] += moved;
      columnShort[j] -= moved;
      rowShort -= moved;
    }
  });
  return cells;
}
