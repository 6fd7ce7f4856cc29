/** Money for people, on the server and in the pages' browser scripts alike (so this module imports nothing). */

/** Formats integer minor units in a currency for people: 45000 EUR → "€450.00"; 1200 JPY → "¥1,200". */
export function formatMinorUnits(amount: number, currency: string, locale = 'en'): string {
  const format = formatterOf(currency, locale);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** An option's price difference as a guest reads it: "+€1.50", "−€0.50", or nothing when it is free. */
export function priceDeltaText(delta: number, currency: string, locale = 'en'): string {
  if (delta === 0) return '';
  return (delta > 0 ? '+' : '−') + formatMinorUnits(Math.abs(delta), currency, locale);
}

/** Building an Intl.NumberFormat costs about 50 µs, formatting with one about 1: a printed bill formats dozens. */
const formatters = new Map<string, Intl.NumberFormat>();

function formatterOf(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale} ${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, format);
  }
  return format;
}
