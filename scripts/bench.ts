/**
 * Dinner-rush benchmark: starts the service as a child process on a fresh database, seeds a restaurant over the
 * REST API, then N waiters post dine-in orders as fast as they can while M kitchen screens listen on socket.io.
 * Reports orders/s, POST latency, order-to-kitchen-screen latency, missed deliveries and the server's peak RSS.
 *
 *   npm run bench
 *   npm run bench -- --database postgres://postgres@127.0.0.1:5432 --waiters 8 --kitchens 4 --seconds 20
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import {
  Api,
  BenchDatabase,
  cleanups,
  createApi,
  createDatabase,
  mib,
  percentile,
  readMemoryKiB,
  runCleanups,
  say,
  sleep,
  startServer,
  stopServer,
  waitForHealth,
} from './bench-lib';

const USAGE = `Usage: npm run bench -- [--waiters 8] [--kitchens 4] [--tables 20] [--seconds 20 | --orders N]
                      [--database postgres://user@127.0.0.1:5432] [--markdown-out FILE]
SQLite (a temp file) unless --database or BENCH_DATABASE_URL names a PostgreSQL server; there a database
pos_bench_<random> is created and dropped at the end. Exits 1 when any order failed or missed the kitchen.`;

const STATIONS = ['Grill', 'Cold', 'Bar'];
const DISHES_PER_STATION = 4;
const DISH_PRICE = 1250;
const ITEMS_PER_ORDER = 3;
const GUESTS = 2;
const SOCKET_CONNECT_TIMEOUT_MS = 10_000;
const DELIVERY_GRACE_MS = 5_000; // an order not on a kitchen screen this long after the run counts as missed
const RSS_SAMPLE_MS = 200;
const MAX_RUN_MS = 10 * 60_000; // bounds an --orders run too

interface Options {
  waiters: number;
  kitchens: number;
  tables: number;
  seconds: number;
  orders: number | null;
  database: string | null;
  markdownOut: string | null;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      waiters: { type: 'string', default: '8' },
      kitchens: { type: 'string', default: '4' },
      tables: { type: 'string', default: '20' },
      seconds: { type: 'string', default: '20' },
      orders: { type: 'string' },
      database: { type: 'string' },
      'markdown-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const count = (name: string, raw: string, min: number): number => {
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < min)
      throw new Error(`--${name} must be an integer >= ${min}`);
    return value;
  };
  return {
    waiters: count('waiters', values.waiters, 1),
    kitchens: count('kitchens', values.kitchens, 0),
    tables: count('tables', values.tables, 1),
    seconds: count('seconds', values.seconds, 1),
    orders: values.orders === undefined ? null : count('orders', values.orders, 1),
    database: values.database ?? process.env.BENCH_DATABASE_URL ?? null,
    markdownOut: values['markdown-out'] ?? null,
  };
}

// ---------------------------------------------------------------- seeding

interface Restaurant {
  tableIds: string[];
  dishes: Array<{ id: string; stationId: string }>;
  stationIds: string[];
  waiterTokens: string[];
  kitchenTokens: string[];
}

async function login(api: Api, username: string, password: string): Promise<string> {
  const reply = await api.call('POST', '/api/v1/auth/login', undefined, { username, password });
  if (reply.status !== 200)
    throw new Error(`login ${username}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return (reply.body as { accessToken: string }).accessToken;
}

async function seed(api: Api, options: Options, adminPassword: string): Promise<Restaurant> {
  const admin = await login(api, 'admin', adminPassword);
  const post = <T = { id: string }>(path: string, body: object) =>
    api.must<T>(201, 'POST', path, admin, body);

  const location = await post('/api/v1/locations', { name: 'Dining room' });
  const tableIds: string[] = [];
  for (let i = 1; i <= options.tables; i++) {
    tableIds.push((await post('/api/v1/tables', { name: `T${i}`, locationId: location.id, seats: 4 })).id);
  }
  const category = await post('/api/v1/categories', { name: 'Mains' });
  const stationIds: string[] = [];
  for (const name of STATIONS) stationIds.push((await post('/api/v1/stations', { name })).id);
  const dishes: Restaurant['dishes'] = [];
  for (const [index, stationId] of stationIds.entries()) {
    for (let i = 1; i <= DISHES_PER_STATION; i++) {
      const name = `${STATIONS[index]} dish ${i}`;
      const dish = await post('/api/v1/dishes', {
        name,
        categoryId: category.id,
        stationId,
        price: DISH_PRICE,
      });
      dishes.push({ id: dish.id, stationId });
    }
  }
  // Passwords are hashed with scrypt, which is slow on purpose: create and log in the staff concurrently.
  const staff = (role: 'waiter' | 'kitchen', count: number) =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const username = `bench-${role}-${i + 1}`;
        const password = randomBytes(12).toString('hex');
        await post('/api/v1/users', { username, displayName: `${role} ${i + 1}`, role, password });
        return login(api, username, password);
      }),
    );
  const [waiterTokens, kitchenTokens] = await Promise.all([
    staff('waiter', options.waiters),
    staff('kitchen', options.kitchens),
  ]);
  return { tableIds, dishes, stationIds, waiterTokens, kitchenTokens };
}

// ---------------------------------------------------------------- measurement

/**
 * Matches kitchen-screen receipts with the moment the waiter sent that order. The event can arrive before the
 * POST's 201 reaches the waiter (the feed pushes right after commit), so such early receipts wait here.
 */
class DeliveryTracker {
  readonly latenciesMs: number[] = [];
  /** From the event's occurredAt (stamped in the committing transaction) to the screen: the push path alone. */
  readonly pushLatenciesMs: number[] = [];
  private readonly sentAt = new Map<string, number>();
  private readonly early = new Map<string, number[]>();
  private readonly awaited = new Set<string>();

  /** A 201 came back; `expectsKitchen` when one of its stations has a kitchen screen in this run. */
  created(orderId: string, sentAt: number, expectsKitchen: boolean): void {
    this.sentAt.set(orderId, sentAt);
    if (expectsKitchen) this.awaited.add(orderId);
    for (const at of this.early.get(orderId) ?? []) this.record(orderId, at);
    this.early.delete(orderId);
  }

  received(orderId: string, at: number): void {
    if (this.sentAt.has(orderId)) this.record(orderId, at);
    else this.early.set(orderId, [...(this.early.get(orderId) ?? []), at]);
  }

  /** Orders created in this run that no kitchen screen has shown yet. */
  get missing(): number {
    return this.awaited.size;
  }

  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.awaited.size > 0 && Date.now() < deadline) await sleep(50);
  }

  private record(orderId: string, at: number): void {
    this.latenciesMs.push(at - this.sentAt.get(orderId)!);
    this.awaited.delete(orderId);
  }
}

/** A kitchen display that shows one station, as a screen over the grill would. */
function openKitchenSocket(baseUrl: string, token: string, stationId: string, tracker: DeliveryTracker) {
  const socket = io(baseUrl, {
    auth: { token, stations: [stationId] },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  cleanups.push(() => socket.close());
  socket.on('order.created', (envelope: { occurredAt?: string; data?: { id?: unknown } }) => {
    if (typeof envelope.data?.id === 'string') tracker.received(envelope.data.id, performance.now());
    if (envelope.occurredAt) tracker.pushLatenciesMs.push(Date.now() - Date.parse(envelope.occurredAt));
  });
  return new Promise<void>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error('kitchen socket: no connection')),
      SOCKET_CONNECT_TIMEOUT_MS,
    );
    socket.once('connect', () => (clearTimeout(timer), done()));
    socket.once('connect_error', (error) => (clearTimeout(timer), fail(error)));
  });
}

interface RunStats {
  ok: number;
  postLatenciesMs: number[];
  errors: Record<string, number>;
  wallMs: number;
}

const pick = <T>(items: T[]): T => items[randomInt(items.length)];

/** Waiters post orders back to back, without think time, until the clock or the order budget runs out. */
async function runWaiters(
  api: Api,
  restaurant: Restaurant,
  options: Options,
  screenStations: Set<string>,
  tracker: DeliveryTracker,
): Promise<RunStats> {
  const stats: RunStats = { ok: 0, postLatenciesMs: [], errors: {}, wallMs: 0 };
  const started = performance.now();
  const deadline = started + (options.orders === null ? options.seconds * 1000 : MAX_RUN_MS);
  let budget = options.orders ?? Infinity;
  const countError = (key: string) => (stats.errors[key] = (stats.errors[key] ?? 0) + 1);

  const waiter = async (token: string) => {
    while (budget > 0 && performance.now() < deadline) {
      budget -= 1;
      const dishes = Array.from({ length: ITEMS_PER_ORDER }, () => pick(restaurant.dishes));
      const body = {
        type: 'dine_in',
        tableId: pick(restaurant.tableIds),
        guests: GUESTS,
        items: dishes.map((dish) => ({ dishId: dish.id, quantity: 1 })),
      };
      const sentAt = performance.now();
      try {
        const reply = await api.call('POST', '/api/v1/orders', token, body, {
          'Idempotency-Key': randomUUID(),
        });
        const id = (reply.body as { id?: unknown } | null)?.id;
        if (reply.status !== 201 || typeof id !== 'string') {
          countError(String(reply.status));
          continue;
        }
        stats.ok += 1;
        stats.postLatenciesMs.push(performance.now() - sentAt);
        tracker.created(
          id,
          sentAt,
          dishes.some((dish) => screenStations.has(dish.stationId)),
        );
      } catch (error) {
        countError((error as { code?: string }).code ?? 'network');
      }
    }
  };
  await Promise.all(restaurant.waiterTokens.map(waiter));
  stats.wallMs = performance.now() - started;
  return stats;
}

/** Samples the server's resident memory while the waiters work. */
function sampleRss(pid: number): () => number | null {
  let peakKiB: number | null = null;
  const timer = setInterval(() => {
    const now = readMemoryKiB(pid, 'VmRSS');
    if (now !== null) peakKiB = Math.max(peakKiB ?? 0, now);
  }, RSS_SAMPLE_MS);
  cleanups.push(() => clearInterval(timer));
  return () => (clearInterval(timer), peakKiB);
}

// ---------------------------------------------------------------- report

type Results = ReturnType<typeof summarise>;

function summarise(
  options: Options,
  db: BenchDatabase,
  stats: RunStats,
  tracker: DeliveryTracker,
  rss: { peakKiB: number | null; loadKiB: number | null },
) {
  return {
    date: new Date().toISOString(),
    database: db.kind,
    waiters: options.waiters,
    kitchens: options.kitchens,
    seconds: Math.round(stats.wallMs / 100) / 10,
    orders: stats.ok,
    ordersPerSecond: Math.round((stats.ok / (stats.wallMs / 1000)) * 10) / 10,
    postP50Ms: percentile(stats.postLatenciesMs, 50),
    postP99Ms: percentile(stats.postLatenciesMs, 99),
    errors: stats.errors,
    kitchenDeliveries: tracker.latenciesMs.length,
    kitchenP50Ms: percentile(tracker.latenciesMs, 50),
    kitchenP95Ms: percentile(tracker.latenciesMs, 95),
    kitchenP99Ms: percentile(tracker.latenciesMs, 99),
    pushP50Ms: percentile(tracker.pushLatenciesMs, 50),
    pushP99Ms: percentile(tracker.pushLatenciesMs, 99),
    missedKitchen: tracker.missing,
    peakRssMiB: mib(rss.peakKiB),
    loadRssMiB: mib(rss.loadKiB),
    node: process.version,
    cpus: os.cpus().length,
  };
}

function markdownTable(r: Results): string {
  const errorCounts = Object.entries(r.errors).map(([status, n]) => `${n}×${status}`);
  const cells: Array<[string, string | number | null]> = [
    ['date', r.date.slice(0, 16).replace('T', ' ')],
    ['db', r.database],
    ['waiters', r.waiters],
    ['kitchens', r.kitchens],
    ['s', r.seconds],
    ['orders', r.orders],
    ['orders/s', r.ordersPerSecond],
    ['POST p50 ms', r.postP50Ms],
    ['POST p99 ms', r.postP99Ms],
    ['errors', errorCounts.join(' ') || 0],
    ['kitchen p50 ms', r.kitchenP50Ms],
    ['kitchen p95 ms', r.kitchenP95Ms],
    ['kitchen p99 ms', r.kitchenP99Ms],
    ['push p50 ms', r.pushP50Ms],
    ['push p99 ms', r.pushP99Ms],
    ['missed', r.missedKitchen],
    ['peak RSS MiB', r.peakRssMiB],
    ['RSS under load MiB', r.loadRssMiB],
    ['CPUs', r.cpus],
  ];
  const row = (values: Array<string | number | null>) => `| ${values.map((v) => v ?? 'n/a').join(' | ')} |`;
  return [row(cells.map(([name]) => name)), row(cells.map(() => '---')), row(cells.map(([, v]) => v))].join(
    '\n',
  );
}

/** Appends the table; the header only when the file is new, so repeated runs build one table. */
function appendMarkdown(file: string, table: string): void {
  const fresh = !existsSync(file) || statSync(file).size === 0;
  appendFileSync(file, `${fresh ? table : table.split('\n')[2]}\n`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const options = parseOptions();
  const adminPassword = randomBytes(16).toString('hex');

  const db = await createDatabase(options.database);
  cleanups.push(() => db.drop());
  say(`starting the server on ${db.kind}`);
  const server = await startServer(db.url, adminPassword);
  cleanups.push(() => stopServer(server));
  const api = createApi(server.baseUrl);
  await waitForHealth(server, api);

  say(`seeding ${options.tables} tables, ${options.waiters} waiters, ${options.kitchens} kitchen screens`);
  const restaurant = await seed(api, options, adminPassword);
  const tracker = new DeliveryTracker();
  // One station per kitchen screen, round robin; an order only on stations without a screen expects none.
  const screenStations = restaurant.kitchenTokens.map((_, i) => restaurant.stationIds[i % STATIONS.length]);
  await Promise.all(
    restaurant.kitchenTokens.map((token, i) =>
      openKitchenSocket(server.baseUrl, token, screenStations[i], tracker),
    ),
  );

  say(options.orders === null ? `running for ${options.seconds} s` : `posting ${options.orders} orders`);
  const pid = server.child.pid!;
  const stopSampling = sampleRss(pid);
  const stats = await runWaiters(api, restaurant, options, new Set(screenStations), tracker);
  await tracker.settle(DELIVERY_GRACE_MS);
  const rss = { loadKiB: stopSampling(), peakKiB: readMemoryKiB(pid, 'VmHWM') };
  const results = summarise(options, db, stats, tracker, rss);

  const table = markdownTable(results);
  process.stdout.write(`\n${table}\n\n${JSON.stringify(results)}\n`);
  if (options.markdownOut) appendMarkdown(options.markdownOut, table);
  if (stats.ok === 0) say('no order was created: does POST /api/v1/orders exist?');
  const healthy = stats.ok > 0 && Object.keys(stats.errors).length === 0 && results.missedKitchen === 0;
  return healthy ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping the server`);
    void runCleanups().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await runCleanups();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await runCleanups();
    process.exit(2);
  });
