import { type Api, everyPage, ok, PER_PAGE, type Schemas } from '../../shared/api';
import { type Envelope, ORDER_EVENTS } from '../../shared/events';
import type { LiveSocket } from '../../shared/live-feed';
import { NewestOrders } from '../../shared/newest-orders';
import type { Change } from './changes';
import { isLive, type Location, type Order, type Table } from './floor';
import { keepLastKnown, lastKnown } from './last-known';
import type { Menu } from './menu';
import type { Waiting } from './waiter-outbox';

export type PaymentMethod = Schemas['PaymentMethodView'];

const LIVE_STATUSES = ['pending', 'open', 'in_progress', 'ready', 'served'] as const;

/** A guest's "call waiter" from the QR page, until a waiter answers it on a tablet. */
export interface WaiterCall {
  tableId: string;
  at: string;
}

/**
 * What the tablet knows of the service: the floor, the live orders, the menu as it can be ordered now, the payment
 * methods and the guests' calls. Loaded over REST, kept current by the socket's events
 * (an event older than what a write's reply already showed is ignored, by the order's version).
 */
export class ServiceStore {
  locations: Location[] = [];
  tables: Table[] = [];
  menu: Menu = { categories: [] };
  methods: PaymentMethod[] = [];
  private readonly newest = new NewestOrders<Order>();
  readonly calls = new Map<string, WaiterCall>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: Api) {}

  get orders(): ReadonlyMap<string, Order> {
    return this.newest.orders;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The cold start, and the reload after a gap in the events: everything a waiter's screen shows. `withLastKnown`
   * (the cold start, before the socket confirmed the service is there) lays the orders this tablet last knew on
   * top, newest version first: offline, the answers are the service worker's, as old as their last load. The
   * socket's first connect loads again without them, from the service alone.
   */
  async load(withLastKnown = false): Promise<void> {
    // Read before the load replaces what is kept with the answers it got.
    const known = withLastKnown ? lastKnown() : [];
    try {
      await this.loadFromService();
    } finally {
      this.apply(known);
    }
  }

  private async loadFromService(): Promise<void> {
    const pages = <T>(read: (page: number) => Promise<{ items: T[]; total: number }>) => everyPage(read);
    const liveOrders = async () =>
      (
        await Promise.all(
          LIVE_STATUSES.map((status) =>
            pages((page) =>
              ok(this.api.GET('/api/v1/orders', { params: { query: { status, page, perPage: PER_PAGE } } })),
            ),
          ),
        )
      ).flat();
    const [[locations, tables], menu, methods] = await Promise.all([
      this.readFloor(),
      ok(this.api.GET('/api/v1/menu')),
      pages((page) =>
        ok(
          this.api.GET('/api/v1/payment-methods/active', { params: { query: { page, perPage: PER_PAGE } } }),
        ),
      ),
      this.newest.reload(liveOrders),
    ]);
    this.locations = locations;
    this.tables = tables;
    this.menu = menu;
    this.methods = methods;
    this.changed();
  }

  /** Listens to the events that change what the tablet shows. */
  follow(socket: LiveSocket): void {
    // A payment moves the order's paid and due, a bump a takeaway's fulfilment: the floor and the check follow them.
    for (const type of [...ORDER_EVENTS, 'order.paid', 'order.fulfilment_changed'] as const) {
      socket.on(type, ({ data }: Envelope<Order>) => this.apply([data]));
    }
    socket.on('table.status_changed', ({ data }) => {
      this.tables = this.tables.map((table) => (table.id === data.id ? { ...table, ...data } : table));
      this.changed();
    });
    socket.on('waiter.called', ({ data, occurredAt }) => {
      this.calls.set(data.tableId, { tableId: data.tableId, at: occurredAt });
      this.changed();
    });
    // A table added, changed or retired during service: the floor (and an area it may be in) again, from REST.
    socket.on('table.changed', () => void this.reloadFloor());
    const reloadMenu = () => void this.reloadMenu();
    socket.on('menu.availability_changed', reloadMenu);
    socket.on('menu.updated', reloadMenu);
  }

  /** Orders as an event or a write's reply showed them; an older version than the one held changes nothing. */
  apply(orders: readonly Order[]): void {
    for (const order of orders) this.newest.apply(order);
    this.changed();
  }

  answerCall(tableId: string): void {
    this.calls.delete(tableId);
    this.changed();
  }

  table(id: string | null): Table | undefined {
    return this.tables.find((table) => table.id === id);
  }

  liveOrders(): Order[] {
    return [...this.newest.orders.values()].filter(isLive);
  }

  /** The live orders at a table, oldest first. */
  ordersAt(tableId: string): Order[] {
    return this.liveOrders()
      .filter((order) => order.tableId === tableId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private readFloor(): Promise<[Location[], Table[]]> {
    return Promise.all([
      everyPage((page) =>
        ok(this.api.GET('/api/v1/locations', { params: { query: { page, perPage: PER_PAGE } } })),
      ),
      everyPage((page) =>
        ok(this.api.GET('/api/v1/tables', { params: { query: { page, perPage: PER_PAGE } } })),
      ),
    ]);
  }

  private async reloadFloor(): Promise<void> {
    [this.locations, this.tables] = await this.readFloor().catch(() => [this.locations, this.tables]);
    this.changed();
  }

  private async reloadMenu(): Promise<void> {
    this.menu = await ok(this.api.GET('/api/v1/menu')).catch(() => this.menu);
    this.changed();
  }

  private changed(): void {
    keepLastKnown(this.newest.orders.values());
    for (const listener of this.listeners) listener();
  }
}

/**
 * The orders as the waiter should see them: what the service holds, with the writes not sent yet laid on top (an
 * order opened offline, lines added offline), so nothing tapped disappears while it waits.
 */
export function withWaiting(
  orders: ReadonlyMap<string, Order>,
  waiting: readonly Waiting[],
): Map<string, Order> {
  const projected = new Map(orders);
  for (const { action } of waiting) {
    const change: Change = action.change;
    if (change.kind === 'open-order' && !projected.has(change.orderId)) {
      projected.set(change.orderId, draftOrder(change));
    } else if (change.kind === 'add-items' || change.kind === 'open-order') {
      const order = projected.get(change.orderId);
      if (!order) continue;
      const known = new Set(order.items.map((item) => item.id));
      const added = change.lines.filter((line) => !known.has(line.item.id)).map(draftItem);
      projected.set(order.id, { ...order, items: [...order.items, ...added] });
    }
  }
  return projected;
}

/** An order opened on this tablet and not yet on the service: number 0 until the service gives it one. */
function draftOrder(change: Extract<Change, { kind: 'open-order' }>): Order {
  const now = new Date().toISOString();
  const items = change.lines.map(draftItem);
  const total = items.reduce((sum, item) => sum + item.total, 0);
  return {
    id: change.orderId,
    number: 0,
    type: change.tableId === null ? 'takeaway' : 'dine_in',
    source: 'staff',
    status: 'open',
    tableId: change.tableId,
    guests: change.tableId === null ? null : change.guests,
    waiterId: null,
    notes: null,
    items,
    subtotal: total,
    discount: 0,
    discountDetail: null,
    serviceCharge: 0,
    tax: 0,
    taxes: [],
    total,
    paid: 0,
    due: total,
    refundDue: 0,
    paymentStatus: 'unpaid',
    shares: [],
    customer: null,
    fulfilment: change.tableId === null ? draftFulfilment(change.customerName) : null,
    rush: false,
    cancelReason: null,
    businessDay: now.slice(0, 10),
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    billPrintedAt: null,
    deviceId: null,
    version: 0,
  };
}

/** A takeaway order's fulfilment as the service will start it: accepted, the restaurant's own. */
function draftFulfilment(customerName: string | null): Order['fulfilment'] {
  return {
    status: 'accepted',
    customerName,
    phone: null,
    phoneVerified: null,
    address: null,
    promisedAt: null,
    channel: 'own',
    externalId: null,
    splitFrom: null,
    courier: null,
    reason: null,
  };
}

/** A line not sent yet: status "new", marked by `version: 0` on its order or by being absent on the service's. */
function draftItem(line: {
  item: Schemas['OrderItemInput'] & { id: string };
  label: string;
  unitPrice: number;
}) {
  const item = line.item;
  return {
    id: item.id,
    dishId: item.dishId,
    variationId: item.variationId ?? '',
    name: line.label,
    variationName: '',
    quantity: item.quantity,
    listPrice: line.unitPrice,
    unitPrice: line.unitPrice,
    priceSource: 'menu' as const,
    priceRuleId: null,
    priceLevelId: null,
    modifiers: [],
    taxes: [],
    seat: item.seat ?? null,
    course: item.course ?? 1,
    status: item.hold ? ('held' as const) : ('new' as const),
    comment: item.comment ?? null,
    total: line.unitPrice * item.quantity,
    stationId: null,
    firedAt: null,
    startedAt: null,
    readyAt: null,
    servedAt: null,
    changedAt: null,
    voidReason: null,
  };
}
