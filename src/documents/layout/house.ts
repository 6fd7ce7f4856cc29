import { formatMinorUnits } from '../../i18n/money-format';
import type { Markup } from './markup';

/** What every document takes from the configuration: who prints it, in which currency and time zone. */
export interface House {
  name: string;
  address: string[];
  taxId: string | null;
  footer: string[];
  currency: string;
  timeZone: string;
}

/** Money as the guest reads it, in the restaurant's currency: 1250 EUR → "€12.50", -300 → "-€3.00". */
export function money(house: House, amount: number): string {
  return formatMinorUnits(amount, house.currency);
}

/** One formatter per zone: building one costs far more than using it. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClockOf(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/** An instant as the restaurant's wall clock shows it: "2026-11-22 19:03". */
export function localTime(house: House, iso: string): string {
  const parts = wallClockOf(house.timeZone).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** The restaurant's name, address and tax number, centred at the top of bills, receipts and reports. */
export function header(out: Markup, house: House): void {
  out.text(house.name, 'center', { bold: true, size: 'wide' });
  for (const line of house.address) out.text(line, 'center');
  if (house.taxId) out.text(`Tax ID ${house.taxId}`, 'center');
  out.blank();
}

/** RECEIPT_FOOTER, centred. */
export function footer(out: Markup, house: House): void {
  if (house.footer.length === 0) return;
  out.blank();
  for (const line of house.footer) out.text(line, 'center');
}
