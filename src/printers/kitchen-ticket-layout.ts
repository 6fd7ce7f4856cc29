import type { StationTicket } from './kitchen-ticket-changes';

/** One kitchen ticket as it prints: the lines of one station, with what the cook needs to place them. */
export interface KitchenTicketDocument extends StationTicket {
  orderNumber: number;
  orderType: string;
  tableName: string | null;
  stationName: string;
  at: Date;
  timeZone: string;
}

const ESC = 0x1b;
const GS = 0x1d;
const INIT = Buffer.from([ESC, 0x40]);
const BIG_BOLD = Buffer.from([GS, 0x21, 0x11, ESC, 0x45, 1]);
const NORMAL = Buffer.from([GS, 0x21, 0x00, ESC, 0x45, 0]);
const FEED_AND_CUT = Buffer.from([ESC, 0x64, 4, GS, 0x56, 1]);

/** The ticket's text, line by line, the heading first; no line is wider than `width`. */
export function kitchenTicketText(ticket: KitchenTicketDocument, width: number): string[] {
  const heading = ticket.heading === 'FIRED' ? `FIRED course ${ticket.course}` : ticket.heading;
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: ticket.timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(ticket.at);
  const where = ticket.tableName ? `Table ${ticket.tableName}` : ticket.orderType.replace('_', ' ');
  const rule = '-'.repeat(width);
  const lines = [
    heading,
    spread(`Order #${ticket.orderNumber}`, where, width),
    spread(ticket.stationName, time, width),
    rule,
  ];
  for (const line of ticket.lines) {
    const sign = ticket.heading === 'VOID' ? '-' : '';
    const variation = line.variationName ? ` (${line.variationName})` : '';
    lines.push(...wrap(`${sign}${line.quantity}x ${line.name}${variation}`, width, ''));
    for (const modifier of line.modifiers) lines.push(...wrap(`+ ${modifier}`, width, '   '));
    if (line.comment) lines.push(...wrap(`! ${line.comment}`, width, '   '));
    const place = [
      line.seat !== null ? `seat ${line.seat}` : null,
      line.course > 1 ? `course ${line.course}` : null,
    ];
    if (place.some(Boolean)) lines.push(`   ${place.filter(Boolean).join(', ')}`.slice(0, width));
  }
  lines.push(rule);
  return lines;
}

/** ESC/POS bytes: the heading large and bold, the rest plain, then feed and cut. */
export function kitchenTicketBytes(ticket: KitchenTicketDocument, width: number): Buffer {
  const [heading, ...rest] = kitchenTicketText(ticket, width);
  return Buffer.concat([
    INIT,
    BIG_BOLD,
    text(`${heading}\n`),
    NORMAL,
    text(rest.map((line) => `${line}\n`).join('')),
    FEED_AND_CUT,
  ]);
}

/** The same bytes with a REPRINT mark on top, so the kitchen never takes a copy for a new order. */
export function withReprintMark(bytes: Buffer): Buffer {
  return Buffer.concat([INIT, BIG_BOLD, text('*** REPRINT ***\n'), NORMAL, bytes]);
}

/** Thermal printers start in a single-byte code page: accents are dropped rather than printed as noise. */
function text(value: string): Buffer {
  return Buffer.from(
    value
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\n\x20-\x7e]/g, '?'),
    'latin1',
  );
}

function spread(left: string, right: string, width: number): string {
  const room = width - right.length - 1;
  return `${left.slice(0, Math.max(room, 0)).padEnd(room)} ${right}`.slice(0, width);
}

function wrap(value: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let rest = `${indent}${value}`;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > indent.length ? cut : width;
    lines.push(rest.slice(0, at));
    rest = `${indent}   ${rest.slice(at).trimStart()}`;
  }
  lines.push(rest);
  return lines;
}
