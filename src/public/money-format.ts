/** Money for people, on the server and in the pages' browser scripts alike (so this module imports nothing). */

/** Formats integer minor units in a currency for people: 45000 EUR → "€450.00"; 1200 JPY → "¥1,200". */
export function formatMinorUnits(amount: number, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** An option's price difference as a guest reads it: "+€1.50", "−€0.50", or nothing when it is free. */
export function priceDeltaText(delta: number, currency: string): string {
  if (delta === 0) return '';
  return (delta > 0 ? '+' : '−') + formatMinorUnits(Math.abs(delta), currency);
}
