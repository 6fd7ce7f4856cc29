import type { KitchenTicketDocument, KitchenTicketLine } from '../document-types';
import { printedName } from '../../menu/line-names';
import { House, localTime } from './house';
import { Markup, widthOf, wrapWords } from './markup';

function title(ticket: KitchenTicketDocument): string {
  switch (ticket.ticket) {
    case 'new':
      return 'NEW';
    case 'added':
      return 'ADDED';
    case 'fired':
      return ticket.course != null ? `FIRED COURSE ${ticket.course}` : 'FIRED';
    case 'void':
      return 'VOID';
  }
}

function lineName(line: KitchenTicketLine): string {
  return printedName(line.name, line.variationName);
}

/**
 * A station's ticket: what happened in big letters (NEW, ADDED, FIRED COURSE n, VOID; REPRINT when printed again),
 * where it goes, and only the items given to this ticket with their options, seat and comment. Never a price. The
 * guest's allergens, when the order has a known customer, stand out in white on black.
 */
export function kitchenTicketLayout(ticket: KitchenTicketDocument, house: House, width: number): string {
  const out = new Markup(width);
  if (ticket.reprint) out.text('REPRINT', 'center', { bold: true, size: 'big', inverted: true });
  out.text(title(ticket), 'center', { bold: true, size: 'big', inverted: ticket.ticket === 'void' });
  if (ticket.stationName) out.text(ticket.stationName, 'center', { bold: true });
  const where = ticket.tableName ? `  Table ${ticket.tableName}` : '';
  out.text(`#${ticket.orderNumber}${where}`, 'left', { bold: true, size: 'wide' });
  const details = [
    ticket.orderType && ticket.orderType !== 'dine_in' ? ticket.orderType.replace('_', ' ') : null,
    ticket.channel ?? null,
    ticket.guests ? `${ticket.guests} guests` : null,
  ].filter((part): part is string => part !== null);
  if (details.length > 0) out.text(details.join(', ').toUpperCase(), 'left', { bold: true });
  if (ticket.promisedAt) out.text(`PROMISED ${localTime(house, ticket.promisedAt)}`, 'left', { bold: true });
  out.pair(ticket.waiterName ?? '', localTime(house, ticket.createdAt));
  const allergens = ticket.customer?.allergens?.filter(Boolean) ?? [];
  if (allergens.length > 0) {
    out.rule();
    out.text(`ALLERGENS: ${allergens.join(', ')}`, 'left', { bold: true, size: 'wide', inverted: true });
    if (ticket.customer?.name) out.text(`Guest: ${ticket.customer.name}`);
  }
  if (ticket.notes) out.text(`Note: ${ticket.notes}`, 'left', { bold: true });
  out.rule();
  ticketLines(out, ticket);
  out.rule();
  return out.toString();
}

function ticketLines(out: Markup, ticket: KitchenTicketDocument): void {
  const courses = [...new Set(ticket.lines.map((line) => line.course ?? null))];
  const showCourses = courses.length > 1;
  const quantityWidth = Math.max(2, ...ticket.lines.map((line) => widthOf(`${line.quantity}x`))) * 2;
  const nameWidth = Math.floor((out.width - quantityWidth - 1) / 2);
  const void_ = ticket.ticket === 'void';
  for (const course of courses) {
    if (showCourses && course != null) out.text(`-- Course ${course} --`, 'center', { bold: true });
    for (const line of ticket.lines.filter((each) => (each.course ?? null) === course)) {
      const name = void_ ? `VOID ${lineName(line)}` : lineName(line);
      wrapWords(name, nameWidth).forEach((text, index) =>
        out.row([quantityWidth, '*'], [{ text: index === 0 ? `${line.quantity}x` : '' }, { text }], {
          bold: true,
          size: 'wide',
        }),
      );
      const notes = [
        ...(line.modifiers ?? []).map((modifier) => `+ ${modifier.name}`),
        ...(line.seat != null ? [`Seat ${line.seat}`] : []),
        ...(line.comment ? [`! ${line.comment}`] : []),
      ];
      for (const note of notes) {
        for (const text of wrapWords(note, out.width - quantityWidth - 1)) {
          out.row([quantityWidth, '*'], [{ text: '' }, { text }]);
        }
      }
    }
  }
}
