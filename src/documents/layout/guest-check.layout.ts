import type { GuestCheckDocument } from '../document-types';
import { adjustmentLines, itemLines, taxLines, totalLine } from './bill-lines';
import { footer, header, House, localTime, money } from './house';
import { Markup } from './markup';

/** The words that tell the guest (and a tax inspector) that a pre-bill is not the receipt. */
export const NOT_A_RECEIPT = 'NOT A RECEIPT';

/** The pre-bill: the order as it stands, what is paid and due, and plainly marked as not being a receipt. */
export function guestCheckLayout(check: GuestCheckDocument, house: House, width: number): string {
  const out = new Markup(width);
  header(out, house);
  out.text('GUEST CHECK', 'center', { bold: true, size: 'wide' });
  out.pair(`Order ${check.orderNumber}`, localTime(house, check.printedAt));
  const place = [
    check.tableName ? `Table ${check.tableName}` : null,
    check.guests ? `${check.guests} guests` : null,
  ].filter((part): part is string => part !== null);
  if (place.length > 0) out.text(place.join(', '));
  if (check.waiterName) out.text(`Served by ${check.waiterName}`);
  if (check.split) out.text(`Part ${check.split.part} of ${check.split.parts} of a check split evenly`);
  out.rule();
  itemLines(out, house, check.lines);
  out.rule();
  adjustmentLines(out, house, check);
  totalLine(out, house, check.total);
  taxLines(out, house, check.taxes, check.tax);
  if (check.paid !== 0) {
    out.pair('Paid', money(house, check.paid));
    out.pair('Due', money(house, check.due), { bold: true });
  }
  out.blank();
  out.text(`*** ${NOT_A_RECEIPT} ***`, 'center', { bold: true });
  footer(out, house);
  return out.toString();
}
