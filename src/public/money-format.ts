/** Formats integer minor units in a currency for people: 45000 EUR → "€450.00"; 1200 JPY → "¥1,200". */
export function formatMinorUnits(amount: number, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
