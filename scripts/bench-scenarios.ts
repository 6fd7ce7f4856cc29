/**
 * The scenarios of `npm run bench`, each run on a freshly started server (the service or the bare baseline):
 * memory with idle sockets, throughput at saturation, kitchen latency at a fixed rate, and GET /menu.
 */
import { execFile, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { Api, createApi } from './bench-http';
import { cleanups, mib, percentile, round1, sleep } from './bench-lib';
import { adoptChild, builtPath, readMemoryKiB, Server } from './bench-servers';
import type { CrowdOrder, CrowdReport } from './bench-crowd';
import { orderBody, Restaurant } from './bench-targets';

export interface ScenarioOptions {
  clients: number;
  sockets: number;
  seconds: number;
  rate: number;
  menuSeconds: number;
  menuConnections: number;
  idleSockets: number;
}

export interface ScenarioContext {
  server: Server;
  restaurant: Restaurant;
  options: ScenarioOptions;
}

const SOCKET_CONNECT_TIMEOUT_MS = 10_000;
const SOCKET_BATCH = 100; // sockets connecting at once
const DELIVERY_GRACE_MS = 5_000; // a delivery not on its screen this long after the run counts as missed
const SETTLE_MS = 3_000; // lets the server's memory settle before RSS is read
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

/** Each scenario's figures, keyed as in the report. */
export const SCENARIOS = { memory, throughput, latency, menu };
export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
export type ScenarioFigures = { [K in ScenarioName]: Awaited<ReturnType<(typeof SCENARIOS)[K]>> };

// ---------------------------------------------------------------- deliveries to kitchen screens

/**
 * Matches kitchen-screen receipts with the moment their order was sent, per screen: an order is awaited on every
 * screen that should show it. A receipt can arrive before the POST's 201 (the push follows the commit, not the
 * reply), so such early receipts wait here until the 201 names their order.
 */
class DeliveryTracker {
  readonly latenciesMs: number[] = [];
  private readonly awaited = new Map<string, { sentAt: number; screens: Set<number> }>();
  private readonly early = new Map<string, Array<{ screen: number; at: number }>>();

  expect(orderId: string, sentAt: number, screens: number[]): void {
    if (screens.length === 0) return;
    this.awaited.set(orderId, { sentAt, screens: new Set(screens) });
    for (const { screen, at } of this.early.get(orderId) ?? []) this.received(orderId, screen, at);
    this.early.delete(orderId);
  }

  received(orderId: string, screen: number, at: number): void {
    const order = this.awaited.get(orderId);
    if (!order) {
      this.early.set(orderId, [...(this.early.get(orderId) ?? []), { screen, at }]);
      return;
    }
    if (order.screens.delete(screen)) this.latenciesMs.push(at - order.sentAt);
    if (order.screens.size === 0) this.awaited.delete(orderId);
  }

  /** Deliveries (order × screen) still awaited. */
  get missed(): number {
    let count = 0;
    for (const order of this.awaited.values()) count += order.screens.size;
    return count;
  }

  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.awaited.size > 0 && Date.now() < deadline) await sleep(50);
  }
}

/** A kitchen display showing one station, timed in this process; resolves once connected. */
function openKitchenScreen(baseUrl: string, auth: object, screen: number, tracker: DeliveryTracker) {
  const socket = io(baseUrl, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  cleanups.push(() => socket.close());
  socket.on('order.created', (envelope: { data?: { id?: unknown } }) => {
    if (typeof envelope.data?.id === 'string') tracker.received(envelope.data.id, screen, performance.now());
  });
  return new Promise<Socket>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error('kitchen screen: no connection')),
      SOCKET_CONNECT_TIMEOUT_MS,
    );
    socket.once('connect', () => (clearTimeout(timer), done(socket)));
    socket.once('connect_error', (error) => (clearTimeout(timer), fail(error)));
  });
}

// ---------------------------------------------------------------- the crowd of passive sockets

interface Crowd extends CrowdReport {
  close(): void;
}

/** Connects `auths.length` sockets from a child process (bench-crowd.ts); resolves once all have tried. */
async function startCrowd(baseUrl: string, auths: object[]): Promise<Crowd> {
  if (auths.length === 0) return { connected: 0, failed: 0, firstError: null, close: () => undefined };
  // Plain node: under ts-node, fork() would run the compiled crowd through ts-node too.
  const child = fork(builtPath('scripts/bench-crowd.js'), { stdio: 'inherit', execArgv: [] });
  adoptChild(child);
  const close = () => void child.kill();
  cleanups.push(close);
  const order: CrowdOrder = {
    baseUrl,
    auths,
    batchSize: SOCKET_BATCH,
    connectTimeoutMs: SOCKET_CONNECT_TIMEOUT_MS,
  };
  child.send(order);
  const report = await new Promise<CrowdReport>((done, fail) => {
    child.once('message', (message: CrowdReport) => done(message));
    child.once('exit', (code) => fail(new Error(`the socket crowd exited (${code}) before connecting`)));
  });
  return { ...report, close };
}

// ---------------------------------------------------------------- the rush: orders while sockets listen

/** How a scenario's POSTs went. */
class PostLog {
  created = 0;
  readonly latenciesMs: number[] = [];
  /** Failed POSTs by status or network error code. */
  readonly errors: Record<string, number> = {};

  fail(key: string): void {
    this.errors[key] = (this.errors[key] ?? 0) + 1;
  }
}

/** A scenario's orders in flight: who should show them, and how their POSTs went. */
interface Rush {
  restaurant: Restaurant;
  tracker: DeliveryTracker;
  log: PostLog;
  close(): void;
}

/** Kitchen screens in this process (they are timed) and the rest of `--sockets` as a crowd in another. */
async function openRush({ server, restaurant, options }: ScenarioContext): Promise<Rush> {
  const tracker = new DeliveryTracker();
  const screens = await Promise.all(
    restaurant.kitchenScreens.map(({ auth }, i) => openKitchenScreen(server.baseUrl, auth, i, tracker)),
  );
  const crowdSize = Math.max(0, options.sockets - screens.length);
  const crowd = await startCrowd(
    server.baseUrl,
    Array.from({ length: crowdSize }, (_, i) => restaurant.crowdAuth(i)),
  );
  const close = () => (screens.forEach((socket) => socket.close()), crowd.close());
  if (crowd.failed > 0) {
    close();
    throw new Error(`${crowd.failed} of ${crowdSize} sockets did not connect: ${crowd.firstError}`);
  }
  return { restaurant, tracker, log: new PostLog(), close };
}

/** The screens that should show an order of these dishes. */
function screensFor(restaurant: Restaurant, dishes: Array<{ stationId: string }>): number[] {
  const stations = new Set(dishes.map((dish) => dish.stationId));
  return restaurant.kitchenScreens.flatMap((screen, i) =>
    !restaurant.screensFilterByStation || stations.has(screen.stationId) ? [i] : [],
  );
}

/** Posts one order sent at `sentAt` (performance.now() time) and tells the tracker which screens should show it. */
async function sendOrder(rush: Rush, api: Api, token: string, sentAt: number): Promise<void> {
  const { dishes, body } = orderBody(rush.restaurant);
  try {
    const reply = await api.call('POST', '/api/v1/orders', token, body, { 'Idempotency-Key': randomUUID() });
    const id = (reply.body as { id?: unknown } | null)?.id;
    if (reply.status !== 201 || typeof id !== 'string') return rush.log.fail(String(reply.status));
    rush.log.created += 1;
    rush.log.latenciesMs.push(performance.now() - sentAt);
    rush.tracker.expect(id, sentAt, screensFor(rush.restaurant, dishes));
  } catch (error) {
    rush.log.fail((error as { code?: string }).code ?? 'network');
  }
}

// ---------------------------------------------------------------- scenarios

/** `--clients` post orders back to back (closed loop) for `--seconds` while `--sockets` listen. */
async function throughput(context: ScenarioContext) {
  const { server, restaurant, options } = context;
  const rush = await openRush(context);
  const api = createApi(server.baseUrl);
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const client = async (token: string) => {
    while (performance.now() < deadline) await sendOrder(rush, api, token, performance.now());
  };
  await Promise.all(restaurant.clientTokens.map(client));
  const wallMs = performance.now() - started;
  await rush.tracker.settle(DELIVERY_GRACE_MS);
  rush.close();
  const { log } = rush;
  return {
    orders: log.created,
    ordersPerSecond: round1(log.created / (wallMs / 1000)),
    postP50Ms: percentile(log.latenciesMs, 50),
    postP99Ms: percentile(log.latenciesMs, 99),
    errors: log.errors,
    missed: rush.tracker.missed,
  };
}

/**
 * Open loop: an order every 1/`--rate` s for `--seconds`, on schedule whatever the replies do, spread over
 * `--clients` keep-alive connections. Kitchen latency runs from the scheduled send to each screen's receipt, so a
 * send delayed behind busy connections counts against the server (no coordinated omission).
 */
async function latency(context: ScenarioContext) {
  const { server, restaurant, options } = context;
  const rush = await openRush(context);
  const api = createApi(server.baseUrl, options.clients);
  const total = Math.round(options.rate * options.seconds);
  const started = performance.now();
  const sends: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const token = restaurant.clientTokens[i % restaurant.clientTokens.length];
    sends.push(sendOrder(rush, api, token, due));
  }
  await Promise.all(sends);
  await rush.tracker.settle(DELIVERY_GRACE_MS);
  rush.close();
  const samples = rush.tracker.latenciesMs;
  return {
    sent: total,
    created: rush.log.created,
    deliveries: samples.length,
    kitchenP50Ms: percentile(samples, 50),
    kitchenP95Ms: percentile(samples, 95),
    kitchenP99Ms: percentile(samples, 99),
    kitchenMaxMs: percentile(samples, 100),
    errors: rush.log.errors,
    missed: rush.tracker.missed,
  };
}

/** GET /menu from autocannon in its own process: once plain, once revalidating with the current ETag (304). */
async function menu({ server, options }: ScenarioContext) {
  const url = `${server.baseUrl}/api/v1/menu`;
  const first = await createApi(server.baseUrl).call('GET', '/api/v1/menu');
  const etag = first.headers.etag;
  if (first.status !== 200 || !etag) throw new Error(`GET /api/v1/menu: ${first.status}, ETag ${etag}`);
  const load = (headers: string[]) => autocannon(url, options.menuConnections, options.menuSeconds, headers);
  return {
    bytes: Buffer.byteLength(JSON.stringify(first.body)),
    plain: await load([]),
    revalidated: await load([`If-None-Match:${etag}`]),
  };
}

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
}

interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Replies by status, and `network` for connection errors and timeouts. */
  statuses: Record<string, number>;
}

/** Runs autocannon's CLI in a process of its own, so that this one is not the bottleneck, and reads its JSON. */
function autocannon(url: string, connections: number, seconds: number, headers: string[]) {
  const flags = [
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '--json',
    ...headers.flatMap((h) => ['-H', h]),
  ];
  return new Promise<LoadFigures>((done, fail) => {
    const child = execFile(process.execPath, [AUTOCANNON, ...flags, url], (error, stdout) =>
      error ? fail(new Error(`autocannon: ${error.message}`)) : done(loadFigures(stdout)),
    );
    adoptChild(child);
  });
}

function loadFigures(json: string): LoadFigures {
  const result = JSON.parse(json) as AutocannonResult;
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
  );
  if (result.errors + result.timeouts > 0) statuses.network = result.errors + result.timeouts;
  return {
    requestsPerSecond: round1(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
  };
}

/** RSS of a fresh server, idle, then with `--idle-sockets` connected (in batches) and idle. */
async function memory({ server, restaurant, options }: ScenarioContext) {
  const pid = server.child.pid!;
  await sleep(SETTLE_MS);
  const idleKiB = readMemoryKiB(pid, 'VmRSS');
  const crowd = await startCrowd(
    server.baseUrl,
    Array.from({ length: options.idleSockets }, (_, i) => restaurant.crowdAuth(i)),
  );
  await sleep(SETTLE_MS);
  const socketsKiB = readMemoryKiB(pid, 'VmRSS');
  crowd.close();
  const perSocket = idleKiB !== null && socketsKiB !== null && crowd.connected > 0;
  return {
    idleRssMiB: mib(idleKiB),
    socketsRssMiB: mib(socketsKiB),
    perSocketKiB: perSocket ? round1((socketsKiB - idleKiB) / crowd.connected) : null,
    connected: crowd.connected,
    failed: crowd.failed,
  };
}
