/** What specs compute money with, independently of the server's money module. */

/** Largest remainder, written out again here so the spec checks the server against its own ledger. */
export function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((weight) => Math.floor((total * weight) / sum));
  const order = weights
    .map((weight, i) => ({ i, rest: (total * weight) % sum }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of order) if (left-- > 0) parts[i] += 1;
  return parts;
}

/** Tax contained in a price-including-tax amount, rounded half up. */
export const taxIn = (gross: number, percent: number) =>
  Math.floor((gross * percent) / (100 + percent) + 0.5);
