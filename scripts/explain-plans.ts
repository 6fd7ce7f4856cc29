/**
 * Query-plan audit: fills a database with N orders (3 items, 4 events and, when closed, a payment each; a year of
 * history with the sessions, tokens, security events and audit rows that grow beside them), then EXPLAINs every
 * list and lookup the service runs, on SQLite and (with --database) PostgreSQL, and prints a markdown table of
 * which statements stay on an index and which scan.
 *
 *   npx ts-node --transpile-only scripts/explain-plans.ts [--database postgres://postgres@127.0.0.1:5432]
 *     [--orders 100000] [--keep]
 *
 * The statements are TypeORM's own, built from the same find options as the services in src/ (or copied from
 * their raw SQL), so they are what the service sends. The data comes from a seeded generator, so both databases
 * hold the same rows. The SQLite file lives in a temp folder; on PostgreSQL the database is `explain_audit`. Both
 * are deleted at the end unless --keep.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import {
  Between,
  DataSource,
  EntityTarget,
  FindManyOptions,
  FindOptionsWhere,
  In,
  IsNull,
  MoreThan,
  MoreThanOrEqual,
  Not,
  ObjectLiteral,
} from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { SecurityEvent } from '../src/audit/security-event.entity';
import { AuthSession } from '../src/auth/auth-session.entity';
import { LoginAttempt } from '../src/auth/login-attempt.entity';
import { RefreshToken } from '../src/auth/refresh-token.entity';
import { ENTITIES } from '../src/entities';
import { SnakeNamingStrategy } from '../src/database/snake-naming.strategy';
import { EventRecord } from '../src/event-log/event-record.entity';
import { DiningTable } from '../src/floor/table.entity';
import { IdempotencyKey } from '../src/idempotency/idempotency-key.entity';
import { OrderItem } from '../src/orders/order-item.entity';
import { ACTIVE_ORDER_STATUSES, ItemStatus, OrderStatus } from '../src/orders/order-status';
import { Order } from '../src/orders/order.entity';
import { Payment, PaymentMethod, Refund } from '../src/payments/payment.entities';
import { RateLimitBucket } from '../src/rate-limit/rate-limit-bucket.entity';
import { User } from '../src/users/user.entity';

// ---------------------------------------------------------------- options

interface Options {
  database: string | null;
  orders: number;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { database: null, orders: 100_000, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--database') options.database = argv[++i];
    else if (arg === '--orders') options.orders = Number(argv[++i]);
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.orders) || options.orders < 100) throw new Error('--orders: at least 100');
  return options;
}

const say = (line: string) => process.stderr.write(`explain: ${line}\n`);

// ---------------------------------------------------------------- databases

type Kind = 'sqlite' | 'postgres';
const PG_DATABASE = 'explain_audit';

interface AuditDb {
  kind: Kind;
  ds: DataSource;
  drop(): Promise<void>;
}

async function openSqlite(keep: boolean): Promise<AuditDb> {
  const folder = mkdtempSync(join(os.tmpdir(), 'explain-audit-'));
  const ds = await new DataSource({
    ...typeormCommon(),
    type: 'sqlite',
    database: join(folder, 'pos.sqlite'),
  }).initialize();
  // As the service runs it (WAL); no ANALYZE, because the service never runs one: these are its plans.
  await ds.query('PRAGMA journal_mode = WAL');
  await ds.query('PRAGMA foreign_keys = ON');
  const drop = async () => {
    await ds.destroy();
    if (keep) say(`kept ${folder}/pos.sqlite`);
    else rmSync(folder, { recursive: true, force: true });
  };
  return { kind: 'sqlite', ds, drop };
}

async function openPostgres(server: string, keep: boolean): Promise<AuditDb> {
  const url = new URL(server);
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error('--database must be a postgres:// URL');
  url.pathname = '/postgres';
  const admin = await new DataSource({
    ...typeormCommon(),
    type: 'postgres',
    url: url.toString(),
  }).initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${PG_DATABASE}`);
  url.pathname = `/${PG_DATABASE}`;
  const ds = await new DataSource({ ...typeormCommon(), type: 'postgres', url: url.toString() }).initialize();
  const drop = async () => {
    await ds.destroy();
    if (keep) say(`kept database ${PG_DATABASE}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
    await admin.destroy();
  };
  return { kind: 'postgres', ds, drop };
}

/** The service's entities, naming and migrations (src/database/data-source-options.ts), without its logging. */
function typeormCommon() {
  return {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false as const,
  };
}

// ---------------------------------------------------------------- data

type Row = Record<string, unknown>;
type Rows = Map<string, Row[]>;

const DAY_MS = 86_400_000;
const HISTORY_MS = 365 * DAY_MS;
/** The newest orders are still being worked on; the rest are closed (or cancelled). */
const ACTIVE_ORDERS = 25;
const TABLES = 30;
const WAITERS = 15;
const STATIONS = 3;
const DISHES = 12;
const ITEMS_PER_ORDER = 3;
const EVENTS_PER_ORDER = 4;
const ORDERS_PER_SESSION = 20;
const TOKENS_PER_SESSION = 10;
const PRICE = 1250;
/** The methods the first migration seeds: every generated payment is cash, so card has none. */
const CASH_METHOD = '5b0c8f5e-8f2a-4c1e-9a55-1c2f00000001';
const CARD_METHOD = '5b0c8f5e-8f2a-4c1e-9a55-1c2f00000002';
const ORDERS_PER_BATCH = 1_000;
const PARAMS_PER_STATEMENT = 30_000; // under SQLite's 32,766 and PostgreSQL's 65,535

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
interface Samples {
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
}

class Generator {
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

function add(rows: Rows, table: string, ...added: Row[]): void {
  const list = rows.get(table) ?? [];
  list.push(...added);
  rows.set(table, list);
}

/** Staff, the floor and the menu: small tables, written once. */
function restaurantRows(g: Generator): Rows {
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

const ACTIVE_CYCLE = [
  OrderStatus.Pending,
  OrderStatus.Open,
  OrderStatus.InProgress,
  OrderStatus.Ready,
  OrderStatus.Served,
];

function orderStatusOf(g: Generator, i: number): OrderStatus {
  const fromEnd = g.orders - 1 - i;
  if (fromEnd < ACTIVE_ORDERS) return ACTIVE_CYCLE[fromEnd % ACTIVE_CYCLE.length];
  return g.random() < 0.03 ? OrderStatus.Cancelled : OrderStatus.Closed;
}

/** Item statuses as the kitchen leaves them for an order in `status`. */
function itemStatusOf(status: OrderStatus, position: number): ItemStatus {
  switch (status) {
    case OrderStatus.Pending:
    case OrderStatus.Open:
      return ItemStatus.New;
    case OrderStatus.InProgress:
      return [ItemStatus.InProgress, ItemStatus.New, ItemStatus.Ready][position % 3];
    case OrderStatus.Ready:
      return position === 0 ? ItemStatus.Served : ItemStatus.Ready;
    case OrderStatus.Served:
    case OrderStatus.Closed:
      return ItemStatus.Served;
    case OrderStatus.Cancelled:
      return ItemStatus.Cancelled;
  }
}

/** The i-th order with its items, events, payment (and sometimes refund) and idempotency key. */
function addOrder(g: Generator, rows: Rows, i: number): void {
  const createdAt = g.createdAt(i);
  const status = orderStatusOf(g, i);
  const dineIn = g.random() < 0.8;
  const qr = g.random() < 0.1;
  const table = dineIn ? g.pick(g.tables) : null;
  const waiterId = qr ? null : g.pick(g.waiters);
  const businessDay = createdAt.toISOString().slice(0, 10);
  const number = (g.ticketNumbers.get(businessDay) ?? 0) + 1;
  g.ticketNumbers.set(businessDay, number);
  const total = PRICE * ITEMS_PER_ORDER;
  const closed = status === OrderStatus.Closed;
  const order: Row = {
    id: g.uuid(),
    number,
    business_day: businessDay,
    type: dineIn ? 'dine_in' : 'takeaway',
    source: qr ? 'qr' : 'staff',
    status,
    table_id: table?.id ?? null,
    waiter_id: waiterId,
    guests: 2,
    notes: null,
    discount_kind: null,
    discount_value: null,
    discount_reason: null,
    subtotal: total,
    discount: 0,
    service_charge: 0,
    tax: 0,
    total,
    paid: closed ? total : 0,
    due: closed || status === OrderStatus.Cancelled ? 0 : total,
    refunded: 0,
    tips: 0,
    payment_status: closed ? 'paid' : 'unpaid',
    version: closed ? 9 : 2,
    cancel_reason: status === OrderStatus.Cancelled ? 'guest left' : null,
    created_at: g.stamp(createdAt),
    updated_at: g.stamp(createdAt),
    closed_at: closed ? g.stamp(new Date(createdAt.getTime() + 3_600_000)) : null,
  };
  add(rows, 'orders', order);
  addItems(g, rows, order, createdAt);
  addEvents(g, rows, order, createdAt);
  if (closed) addPayment(g, rows, order, createdAt, i);
  if (waiterId) addIdempotencyKey(g, rows, order, waiterId, createdAt);
  noteSamples(g, order, i);
}

function addItems(g: Generator, rows: Rows, order: Row, createdAt: Date): void {
  const status = order.status as OrderStatus;
  const fired = status === OrderStatus.Pending ? null : createdAt;
  for (let position = 0; position < ITEMS_PER_ORDER; position++) {
    const dish = g.pick(g.dishes);
    const itemStatus = itemStatusOf(status, position);
    const done = (s: ItemStatus[]) =>
      s.includes(itemStatus) ? g.stamp(new Date(createdAt.getTime() + 900_000)) : null;
    add(rows, 'order_items', {
      id: g.uuid(),
      order_id: order.id,
      position,
      dish_id: dish.id,
      variation_id: dish.variationId,
      name: 'Dish',
      variation_name: 'Regular',
      unit_price: PRICE,
      quantity: 1,
      comment: null,
      status: itemStatus,
      station_id: dish.stationId,
      prep_minutes: 10,
      fired_at: g.stamp(fired),
      started_at: done([ItemStatus.InProgress, ItemStatus.Ready, ItemStatus.Served]),
      ready_at: done([ItemStatus.Ready, ItemStatus.Served]),
      served_at: done([ItemStatus.Served]),
      cancelled_at: done([ItemStatus.Cancelled]),
      void_reason: null,
      voided_by: null,
      // Some closed orders ran late once; the live ones have not been flagged yet.
      delayed_at: status === OrderStatus.Closed && g.random() < 0.1 ? g.stamp(createdAt) : null,
      created_at: g.stamp(createdAt),
    });
  }
}

const EVENT_TYPES = ['order.created', 'order.item_status_changed', 'order.paid', 'order.status_changed'];

/** Events carry a compact order view (the real ones are ~1.5 KB): what matters here is their count. */
function addEvents(g: Generator, rows: Rows, order: Row, createdAt: Date): void {
  for (let k = 0; k < EVENTS_PER_ORDER; k++) {
    const at = new Date(Math.min(createdAt.getTime() + k * 600_000, g.now.getTime()));
    const data = { id: order.id, number: order.number, status: order.status, tableId: order.table_id };
    add(rows, 'events', {
      seq: ++g.seq,
      type: EVENT_TYPES[k],
      occurred_at: g.stamp(at),
      data: JSON.stringify({ ...data, padding: 'x'.repeat(200) }),
      audience: JSON.stringify({ roles: ['waiter', 'manager', 'admin'], stations: [] }),
    });
  }
}

function addPayment(g: Generator, rows: Rows, order: Row, createdAt: Date, i: number): void {
  const paymentId = g.uuid();
  const at = g.stamp(new Date(createdAt.getTime() + 3_000_000));
  add(rows, 'payments', {
    id: paymentId,
    order_id: order.id,
    method_id: CASH_METHOD,
    amount: order.total,
    tendered: order.total,
    change: 0,
    tip: 0,
    refunded: i % 100 === 7 ? 100 : 0,
    status: i % 100 === 7 ? 'partially_refunded' : 'completed',
    taken_by: order.waiter_id,
    created_at: at,
  });
  if (i % 100 === 7) {
    add(rows, 'refunds', {
      id: g.uuid(),
      payment_id: paymentId,
      amount: 100,
      reason: 'cold soup',
      refunded_by: g.users[0],
      created_at: at,
    });
  }
  if (i === Math.floor(g.orders / 2) || !g.samples.closedPaymentId) {
    g.samples.closedOrderId = order.id as string;
    g.samples.closedPaymentId = paymentId;
  }
}

/** Keys live a day and are pruned hourly: only the last ~36 hours of orders still have one. */
function addIdempotencyKey(g: Generator, rows: Rows, order: Row, waiterId: string, createdAt: Date): void {
  if (g.now.getTime() - createdAt.getTime() > 1.5 * DAY_MS) return;
  const key = { scope: `staff:${waiterId}:waiter`, key: g.uuid() };
  add(rows, 'idempotency_keys', {
    ...key,
    fingerprint: 'f'.repeat(64),
    response_status: 201,
    response_body: JSON.stringify({ id: order.id }),
    created_at: g.stamp(createdAt),
    expires_at: g.stamp(new Date(createdAt.getTime() + DAY_MS)),
  });
  g.samples.idempotency = key;
}

function noteSamples(g: Generator, order: Row, i: number): void {
  const recent = g.samples.recentOrderIds!;
  recent.push(order.id as string);
  if (recent.length > 20) recent.shift();
  const active = (ACTIVE_ORDER_STATUSES as string[]).includes(order.status as string);
  if (active && order.table_id) {
    g.samples.activeOrderId = order.id as string;
    g.samples.activeTableId = order.table_id as string;
  }
  if (i === 0) g.samples.oldestEventAt = g.createdAt(0);
}

/** One session per ORDERS_PER_SESSION orders: its rotated refresh tokens, login and logout. */
function addSession(g: Generator, rows: Rows, i: number): void {
  const userId = g.pick(g.waiters);
  const startedAt = g.createdAt(i);
  const endedAt = new Date(startedAt.getTime() + 8 * 3_600_000);
  const ended = endedAt < g.now;
  const session = { id: g.uuid(), userId };
  add(rows, 'auth_sessions', {
    id: session.id,
    user_id: userId,
    method: 'pin',
    created_at: g.stamp(startedAt),
    revoked_at: ended ? g.stamp(endedAt) : null,
    revoked_reason: ended ? 'logout' : null,
  });
  for (let k = 0; k < TOKENS_PER_SESSION; k++) {
    const id = g.uuid();
    add(rows, 'refresh_tokens', {
      id,
      session_id: session.id,
      secret_hash: 'a'.repeat(64),
      created_at: g.stamp(new Date(startedAt.getTime() + k * 900_000)),
      expires_at: g.stamp(new Date(startedAt.getTime() + 30 * DAY_MS)),
      used_at: k < TOKENS_PER_SESSION - 1 ? g.stamp(startedAt) : null,
    });
    g.samples.refreshTokenId = id;
  }
  const security = (type: string, at: Date) =>
    add(rows, 'security_events', {
      id: g.uuid(),
      type,
      user_id: userId,
      subject: userId,
      ip: '10.0.0.7',
      details: '{"method":"pin"}',
      occurred_at: g.stamp(at),
    });
  security('login_succeeded', startedAt);
  if (ended) security('logout', endedAt);
  add(rows, 'audit_log', {
    id: g.uuid(),
    actor: `staff:${userId}`,
    actor_user_id: userId,
    action: 'order.discount_applied',
    entity_type: 'order',
    entity_id: g.uuid(),
    before: '{}',
    after: '{}',
    occurred_at: g.stamp(startedAt),
  });
  g.samples.session = session;
}

/** Counters, throttles and rate-limit windows: rows the service keeps a handful of. */
function bookkeepingRows(g: Generator): Rows {
  const rows: Rows = new Map();
  for (const [day, last] of g.ticketNumbers)
    add(rows, 'order_numbers', { business_day: day, last_number: last });
  for (let k = 0; k < 50; k++) {
    add(rows, 'login_attempts', {
      scope: k % 2 ? 'ip' : 'account',
      subject: `10.0.${k}.1`,
      failures: 1,
      window_started_at: g.stamp(g.now),
      lockouts: 0,
      locked_until: null,
      updated_at: g.stamp(g.now),
    });
  }
  for (let k = 0; k < 200; k++) {
    add(rows, 'rate_limit_buckets', {
      bucket: `call-waiter:ip:10.0.${k}.1`,
      window_started_at: g.stamp(new Date(g.now.getTime() - k * 30_000)),
      hits: 1,
    });
  }
  return rows;
}

/** Parents first, so foreign keys hold at every statement. */
const TABLE_ORDER = [
  'users',
  'locations',
  'tables',
  'categories',
  'stations',
  'dishes',
  'dish_variations',
  'orders',
  'order_items',
  'payments',
  'refunds',
  'events',
  'idempotency_keys',
  'auth_sessions',
  'refresh_tokens',
  'security_events',
  'audit_log',
  'order_numbers',
  'login_attempts',
  'rate_limit_buckets',
];

async function writeRows(db: AuditDb, rows: Rows): Promise<void> {
  const runner = db.ds.createQueryRunner();
  await runner.startTransaction();
  try {
    for (const table of TABLE_ORDER) {
      const list = rows.get(table) ?? [];
      const columns = list.length ? Object.keys(list[0]) : [];
      const perStatement = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / Math.max(1, columns.length)));
      for (let start = 0; start < list.length; start += perStatement) {
        const chunk = list.slice(start, start + perStatement);
        await runner.query(insertSql(db.kind, table, columns, chunk.length), chunk.flatMap(Object.values));
      }
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

function insertSql(kind: Kind, table: string, columns: string[], count: number): string {
  let n = 0;
  const slot = () => (kind === 'postgres' ? `$${++n}` : '?');
  const tuples = Array.from({ length: count }, () => `(${columns.map(slot).join(', ')})`);
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`;
}

/** Creates the schema with the service's migrations and fills it; answers the values the queries look up. */
async function fill(db: AuditDb, orders: number): Promise<Samples> {
  await db.ds.runMigrations({ transaction: 'each' });
  const g = new Generator(db.kind, orders);
  await writeRows(db, restaurantRows(g));
  for (let first = 0; first < orders; first += ORDERS_PER_BATCH) {
    const rows: Rows = new Map();
    for (let i = first; i < Math.min(orders, first + ORDERS_PER_BATCH); i++) {
      addOrder(g, rows, i);
      if (i % ORDERS_PER_SESSION === 0) addSession(g, rows, i);
    }
    await writeRows(db, rows);
  }
  await writeRows(db, bookkeepingRows(g));
  await db.ds.query(`UPDATE event_sequence SET last_seq = ${g.seq} WHERE id = 1`);
  // PostgreSQL as autovacuum would leave it: statistics and a visibility map (for index-only scans).
  if (db.kind === 'postgres') await db.ds.query('VACUUM ANALYZE');
  return {
    ...(g.samples as Samples),
    waiterId: g.waiters[0],
    idleTableId: g.idle.tableId,
    idleWaiterId: g.idle.waiterId,
    stationId: g.stations[0],
    qrToken: g.tables[0].qrToken,
    lastSeq: g.seq,
    username: 'waiter1',
  };
}

// ---------------------------------------------------------------- the service's statements

interface Statement {
  sql: string;
  params: unknown[];
}

interface QueryCase {
  name: string;
  /** Where the service sends it. */
  source: string;
  build(b: SqlBuilder, s: Samples): Statement;
  /** A write: explained (and timed) in a transaction that is rolled back. */
  write?: boolean;
}

/** TypeORM's SQL for a find, count or exists, as EntityManager builds it (alias: the entity's name). */
class SqlBuilder {
  constructor(
    readonly ds: DataSource,
    readonly kind: Kind,
  ) {}

  find<T extends ObjectLiteral>(entity: EntityTarget<T>, options: FindManyOptions<T>): Statement {
    const [sql, params] = this.query(entity, options).getQueryAndParameters();
    return { sql, params };
  }

  findOne<T extends ObjectLiteral>(entity: EntityTarget<T>, options: FindManyOptions<T>): Statement {
    return this.find(entity, { ...options, take: 1 });
  }

  /** The row lock the service asks for on PostgreSQL only (Database.forUpdate). */
  locked<T extends ObjectLiteral>(options: FindManyOptions<T>): FindManyOptions<T> {
    return this.kind === 'postgres' ? { ...options, lock: { mode: 'pessimistic_write' } } : options;
  }

  /** count(), and findAndCount()'s second statement: run when a page is full or not the first. */
  count<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindManyOptions<T>['where']): Statement {
    const qb = this.query(entity, { where });
    const [sql, params] = qb.select('COUNT(1)', 'cnt').getQueryAndParameters();
    return { sql, params };
  }

  exists<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T>): Statement {
    const inner = this.query(entity, { where });
    const qb = this.ds.createQueryBuilder().fromDummy().select('1', 'row_exists').whereExists(inner).limit(1);
    const [sql, params] = qb.getQueryAndParameters();
    return { sql, params };
  }

  /** Database.selectRows: every column by name, `$n` placeholders, FOR UPDATE on PostgreSQL when locked. */
  selectRows<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    where: string,
    params: unknown[],
    lock = false,
  ) {
    const metadata = this.ds.getMetadata(entity);
    const names = [...new Set(metadata.columns.map((column) => `"${column.databaseName}"`))].join(', ');
    const forUpdate = lock && this.kind === 'postgres' ? ' FOR UPDATE' : '';
    return this.raw(`SELECT ${names} FROM "${metadata.tableName}" WHERE ${where}${forUpdate}`, params);
  }

  /** Raw SQL as the service writes it (`$n`), made SQLite's `?n` as Database.toSqlite does. */
  raw(sql: string, params: unknown[]): Statement {
    return { sql: this.kind === 'sqlite' ? sql.replace(/\$(\d+)/g, '?$1') : sql, params };
  }

  /** A time as a query parameter: TypeORM sends SQLite its datetime text. */
  time(date: Date): unknown {
    return this.kind === 'sqlite' ? date.toISOString().replace('T', ' ').slice(0, 23) : date;
  }

  private query<T extends ObjectLiteral>(entity: EntityTarget<T>, options: FindManyOptions<T>) {
    const name = this.ds.getMetadata(entity).name;
    return this.ds.getRepository(entity).createQueryBuilder(name).setFindOptions(options);
  }
}

const KITCHEN_ORDERS = [OrderStatus.Open, OrderStatus.InProgress, OrderStatus.Ready];
const ON_THE_PASS = [ItemStatus.New, ItemStatus.InProgress, ItemStatus.Ready];
const COOKING = [ItemStatus.New, ItemStatus.InProgress];
const LIST_ORDER = { createdAt: 'DESC', id: 'ASC' } as const;
const PAGE = 20;

const ago = (ms: number) => new Date(Date.now() - ms);

/** GET /orders (OrdersService.list): the page and, when full or not the first, its count. */
function listCases(): QueryCase[] {
  const week = () => Between(ago(7 * DAY_MS), new Date());
  const filters: Array<[string, (s: Samples) => FindOptionsWhere<Order>, number]> = [
    ['no filter', () => ({}), 0],
    ['no filter, page 50', () => ({}), 49 * PAGE],
    ['status=closed', () => ({ status: OrderStatus.Closed }), 0],
    ['status=open', () => ({ status: OrderStatus.Open }), 0],
    ['tableId', (s) => ({ tableId: s.activeTableId }), 0],
    ['tableId of a table without orders', (s) => ({ tableId: s.idleTableId }), 0],
    ['waiterId', (s) => ({ waiterId: s.waiterId }), 0],
    ['waiterId of a waiter without orders', (s) => ({ waiterId: s.idleWaiterId }), 0],
    ['from/to (7 days)', () => ({ createdAt: week() }), 0],
    ['from (7 days ago)', () => ({ createdAt: MoreThanOrEqual(ago(7 * DAY_MS)) }), 0],
    ['status=closed + from/to', () => ({ status: OrderStatus.Closed, createdAt: week() }), 0],
    ['tableId + status=closed', (s) => ({ tableId: s.activeTableId, status: OrderStatus.Closed }), 0],
    ['waiterId + status=closed', (s) => ({ waiterId: s.waiterId, status: OrderStatus.Closed }), 0],
  ];
  return filters.flatMap(([label, where, skip]) => [
    {
      name: `GET /orders ${label}`,
      source: 'orders.service list',
      build: (b, s) => b.find(Order, { where: where(s), order: LIST_ORDER, skip, take: PAGE }),
    },
    {
      name: `GET /orders ${label}: COUNT`,
      source: 'orders.service list (findAndCount)',
      build: (b, s) => b.count(Order, where(s)),
    },
  ]);
}

/** The stats summary (OrderStatsService.summary), over the default day and over a month. */
function statsCase(label: string, rangeMs: number): QueryCase {
  return {
    name: `GET /orders/stats/summary (${label})`,
    source: 'order-stats.service summary',
    build: (b) => {
      const qb = b.ds
        .getRepository(Order)
        .createQueryBuilder('o')
        .select('o.status', 'status')
        .addSelect('COUNT(*)', 'orders')
        .addSelect('COALESCE(SUM(o.paid), 0)', 'revenue')
        .addSelect('COALESCE(SUM(o.discount), 0)', 'discounts')
        .addSelect('COALESCE(SUM(o.service_charge), 0)', 'serviceCharges')
        .addSelect('COALESCE(SUM(o.tax), 0)', 'tax')
        .addSelect('COALESCE(SUM(o.tips), 0)', 'tips')
        .where({ createdAt: Between(ago(rangeMs), new Date()) })
        .groupBy('o.status');
      const [sql, params] = qb.getQueryAndParameters();
      return { sql, params };
    },
  };
}

const NEXT_TICKET_NUMBER = `INSERT INTO order_numbers (business_day, last_number) VALUES ($1, 1)
  ON CONFLICT (business_day) DO UPDATE SET last_number = order_numbers.last_number + 1
  RETURNING last_number`;

function orderCases(): QueryCase[] {
  return [
    {
      name: 'order by id, locked (every change)',
      source: 'orders.service change',
      build: (b, s) => b.selectRows(Order, 'id = $1', [s.activeOrderId], true),
    },
    {
      name: 'items of an order (every change)',
      source: 'orders.service change',
      build: (b, s) => b.selectRows(OrderItem, 'order_id = $1', [s.activeOrderId]),
    },
    {
      name: 'update order by id (every change)',
      source: 'database.service updateRows',
      write: true,
      build: (b, s) => b.raw('UPDATE "orders" SET "version" = $1 WHERE "id" = $2', [3, s.activeOrderId]),
    },
    {
      name: 'GET /orders/:id: order',
      source: 'orders.service get',
      build: (b, s) => b.findOne(Order, { where: { id: s.closedOrderId } }),
    },
    {
      name: 'GET /orders/:id: items',
      source: 'orders.service get',
      build: (b, s) => b.find(OrderItem, { where: { orderId: s.closedOrderId } }),
    },
    {
      name: 'items of a page of 20 orders',
      source: 'orders.service views',
      build: (b, s) => b.find(OrderItem, { where: { orderId: In(s.recentOrderIds) } }),
    },
    {
      name: 'dining table by id (create)',
      source: 'orders.service tableFor',
      build: (b, s) => b.selectRows(DiningTable, 'id = $1 AND deleted_at IS NULL', [s.activeTableId]),
    },
    {
      name: 'dining table by id (followTable)',
      source: 'orders.service followTable',
      build: (b, s) => b.findOne(DiningTable, { where: { id: s.activeTableId } }),
    },
    {
      name: "table's other active orders: COUNT",
      source: 'orders.service followTable',
      build: (b, s) =>
        b.count(Order, {
          tableId: s.activeTableId,
          status: In(ACTIVE_ORDER_STATUSES),
          id: Not(s.activeOrderId),
        }),
    },
    {
      name: 'ticket number upsert (order_numbers)',
      source: 'orders.service insertNumbered',
      write: true,
      build: (b) => b.raw(NEXT_TICKET_NUMBER, [new Date().toISOString().slice(0, 10)]),
    },
    ...listCases(),
    statsCase('1 day', DAY_MS),
    statsCase('30 days', 30 * DAY_MS),
    {
      name: 'delete user: has taken orders? (EXISTS)',
      source: 'users.service remove',
      build: (b, s) => b.exists(Order, { waiterId: s.waiterId }),
    },
  ];
}

function kitchenCases(): QueryCase[] {
  return [
    {
      name: 'kitchen tickets and delay scan: active orders',
      source: 'kitchen.service tickets, raiseDelays',
      build: (b) =>
        b.find(Order, { where: { status: In(KITCHEN_ORDERS) }, order: { createdAt: 'ASC', number: 'ASC' } }),
    },
    {
      name: 'kitchen tickets: live items of those orders (of a station)',
      source: 'kitchen.service tickets',
      build: (b, s) =>
        b.find(OrderItem, {
          where: { orderId: In(s.recentOrderIds), status: In(ON_THE_PASS), stationId: s.stationId },
        }),
    },
    {
      name: 'delay scan: cooking items of those orders (every 30 s)',
      source: 'kitchen.service raiseDelays',
      build: (b, s) =>
        b.find(OrderItem, {
          where: {
            orderId: In(s.recentOrderIds),
            status: In(COOKING),
            delayedAt: IsNull(),
            firedAt: Not(IsNull()),
          },
        }),
    },
  ];
}

function paymentCases(): QueryCase[] {
  return [
    {
      name: 'payment by id (refund)',
      source: 'payments.service refund',
      build: (b, s) => b.findOne(Payment, { where: { id: s.closedPaymentId } }),
    },
    {
      name: 'payment by id, locked (refund)',
      source: 'payments.service refund',
      build: (b, s) => b.findOne(Payment, b.locked({ where: { id: s.closedPaymentId } })),
    },
    {
      name: 'active payment method by id (pay)',
      source: 'payments.service pay',
      build: (b) => b.findOne(PaymentMethod, { where: { id: CASH_METHOD, active: true } }),
    },
    {
      name: 'delete payment method: used? (EXISTS, unused method)',
      source: 'payments.service removeMethod',
      build: (b) => b.exists(Payment, { methodId: CARD_METHOD }),
    },
    {
      name: 'payments of an order (no such read in src/)',
      source: '(index payments_order_id)',
      build: (b, s) => b.find(Payment, { where: { orderId: s.closedOrderId } }),
    },
    {
      name: 'refunds of a payment (no such read in src/)',
      source: '(index refunds_payment_id)',
      build: (b, s) => b.find(Refund, { where: { paymentId: s.closedPaymentId } }),
    },
  ];
}

const TAKE_SEQS = 'UPDATE event_sequence SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq';
const BOUNDS =
  'SELECT (SELECT last_seq FROM event_sequence WHERE id = 1) AS last_seq, (SELECT MIN(seq) FROM events) AS oldest_seq';

function eventCases(): QueryCase[] {
  const after = (since: (s: Samples) => number, take: number) => (b: SqlBuilder, s: Samples) =>
    b.find(EventRecord, { where: { seq: MoreThan(since(s)) }, order: { seq: 'ASC' }, take });
  return [
    {
      name: 'events after a seq, LIMIT 500 (feed)',
      source: 'event-feed readLog',
      build: after((s) => s.lastSeq - 50, 500),
    },
    {
      name: 'events after seq 0, LIMIT 100 (catch-up)',
      source: 'event-log after',
      build: after(() => 0, 100),
    },
    {
      name: 'event log bounds: last_seq, MIN(seq)',
      source: 'event-log bounds',
      build: (b) => b.raw(BOUNDS, []),
    },
    {
      name: 'take event seqs (event_sequence)',
      source: 'event-log insertWithSeqs',
      write: true,
      build: (b) => b.raw(TAKE_SEQS, [1]),
    },
    {
      name: 'event prune (steady state: 1 h past retention)',
      source: 'event-log prune',
      write: true,
      build: (b, s) =>
        b.raw('DELETE FROM "events" WHERE "occurred_at" < $1', [
          b.time(new Date(s.oldestEventAt.getTime() + 3_600_000)),
        ]),
    },
  ];
}

const STORE_UNLESS_LIVE = `INSERT INTO "idempotency_keys" ("scope", "key", "fingerprint", "response_status",
  "response_body", "created_at", "expires_at") VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint,
  response_status = excluded.response_status, response_body = excluded.response_body,
  created_at = excluded.created_at, expires_at = excluded.expires_at
  WHERE idempotency_keys.expires_at <= excluded.created_at
  RETURNING key`;

function idempotencyCases(): QueryCase[] {
  return [
    {
      name: 'idempotency key store (upsert)',
      source: 'idempotency.service execute',
      write: true,
      build: (b, s) => {
        const now = new Date();
        const params = [s.idempotency.scope, s.idempotency.key, 'f', 201, '{}'];
        return b.raw(STORE_UNLESS_LIVE, [...params, b.time(now), b.time(new Date(now.getTime() + DAY_MS))]);
      },
    },
    {
      name: 'idempotency key by (scope, key)',
      source: 'idempotency.service storedReply',
      build: (b, s) => b.findOne(IdempotencyKey, { where: s.idempotency }),
    },
    {
      name: 'idempotency prune (expires_at < now)',
      source: 'idempotency.service prune',
      write: true,
      build: (b) => b.raw('DELETE FROM "idempotency_keys" WHERE "expires_at" < $1', [b.time(new Date())]),
    },
  ];
}

/** AuthService.principalFor: findOne with a relation, which TypeORM splits into a DISTINCT id query and a load. */
function principalCases(): QueryCase[] {
  return [
    {
      name: 'session with user (token check, 1/2: ids)',
      source: 'auth.service principalFor',
      build: (b, s) => {
        const [inner, params] = b.ds
          .getRepository(AuthSession)
          .createQueryBuilder('AuthSession')
          .setFindOptions({
            where: { id: s.session.id, userId: s.session.userId },
            relations: { user: true },
          })
          .getQueryAndParameters();
        const sql = `SELECT DISTINCT "distinctAlias"."AuthSession_id" AS "ids_AuthSession_id" FROM (${inner}) "distinctAlias" ORDER BY "AuthSession_id" ASC LIMIT 1`;
        return { sql, params };
      },
    },
    {
      name: 'session with user (token check, 2/2: load)',
      source: 'auth.service principalFor',
      build: (b, s) =>
        b.find(AuthSession, {
          where: { id: s.session.id, userId: s.session.userId },
          relations: { user: true },
        }),
    },
  ];
}

function authCases(): QueryCase[] {
  const subjects = (s: Samples) => [
    { scope: 'account' as const, subject: `user:${s.session.userId}` },
    { scope: 'ip' as const, subject: '10.0.3.1' },
  ];
  return [
    ...principalCases(),
    {
      name: 'user by username (login)',
      source: 'auth.service loginWithPassword',
      build: (b, s) => b.findOne(User, { where: { username: s.username } }),
    },
    {
      name: 'login attempts of account and IP',
      source: 'login-throttle lockedForMs',
      build: (b, s) => b.find(LoginAttempt, { where: subjects(s) }),
    },
    {
      name: 'login attempt row, locked',
      source: 'database.service lockedRow',
      build: (b, s) => b.findOne(LoginAttempt, b.locked<LoginAttempt>({ where: subjects(s)[0] })),
    },
    {
      name: 'refresh token by id, locked',
      source: 'auth.service findPresentedToken',
      build: (b, s) => b.findOne(RefreshToken, b.locked({ where: { id: s.refreshTokenId } })),
    },
    {
      name: 'session by id (refresh)',
      source: 'auth.service refresh',
      build: (b, s) => b.findOne(AuthSession, { where: { id: s.session.id } }),
    },
    {
      name: 'GET /security/events',
      source: 'security-events.service list',
      build: (b) => b.find(SecurityEvent, { order: { occurredAt: 'DESC', id: 'DESC' }, skip: 0, take: PAGE }),
    },
    {
      name: 'GET /security/events: COUNT',
      source: 'security-events.service list',
      build: (b) => b.count(SecurityEvent, {}),
    },
  ];
}

function otherCases(): QueryCase[] {
  return [
    {
      name: 'rate-limit bucket, locked',
      source: 'rate-limiter hit',
      build: (b) => b.findOne(RateLimitBucket, b.locked({ where: { bucket: 'call-waiter:ip:10.0.1.1' } })),
    },
    {
      name: 'rate-limit prune (window_started_at < 1 h ago)',
      source: 'rate-limiter prune',
      write: true,
      build: (b) =>
        b.raw('DELETE FROM "rate_limit_buckets" WHERE "window_started_at" < $1', [b.time(ago(3_600_000))]),
    },
    {
      name: 'table by QR token (public QR routes)',
      source: 'floor.service tableByQrToken',
      build: (b, s) => b.findOne(DiningTable, { where: { qrToken: s.qrToken, deletedAt: IsNull() } }),
    },
  ];
}

function allCases(): QueryCase[] {
  return [
    ...orderCases(),
    ...kitchenCases(),
    ...paymentCases(),
    ...eventCases(),
    ...idempotencyCases(),
    ...authCases(),
    ...otherCases(),
  ];
}

// ---------------------------------------------------------------- explaining

/** Tables that grow with orders or time: a scan of one of them is a finding; of the others, it is fine. */
const GROWING = new Set([
  'orders',
  'order_items',
  'payments',
  'refunds',
  'events',
  'idempotency_keys',
  'auth_sessions',
  'refresh_tokens',
  'security_events',
  'audit_log',
]);

/** A statement that reads more rows than this through an index still grows with history. */
const MANY_ROWS = 1_000;

type Verdict = 'index' | 'grows' | 'FULL SCAN' | 'small table';

interface PlanResult {
  summary: string;
  verdict: Verdict;
  ms: number;
}

/** Table names behind TypeORM's aliases (the entity names) and the stats query's `o`. */
function aliasTables(ds: DataSource): Map<string, string> {
  const map = new Map(ds.entityMetadatas.map((m) => [m.name, m.tableName]));
  for (const m of ds.entityMetadatas) map.set(m.tableName, m.tableName);
  map.set('o', 'orders');
  return map;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Runs `work` in a transaction that is always rolled back: writes and locks leave nothing behind. */
async function rolledBack<T>(
  ds: DataSource,
  work: (run: (sql: string, params: unknown[]) => Promise<unknown>) => Promise<T>,
) {
  const runner = ds.createQueryRunner();
  await runner.startTransaction();
  try {
    return await work((sql, params) => runner.query(sql, params) as Promise<unknown>);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

async function explainSqlite(ds: DataSource, statement: Statement, write: boolean): Promise<PlanResult> {
  const plan = await ds.query<Array<{ detail: string }>>(
    `EXPLAIN QUERY PLAN ${statement.sql}`,
    statement.params,
  );
  const run = () =>
    write
      ? rolledBack(ds, (exec) => exec(statement.sql, statement.params))
      : ds.query(statement.sql, statement.params);
  // The best of three warm runs: the plan's cost, not a page-in or a garbage collection.
  await run();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push((await timed(run)).ms);
  const ms = Math.min(...times);
  const details = plan.map((row) => row.detail);
  const shown = details.length ? details.join('; ') : 'no read (INSERT … ON CONFLICT on the unique key)';
  const verdict = worst(
    details.map((detail) => sqliteStepVerdict(ds, detail, /\bLIMIT\b/.test(statement.sql))),
  );
  return { summary: `${shown} · ${ms.toFixed(2)} ms`, verdict, ms };
}

/**
 * One step of SQLite's plan: SEARCH is an index lookup or range; SCAN … USING INDEX walks a whole index, which a
 * LIMIT may stop early (SQLite then sorts only ties, "FOR LAST TERM / RIGHT PART OF ORDER BY"); SCAN alone reads
 * the whole table.
 */
function sqliteStepVerdict(ds: DataSource, detail: string, limited: boolean): Verdict | null {
  const step = /^(SEARCH|SCAN) (\S+)(?: EXISTS)?(?: USING (?:COVERING )?INDEX (\S+))?/.exec(detail);
  if (!step || step[2] === 'CONSTANT' || step[2] === 'dummy_table') return null;
  const table = aliasTables(ds).get(step[2]) ?? step[2];
  if (!GROWING.has(table)) return step[1] === 'SEARCH' ? 'index' : 'small table';
  if (step[1] === 'SEARCH') return 'index';
  if (!step[3]) return 'FULL SCAN';
  return limited ? 'index' : 'grows';
}

function worst(verdicts: Array<Verdict | null>): Verdict {
  const known = verdicts.filter((v): v is Verdict => v !== null);
  return known.length ? known.reduce((a, b) => (RANK[b] > RANK[a] ? b : a)) : 'index';
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Sort Method'?: string;
  'Full-sort Groups'?: { 'Sort Methods Used': string[] };
  'Conflict Arbiter Indexes'?: string[];
  Plans?: PgNode[];
}

interface PgPlan {
  Plan: PgNode;
  'Execution Time': number;
}

async function explainPostgres(ds: DataSource, statement: Statement): Promise<PlanResult> {
  const explain = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`;
  const run = () =>
    rolledBack(
      ds,
      async (exec) => (await exec(explain, statement.params)) as Array<{ 'QUERY PLAN': PgPlan[] }>,
    );
  await run(); // warm
  const [
    {
      'QUERY PLAN': [plan],
    },
  ] = await run();
  const nodes = flatten(plan.Plan);
  const ms = plan['Execution Time'];
  const parts = nodes.map(describePgNode).filter((part): part is string => part !== null);
  return { summary: `${parts.join('; ')} · ${ms.toFixed(2)} ms`, verdict: pgVerdict(nodes), ms };
}

function flatten(node: PgNode): PgNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

const SCAN_NODES = /Scan$/;

/** Rows a scan node went through: what it returned on every loop plus what its filters threw away. */
function rowsRead(node: PgNode): number {
  const removed = (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
  return (node['Actual Rows'] + removed) * node['Actual Loops'];
}

function describePgNode(node: PgNode): string | null {
  const type = node['Node Type'];
  if (type === 'Sort' || type === 'Incremental Sort') {
    return `${type} (${node['Sort Method'] ?? node['Full-sort Groups']?.['Sort Methods Used'].join(', ')})`;
  }
  const arbiters = node['Conflict Arbiter Indexes'];
  if (arbiters) return `INSERT … ON CONFLICT via ${arbiters.join(', ')}`;
  if (['Aggregate', 'Limit', 'Result', 'ModifyTable', 'CTE Scan'].includes(type)) return null;
  if (!SCAN_NODES.test(type)) return type;
  const target = node['Index Name'] ?? node['Relation Name'] ?? '';
  const on = node['Index Name'] && node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  return `${type} ${target}${on} (${rowsRead(node)} rows read)`;
}

function pgVerdict(nodes: PgNode[]): Verdict {
  const scans = nodes.filter((n) => SCAN_NODES.test(n['Node Type']) && n['Relation Name']);
  return worst(
    scans.map((node) => {
      if (!GROWING.has(node['Relation Name']!))
        return node['Node Type'] === 'Seq Scan' ? 'small table' : 'index';
      if (node['Node Type'] === 'Seq Scan') return 'FULL SCAN';
      return rowsRead(node) > MANY_ROWS ? 'grows' : 'index';
    }),
  );
}

// ---------------------------------------------------------------- report

interface Line {
  name: string;
  source: string;
  sqlite: PlanResult;
  postgres: PlanResult | null;
}

async function explainAll(db: AuditDb, samples: Samples): Promise<Map<string, PlanResult>> {
  const builder = new SqlBuilder(db.ds, db.kind);
  const results = new Map<string, PlanResult>();
  for (const query of allCases()) {
    const statement = query.build(builder, samples);
    const plan =
      db.kind === 'sqlite'
        ? await explainSqlite(db.ds, statement, query.write ?? false)
        : await explainPostgres(db.ds, statement);
    results.set(query.name, plan);
  }
  return results;
}

const RANK: Record<Verdict, number> = { 'small table': 0, index: 1, grows: 2, 'FULL SCAN': 3 };

function verdictOf(line: Line): string {
  const verdicts = [line.sqlite.verdict, ...(line.postgres ? [line.postgres.verdict] : [])];
  const label: Record<Verdict, string> = {
    'small table': 'ok (small table)',
    index: 'ok: index',
    grows: '**grows**: index, but reads many rows',
    'FULL SCAN': '**FULL SCAN**',
  };
  const split =
    new Set(verdicts).size > 1 ? ` (SQLite: ${line.sqlite.verdict}, PG: ${line.postgres?.verdict})` : '';
  return label[worst(verdicts)] + split;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function printTable(lines: Line[], options: Options): void {
  const out: string[] = [
    `Query plans at ${options.orders} orders (${ITEMS_PER_ORDER} items, ${EVENTS_PER_ORDER} events each)`,
    '',
    '| query | SQLite plan | PostgreSQL plan (time) | verdict |',
    '| --- | --- | --- | --- |',
  ];
  for (const line of lines) {
    const pg = line.postgres ? cell(line.postgres.summary) : 'not run (no --database)';
    out.push(
      `| ${cell(line.name)} <br>_${cell(line.source)}_ | ${cell(line.sqlite.summary)} | ${pg} | ${verdictOf(line)} |`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

async function audit(db: AuditDb, options: Options): Promise<Map<string, PlanResult>> {
  say(`${db.kind}: filling ${options.orders} orders`);
  const { value: samples, ms } = await timed(() => fill(db, options.orders));
  say(`${db.kind}: filled in ${(ms / 1000).toFixed(1)} s; explaining`);
  return explainAll(db, samples);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const sqlite = await openSqlite(options.keep);
  const sqlitePlans = await audit(sqlite, options).finally(() => sqlite.drop());
  let pgPlans: Map<string, PlanResult> | null = null;
  if (options.database) {
    const postgres = await openPostgres(options.database, options.keep);
    pgPlans = await audit(postgres, options).finally(() => postgres.drop());
  }
  const lines = allCases().map((query) => ({
    name: query.name,
    source: query.source,
    sqlite: sqlitePlans.get(query.name)!,
    postgres: pgPlans?.get(query.name) ?? null,
  }));
  printTable(lines, options);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `explain: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
