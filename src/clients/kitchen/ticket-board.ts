import { NewestOrders } from '../shared/newest-orders';
import type { Schemas } from '../shared/schemas';

export type Order = Schemas['OrderView'];
type Item = Schemas['OrderItemView'];
type Component = Schemas['ComboComponentView'];
export type LineStatus = Schemas['ItemStatus'];

/** One line a cook makes: an item, or one component of a combo (each on its own station). */
export interface KitchenLine {
  id: string;
  orderId: string;
  dishId: string;
  name: string;
  variationName: string;
  /** The combo the line is part of, when it is a component. */
  comboName: string | null;
  quantity: number;
  modifiers: string[];
  comment: string | null;
  seat: number | null;
  course: number;
  status: LineStatus;
  stationId: string | null;
  firedAt: string | null;
  readyAt: string | null;
  /** Fired after the first lines of its course: added to an order the kitchen already had. */
  added: boolean;
  /** Changed (quantity, comment, options, seat) after it was fired. */
  changed: boolean;
  /** Voided after it was fired: the cook must stop making it. */
  voided: boolean;
  voidReason: string | null;
  /** The guest's allergens that this line's dish contains. */
  allergenHits: string[];
}

export interface Ticket {
  orderId: string;
  number: number;
  type: Order['type'];
  tableId: string | null;
  channel: string | null;
  pickupName: string | null;
  guests: number | null;
  rush: boolean;
  notes: string | null;
  /** When the first of its lines reached this screen: the ticket's age counts from here. */
  firedAt: string;
  /** When its last line became ready, once every line is. */
  readyAt: string | null;
  promisedAt: string | null;
  /** A takeaway or delivery order's fulfilment step (received … ready, picked_up), else null. */
  fulfilmentStatus: string | null;
  /** Minor units the guest still owes: a takeaway handed over unpaid is money walking out. */
  due: number;
  lines: KitchenLine[];
  /** Each station with lines on the ticket, and whether it has bumped them all (what the expo waits for). */
  stations: Array<{ stationId: string; done: boolean }>;
  /** Courses fired after the ticket's first lines (a held course the waiter fired): they stand out. */
  firedCourses: number[];
  held: Array<{ course: number; lines: KitchenLine[] }>;
  guestAllergens: string[];
}

const ON_SCREEN: readonly LineStatus[] = ['new', 'in_progress', 'ready'];
const COOKING: readonly LineStatus[] = ['new', 'in_progress'];
const ACTIVE_ORDERS: readonly Order['status'][] = ['open', 'in_progress', 'ready'];
/** A takeaway or delivery order that left the pass: there is nothing to recall or hand over any more. */
const HANDED_OVER: readonly string[] = ['picked_up', 'out_for_delivery', 'delivered'];

/**
 * The tickets of one screen, from the orders the kitchen sees (REST tickets and event data alike). An order is
 * kept at its newest version, so events and a reload may arrive in any order and apply once.
 */
export class TicketBoard {
  private readonly newest = new NewestOrders<Order>((order) => ACTIVE_ORDERS.includes(order.status));

  /** `stationIds` null: expo, every station. `allergensOf` answers a dish's allergens (from the menu). */
  constructor(
    private readonly stationIds: ReadonlySet<string> | null,
    private readonly allergensOf: (dishId: string) => readonly string[] = () => [],
  ) {}

  /** Takes an order's newer version; answers whether anything changed. */
  apply(order: Order): boolean {
    return this.newest.apply(order);
  }

  /** The tickets from REST replace the rest, but for orders an event brought meanwhile (their newest version wins). */
  reload(read: () => Promise<readonly Order[]>): Promise<void> {
    return this.newest.reload(read);
  }

  /** Every order the board holds, at its newest version: what the screen keeps for a reload offline. */
  known(): Order[] {
    return [...this.newest.orders.values()];
  }

  order(orderId: string): Order | undefined {
    return this.newest.orders.get(orderId);
  }

  /** Tickets with lines still to make: rush first, then in order of firing. */
  cooking(): Ticket[] {
    return this.tickets()
      .filter((ticket) => ticket.lines.some((line) => COOKING.includes(line.status)))
      .sort((a, b) => Number(b.rush) - Number(a.rush) || a.firedAt.localeCompare(b.firedAt));
  }

  /**
   * Tickets whose every line is ready (bumped) and still at the pass, the most recently bumped first: what Recall
   * brings back. A takeaway picked up (here or at the counter) is gone: the guest has it.
   */
  bumped(): Ticket[] {
    return this.tickets()
      .filter((ticket) => ticket.readyAt !== null && !HANDED_OVER.includes(ticket.fulfilmentStatus ?? ''))
      .sort((a, b) => (b.readyAt ?? '').localeCompare(a.readyAt ?? ''));
  }

  /** How many of each dish are still to make on this screen, most first. */
  allDay(): Array<{ name: string; quantity: number }> {
    const counts = new Map<string, number>();
    for (const ticket of this.cooking()) {
      for (const line of ticket.lines) {
        if (!COOKING.includes(line.status)) continue;
        const name = line.variationName ? `${line.name} (${line.variationName})` : line.name;
        counts.set(name, (counts.get(name) ?? 0) + line.quantity);
      }
    }
    return [...counts]
      .map(([name, quantity]) => ({ name, quantity }))
      .sort((a, b) => b.quantity - a.quantity || a.name.localeCompare(b.name));
  }

  private tickets(): Ticket[] {
    return [...this.newest.orders.values()].flatMap((order) => {
      const ticket = this.ticketOf(order);
      return ticket ? [ticket] : [];
    });
  }

  private ticketOf(order: Order): Ticket | null {
    const guestAllergens = order.customer?.allergens ?? [];
    const lines = order.items
      .flatMap((item) => linesOf(order.id, item))
      .filter((line) => this.stationIds === null || this.stationIds.has(line.stationId ?? ''))
      .map((line) => ({
        ...line,
        allergenHits: this.allergensOf(line.dishId).filter((code) => guestAllergens.includes(code)),
      }));
    const live = lines.filter((line) => ON_SCREEN.includes(line.status));
    if (live.length === 0) return null;
    const firedAt = live.map((line) => line.firedAt ?? order.createdAt).sort()[0];
    // A course's lines are fired together; one fired later joined the course after the kitchen had it.
    const courseFiredAt = new Map<number, string>();
    for (const line of lines) {
      const first = courseFiredAt.get(line.course);
      if (line.firedAt && (!first || line.firedAt < first)) courseFiredAt.set(line.course, line.firedAt);
    }
    const withMarks = lines
      .filter((line) => line.status !== 'held')
      .filter((line) => ON_SCREEN.includes(line.status) || (line.status === 'cancelled' && line.firedAt))
      .map((line) => ({
        ...line,
        added: line.firedAt !== null && line.firedAt > (courseFiredAt.get(line.course) ?? line.firedAt),
        changed: line.changedAt !== null,
        voided: line.status === 'cancelled',
      }));
    const allReady = live.every((line) => line.status === 'ready');
    return {
      orderId: order.id,
      number: order.number,
      type: order.type,
      tableId: order.tableId,
      channel: order.fulfilment?.channel ?? null,
      pickupName: order.fulfilment?.customerName ?? order.customer?.name ?? null,
      guests: order.guests,
      rush: order.rush,
      notes: order.notes,
      firedAt,
      readyAt: allReady
        ? live
            .map((line) => line.readyAt ?? '')
            .sort()
            .reverse()[0]
        : null,
      promisedAt: order.fulfilment?.promisedAt ?? null,
      fulfilmentStatus: order.fulfilment?.status ?? null,
      due: order.due,
      lines: withMarks,
      stations: stationProgress(withMarks),
      firedCourses: [...courseFiredAt]
        .filter(([, courseFired]) => courseFired > firedAt)
        .map(([course]) => course)
        .sort((a, b) => a - b),
      held: heldCourses(lines),
      guestAllergens,
    };
  }
}

type RawLine = Omit<KitchenLine, 'added' | 'changed' | 'voided' | 'allergenHits'> & {
  changedAt: string | null;
};

/** An item's lines: the item itself, or its components when it is a combo (the combo row is no one's to cook). */
function linesOf(orderId: string, item: Item): RawLine[] {
  if (item.components && item.components.length > 0) {
    return item.components.map((component) => lineOf(orderId, component, item.name));
  }
  return [lineOf(orderId, item, null)];
}

function lineOf(orderId: string, item: Item | Component, comboName: string | null): RawLine {
  return {
    id: item.id,
    orderId,
    dishId: item.dishId,
    name: item.name,
    variationName: item.variationName,
    comboName,
    quantity: item.quantity,
    modifiers: item.modifiers.map((modifier) => modifier.name),
    comment: item.comment,
    seat: item.seat,
    course: item.course,
    status: item.status,
    stationId: item.stationId,
    firedAt: item.firedAt,
    readyAt: item.readyAt,
    voidReason: item.voidReason,
    changedAt: item.changedAt,
  };
}

/** Per station (in the order its lines come), whether every live line of it is ready. */
function stationProgress(lines: readonly KitchenLine[]): Ticket['stations'] {
  const done = new Map<string, boolean>();
  for (const line of lines) {
    if (line.voided || !line.stationId) continue;
    done.set(line.stationId, (done.get(line.stationId) ?? true) && line.status === 'ready');
  }
  return [...done].map(([stationId, isDone]) => ({ stationId, done: isDone }));
}

function heldCourses(lines: RawLine[]): Ticket['held'] {
  const byCourse = new Map<number, KitchenLine[]>();
  for (const line of lines) {
    if (line.status !== 'held') continue;
    const held = { ...line, added: false, changed: false, voided: false, allergenHits: [] };
    byCourse.set(line.course, [...(byCourse.get(line.course) ?? []), held]);
  }
  return [...byCourse]
    .sort(([a], [b]) => a - b)
    .map(([course, courseLines]) => ({ course, lines: courseLines }));
}

export type TimerColour = 'fresh' | 'warn' | 'late';

/** A ticket's colour by its age against its station's thresholds (minutes). */
export function timerColour(ageMs: number, warnAfterMinutes: number, lateAfterMinutes: number): TimerColour {
  if (ageMs >= lateAfterMinutes * 60_000) return 'late';
  if (ageMs >= warnAfterMinutes * 60_000) return 'warn';
  return 'fresh';
}
