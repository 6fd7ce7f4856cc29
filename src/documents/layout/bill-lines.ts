import { printedName } from '../../menu/line-names';
import type { DocumentLine, DocumentTaxRow } from '../document-types';
import { House, money } from './house';
import { Markup, widthOf, wrapWords } from './markup';

/** "19%", "6.25%". */
export function percentText(percent: number): string {
  return `${Number(percent.toFixed(4))}%`;
}

function modifierText(house: House, modifier: { name: string; priceDelta: number }): string {
  if (modifier.priceDelta === 0) return `+ ${modifier.name}`;
  const sign = modifier.priceDelta > 0 ? '+' : '-';
  return `+ ${modifier.name} (${sign}${money(house, Math.abs(modifier.priceDelta))})`;
}

/** Where a bill's columns are: quantity, name, amount. */
interface LineColumns {
  quantity: number;
  name: number;
  amount: number;
}

/** Text under a line in its name column, `indent` characters in, wrapped there; no quantity, no amount. */
function detailRows(out: Markup, columns: LineColumns, text: string, indent: number): void {
  const widths = [columns.quantity + indent, '*' as const, columns.amount];
  for (const part of wrapWords(text, columns.name - indent)) {
    out.row(widths, [{ text: '' }, { text: part }, { text: '' }]);
  }
}

/**
 * The lines of a bill or receipt: quantity, name and variation, amount on the right; each chosen option under its
 * line. A combo line shows the combo and its amount, and its components indented beneath without prices (the
 * combo's price was spread over them only to tax and count them), each with its options. Grouped under "Seat n"
 * headings when the waiter gave seats, the lines without one last as "Shared". The amount column is as wide as the
 * widest amount, so the figures line up.
 */
export function itemLines(out: Markup, house: House, lines: DocumentLine[]): void {
  if (lines.length === 0) {
    out.text('(no items)', 'center');
    return;
  }
  const amount = Math.max(...lines.map((line) => widthOf(money(house, line.total))));
  const quantity = Math.max(...lines.map((line) => widthOf(`${line.quantity}x`)));
  const columns = { quantity, amount, name: out.width - amount - quantity - 2 };
  const widths = [quantity, '*' as const, amount];
  const seated = lines.some((line) => line.seat != null);
  const groups = seated ? bySeat(lines) : [{ seat: undefined, lines }];
  for (const group of groups) {
    if (seated) out.text(group.seat === null ? 'Shared' : `Seat ${group.seat}`, 'left', { bold: true });
    for (const line of group.lines) {
      wrapWords(printedName(line.name, line.variationName), columns.name).forEach((name, index) =>
        out.row(widths, [
          { text: index === 0 ? `${line.quantity}x` : '' },
          { text: name },
          { text: index === 0 ? money(house, line.total) : '', align: 'right' },
        ]),
      );
      for (const modifier of line.modifiers ?? []) detailRows(out, columns, modifierText(house, modifier), 0);
      for (const component of line.components ?? []) {
        detailRows(out, columns, printedName(component.name, component.variationName), 2);
        for (const modifier of component.modifiers ?? []) detailRows(out, columns, `+ ${modifier.name}`, 4);
      }
    }
  }
}

function bySeat(lines: DocumentLine[]): Array<{ seat: number | null; lines: DocumentLine[] }> {
  const seats = [...new Set(lines.map((line) => line.seat ?? null))].sort(
    (a, b) => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER),
  );
  return seats.map((seat) => ({ seat, lines: lines.filter((line) => (line.seat ?? null) === seat) }));
}

/** The tax in the total: one row per rate with its net, or one line when the order has no per-rate rows. */
export function taxLines(out: Markup, house: House, taxes: DocumentTaxRow[] | undefined, tax: number): void {
  if (taxes && taxes.length > 0) {
    for (const row of taxes) {
      // An exempt row has no rate to show; a rate stacked on another's base has no net of its own.
      const rate = row.percent !== 0 ? ` ${percentText(row.percent)}` : '';
      const base = row.net !== 0 ? ` of ${money(house, row.net)}` : '';
      out.pair(`${row.name}${rate}${base}`, money(house, row.tax));
    }
    return;
  }
  if (tax !== 0) out.pair('Tax', money(house, tax));
}

/** What the bill adds to or takes from the lines, each printed only when it is not zero. */
export function adjustmentLines(
  out: Markup,
  house: House,
  adjustments: {
    subtotal?: number | null;
    discount?: number | null;
    discountDetail?: { kind: 'percent' | 'amount'; value: number; reason: string } | null;
    serviceCharge?: number | null;
  },
): void {
  const { subtotal, discount, discountDetail, serviceCharge } = adjustments;
  const adjusted = Boolean(discount) || Boolean(serviceCharge);
  if (subtotal != null && adjusted) out.pair('Subtotal', money(house, subtotal));
  if (discount) {
    const rate = discountDetail?.kind === 'percent' ? ` ${percentText(discountDetail.value)}` : '';
    const reason = discountDetail?.reason ? ` (${discountDetail.reason})` : '';
    out.pair(`Discount${rate}${reason}`, money(house, -Math.abs(discount)));
  }
  if (serviceCharge) out.pair('Service charge', money(house, serviceCharge));
}

/** TOTAL in bold, twice as wide. */
export function totalLine(out: Markup, house: House, total: number): void {
  out.pair('TOTAL', money(house, total), { bold: true, size: 'wide' });
}
