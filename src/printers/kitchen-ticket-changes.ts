import { EventType } from '../event-log/event-type';

/** What a kitchen ticket derivation reads of an order view (the data of order events). */
export interface OrderSnapshot {
  id: string;
  number: number;
  type: string;
  status: string;
  tableId: string | null;
  waiterId: string | null;
  guests: number | null;
  notes: string | null;
  /** The guest it is for, whose allergens the kitchen must see. */
  customer?: { name: string | null; allergens: string[] } | null;
  /** Takeaway and delivery: the channel and the time the food was promised for. */
  fulfilment?: { channel: string; promisedAt: string | null } | null;
  items: Array<SnapshotItem & { components?: SnapshotItem[] }>;
}

/** An item of the snapshot; a combo line's components are items of their own, each printed at its station. */
interface SnapshotItem {
  id: string;
  name: string;
  variationName: string | null;
  quantity: number;
  status: string;
  stationId: string | null;
  course: number;
  seat: number | null;
  comment: string | null;
  modifiers: Array<{ name: string }>;
}

export type TicketHeading = 'NEW' | 'ADDED' | 'FIRED' | 'VOID';

export interface TicketLine {
  itemId: string;
  quantity: number;
  name: string;
  variationName: string | null;
  modifiers: string[];
  comment: string | null;
  seat: number | null;
  course: number;
}

/** What one station's printers must be told about one event: only what is new for them. */
export interface StationTicket {
  stationId: string;
  heading: TicketHeading;
  /** The fired course, for a FIRED ticket. */
  course: number | null;
  lines: TicketLine[];
}

/** Item statuses the kitchen is making or has made: the quantity it has been told of. */
const AT_THE_KITCHEN = new Set(['new', 'in_progress', 'ready', 'served']);

/**
 * Compares an order (as an event carries it) with what the kitchen printers have been sent (`ticketed`: live
 * quantity per item id, of this order's items) and answers the tickets that make them agree, with the new ledger entries. More of a line
 * than was sent prints as NEW (nothing of the order was sent yet: a new order, an accepted QR order), FIRED (a fired course) or ADDED; less prints as VOID,
 * whatever the item's status: a kitchen without screens never moves items out of `new`, yet it cooks from the paper.
 * A pending QR order is not at the kitchen yet; held items wait until fired. An item that moved to another order
 * keeps its id, so it is not sent again.
 */
export function kitchenTicketChanges(
  type: EventType,
  data: Record<string, unknown>,
  ticketed: ReadonlyMap<string, number>,
): { tickets: StationTicket[]; ledger: Map<string, number> } {
  const order = data as unknown as OrderSnapshot;
  const ledger = new Map<string, number>();
  if (order.status === 'pending' || !Array.isArray(order.items)) return { tickets: [], ledger };
  const firedIds =
    type === EventType.OrderFired ? new Set((data.itemIds as string[] | undefined) ?? []) : null;
  const course = type === EventType.OrderFired ? Number(data.course) : null;
  const tickets = new Map<string, StationTicket>();
  for (const item of snapshotItems(order)) {
    if (!item.stationId) continue;
    const sent = ticketed.get(item.id) ?? 0;
    const live = AT_THE_KITCHEN.has(item.status) ? item.quantity : 0;
    if (live === sent) continue;
    ledger.set(item.id, live);
    const heading: TicketHeading =
      live < sent ? 'VOID' : firedIds?.has(item.id) ? 'FIRED' : ticketed.size === 0 ? 'NEW' : 'ADDED';
    const key = `${item.stationId} ${heading}`;
    const ticket = tickets.get(key) ?? {
      stationId: item.stationId,
      heading,
      course: heading === 'FIRED' ? course : null,
      lines: [],
    };
    ticket.lines.push({
      itemId: item.id,
      quantity: Math.abs(live - sent),
      name: item.name,
      variationName: item.variationName,
      modifiers: (item.modifiers ?? []).map((modifier) => modifier.name),
      comment: item.comment,
      seat: item.seat,
      course: item.course,
    });
    tickets.set(key, ticket);
  }
  return { tickets: [...tickets.values()], ledger };
}

/** The event types that can change what the kitchen must make. */
export const KITCHEN_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  EventType.OrderCreated,
  EventType.OrderUpdated,
  EventType.OrderFired,
  EventType.OrderStatusChanged,
  EventType.OrderItemStatusChanged,
]);

/** The items the kitchen prepares: plain items, and each combo line's components in its place. */
export function snapshotItems(order: OrderSnapshot): SnapshotItem[] {
  return (order.items ?? []).flatMap((line) => line.components ?? [line]);
}
