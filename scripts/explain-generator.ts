/**
 * The seeded generator of the audit's rows (scripts/explain-plans.ts): the shape of the data, the values the
 * statements look up, and the restaurant itself (staff, floor, menu).
 */
import type { Kind } from './explain-database';

export type Row = Record<string, unknown>;
export type Rows = Map<string, Row[]>;

export const DAY_MS = 86_400_000;
const HISTORY_MS = 365 * DAY_MS;
/** The newest orders are still being worked on; the rest are closed (or cancelled). */
export const ACTIVE_ORDERS = 25;
const TABLES = 30;
const WAITERS = 15;
const STATIONS = 3;
const DISHES = 12;
export const ITEMS_PER_ORDER = 3;
export const EVENTS_PER_ORDER = 4;
export const ORDERS_PER_SESSION = 20;
export const TOKENS_PER_SESSION = 10;
export const PRICE = 1250;
/** The methods the first migration seeds: every generated payment is cash, so card has none. */
export const CASH_METHOD = '5b0c8f5e-8f2a-4c1e-9a55-1c2f00000001';
export const CARD_METHOD = '5b0c8f5e-8f2a-4c1e-9a55-1c2f00000002';

/** mulberry32: the same seed gives both databases the same rows. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The restaurant and the values the queries look up, known once the data is generated. */
export interface Samples {
  activeOrderId: string;
  activeTableId: string;
  /** A table and a waiter without orders (a new terrace table, a new hire): the worst case of a filtered list. */
  idleTableId: string;
  idleWaiterId: string;
  closedOrderId: string;
  closedPaymentId: string;
  recentOrderIds: string[];
  waiterId: string;
  stationId: string;
  qrToken: string;
  lastSeq: number;
  oldestEventAt: Date;
  idempotency: { scope: string; key: string };
  session: { id: string; userId: string };
  refreshTokenId: string;
  username: string;
  /** An order with an audit entry (its discount). */
  auditedOrderId: string;
}

export class Generator {
  readonly random = seededRandom(20_240_601);
  readonly now = new Date(Math.floor(Date.now() / 1000) * 1000);
  readonly users: string[] = [];
  readonly waiters: string[] = [];
  readonly tables: Array<{ id: string; qrToken: string }> = [];
  readonly idle = { tableId: '', waiterId: '' };
  readonly dishes: Array<{ id: string; variationId: string; stationId: string }> = [];
  readonly stations: string[] = [];
  readonly ticketNumbers = new Map<string, number>();
  readonly samples: Partial<Samples> = { recentOrderIds: [] };
  seq = 0;

  constructor(
    readonly kind: Kind,
    readonly orders: number,
  ) {}

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  /** A time as the service stores it: timestamptz on PostgreSQL, UTC datetime text on SQLite (as TypeORM). */
  stamp(date: Date | null): string | null {
    if (!date) return null;
    return this.kind === 'postgres' ? date.toISOString() : date.toISOString().replace('T', ' ').slice(0, 23);
  }

  bool(value: boolean): boolean | number {
    return this.kind === 'postgres' ? value : value ? 1 : 0;
  }

  /** When the i-th order was created: a year of history, evenly spread, the last one minutes ago. */
  createdAt(i: number): Date {
    return new Date(this.now.getTime() - ((this.orders - i) * HISTORY_MS) / this.orders);
  }
}

export function add(rows: Rows, table: string, ...added: Row[]): void {
  const list = rows.get(table) ?? [];
  list.push(...added);
  rows.set(table, list);
}

/** Staff, the floor and the menu: small tables, written once. */
export function restaurantRows(g: Generator): Rows {
  const rows: Rows = new Map();
  const at = g.stamp(new Date(g.now.getTime() - HISTORY_MS - DAY_MS));
  const user = (username: string, role: string) => {
    const id = g.uuid();
    g.users.push(id);
    add(rows, 'users', {
      id,
      username,
      display_name: username,
      role,
      password_hash: 'x',
      pin_hash: null,
      active: g.bool(true),
      created_at: at,
      updated_at: at,
    });
    return id;
  };
  user('admin', 'admin');
  for (let i = 1; i <= WAITERS; i++) g.waiters.push(user(`waiter${i}`, 'waiter'));
  for (let i = 1; i <= STATIONS; i++) user(`kitchen${i}`, 'kitchen');
  g.idle.waiterId = user('new-waiter', 'waiter');
  const location = g.uuid();
  add(rows, 'locations', { id: location, name: 'Room', sort_order: 0, created_at: at, updated_at: at });
  for (let i = 0; i <= TABLES; i++) {
    const table = { id: g.uuid(), qrToken: g.uuid().replace(/-/g, '') };
    if (i === 0) g.idle.tableId = table.id;
    else g.tables.push(table);
    add(rows, 'tables', {
      id: table.id,
      name: `T${i}`,
      location_id: location,
      seats: 4,
      status: 'free',
      qr_token: table.qrToken,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    });
  }
  addMenu(g, rows, at);
  return rows;
}

function addMenu(g: Generator, rows: Rows, at: string | null): void {
  const category = g.uuid();
  add(rows, 'categories', {
    id: category,
    name: 'Mains',
    sort_order: 0,
    active: g.bool(true),
    created_at: at,
    updated_at: at,
  });
  for (let i = 1; i <= STATIONS; i++) {
    g.stations.push(g.uuid());
    add(rows, 'stations', { id: g.stations[i - 1], name: `Station ${i}`, created_at: at, updated_at: at });
  }
  for (let i = 0; i < DISHES; i++) {
    const dish = { id: g.uuid(), variationId: g.uuid(), stationId: g.stations[i % STATIONS] };
    g.dishes.push(dish);
    add(rows, 'dishes', {
      id: dish.id,
      name: `Dish ${i}`,
      description: '',
      category_id: category,
      station_id: dish.stationId,
      available: g.bool(true),
      prep_minutes: 10,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    });
    add(rows, 'dish_variations', {
      id: dish.variationId,
      dish_id: dish.id,
      name: 'Regular',
      price: PRICE,
      available: g.bool(true),
      sort_order: 0,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    });
  }
}
