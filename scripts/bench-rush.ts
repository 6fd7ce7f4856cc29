/**
 * The rush that the throughput and latency scenarios share: kitchen screens timed in this process, a crowd of other
 * sockets in another, orders posted while they listen, and the tracking of which screen received which order. With
 * several instances the sockets and the posting clients are spread over them round robin, so that most orders reach
 * most screens through another instance.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { startCpuMeter } from './bench-cpu';
import { Api, Reply } from './bench-http';
import { cleanups, sleep } from './bench-lib';
import { adoptChild, builtPath, Server } from './bench-servers';
import type { CrowdOrder, CrowdReport, CrowdTally } from './bench-crowd';
import { orderBody, Restaurant } from './bench-targets';

const SOCKET_CONNECT_TIMEOUT_MS = 10_000;
const SOCKET_BATCH = 100; // sockets connecting at once
const DELIVERY_GRACE_MS = 5_000; // a delivery not on its screen this long after the run counts as missed

/** The i-th of several things spread round robin over the instances. */
export const roundRobin = <T>(items: T[], i: number): T => items[i % items.length];

// ---------------------------------------------------------------- deliveries to kitchen screens

/**
 * Matches kitchen-screen receipts with the moment their order was sent, per screen: an order is awaited on every
 * screen that should show it. A receipt can arrive before the POST's 201 (the push follows the commit, not the
 * reply, and may come from another instance), so such early receipts wait here until the 201 names their order.
 * A second receipt of an order on the same screen counts as doubled.
 */
class DeliveryTracker {
  readonly latenciesMs: number[] = [];
  doubled = 0;
  private readonly awaited = new Map<string, { sentAt: number; screens: Set<number> }>();
  private readonly early = new Map<string, Array<{ screen: number; at: number }>>();
  private readonly receipts = new Set<string>();

  expect(orderId: string, sentAt: number, screens: number[]): void {
    if (screens.length === 0) return;
    this.awaited.set(orderId, { sentAt, screens: new Set(screens) });
    for (const { screen, at } of this.early.get(orderId) ?? []) this.match(orderId, screen, at);
    this.early.delete(orderId);
  }

  received(orderId: string, screen: number, at: number): void {
    const receipt = `${screen} ${orderId}`;
    if (this.receipts.has(receipt)) {
      this.doubled += 1;
      return;
    }
    this.receipts.add(receipt);
    this.match(orderId, screen, at);
  }

  private match(orderId: string, screen: number, at: number): void {
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

export interface Crowd extends CrowdReport {
  /** The crowd's process, whose CPU counts as the bench's; null without sockets. */
  pid: number | null;
  tally(): Promise<CrowdTally>;
  close(): void;
}

/**
 * Connects `auths.length` sockets from a child process (bench-crowd.ts), round robin over `baseUrls`; resolves
 * once all have tried.
 */
export async function startCrowd(baseUrls: string[], auths: object[]): Promise<Crowd> {
  if (auths.length === 0) {
    const tally = () => Promise.resolve({ orders: 0, dropped: 0 });
    return { connected: 0, failed: 0, firstError: null, pid: null, tally, close: () => undefined };
  }
  // Plain node: under ts-node, fork() would run the compiled crowd through ts-node too.
  const child = fork(builtPath('scripts/bench-crowd.js'), { stdio: 'inherit', execArgv: [] });
  adoptChild(child);
  const close = () => void child.kill();
  cleanups.push(close);
  const order: CrowdOrder = {
    baseUrls,
    auths,
    batchSize: SOCKET_BATCH,
    connectTimeoutMs: SOCKET_CONNECT_TIMEOUT_MS,
  };
  child.send(order);
  const report = await new Promise<CrowdReport>((done, fail) => {
    child.once('message', (message: CrowdReport) => done(message));
    child.once('exit', (code) => fail(new Error(`the socket crowd exited (${code}) before connecting`)));
  });
  const tally = () =>
    new Promise<CrowdTally>((done, fail) => {
      if (!child.connected) return fail(new Error('the socket crowd has exited'));
      child.once('message', (message: CrowdTally) => done(message));
      child.send('tally');
    });
  return { ...report, pid: child.pid ?? null, tally, close };
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
export interface Rush {
  restaurant: Restaurant;
  tracker: DeliveryTracker;
  log: PostLog;
  crowd: Crowd;
  /**
   * Sets aside the latencies recorded so far (a warm-up's) and answers them with the orders created meanwhile;
   * every order stays tracked for the missed and doubled counts.
   */
  measureFromHere(): { created: number; kitchenMs: number[] };
  close(): void;
}

/**
 * Kitchen screens in this process (they are timed) and the rest of `--sockets` as a crowd in another, each socket
 * on the next instance in turn.
 */
export async function openRush(servers: Server[], restaurant: Restaurant, sockets: number): Promise<Rush> {
  const tracker = new DeliveryTracker();
  const baseUrls = servers.map((server) => server.baseUrl);
  const screens = await Promise.all(
    restaurant.kitchenScreens.map(({ auth }, i) =>
      openKitchenScreen(roundRobin(baseUrls, i), auth, i, tracker),
    ),
  );
  const crowdSize = Math.max(0, sockets - screens.length);
  const crowd = await startCrowd(
    baseUrls,
    Array.from({ length: crowdSize }, (_, i) => restaurant.crowdAuth(i)),
  );
  const close = () => (screens.forEach((socket) => socket.close()), crowd.close());
  if (crowd.failed > 0) {
    close();
    throw new Error(`${crowd.failed} of ${crowdSize} sockets did not connect: ${crowd.firstError}`);
  }
  const log = new PostLog();
  const measureFromHere = () => {
    const set = { created: log.created, kitchenMs: tracker.latenciesMs.splice(0) };
    log.latenciesMs.splice(0);
    return set;
  };
  return { restaurant, tracker, log, crowd, measureFromHere, close };
}

/**
 * Ends the rush once every awaited delivery arrived or the grace ran out: kitchen deliveries missed and doubled, and
 * the crowd's sockets that lost their connection and the order events they are short of (each of them sees every
 * order).
 */
export async function finishRush(rush: Rush) {
  await rush.tracker.settle(DELIVERY_GRACE_MS);
  const expected = rush.log.created * rush.crowd.connected;
  const deadline = Date.now() + DELIVERY_GRACE_MS;
  let tally = await rush.crowd.tally();
  while (tally.orders < expected && Date.now() < deadline) {
    await sleep(100);
    tally = await rush.crowd.tally();
  }
  rush.close();
  return {
    missed: rush.tracker.missed,
    doubled: rush.tracker.doubled,
    crowdMissed: Math.max(0, expected - tally.orders),
    crowdDropped: tally.dropped,
  };
}

/** Where the machine's cores go during the rush (bench-cpu.ts): the servers, PostgreSQL, Redis and the bench. */
export function rushCpuMeter(servers: Server[], rush: Rush) {
  return startCpuMeter({
    instances: servers.map((server) => server.child.pid!),
    postgres: 'postgres',
    redis: 'redis-server',
    harness: [process.pid],
    crowd: rush.crowd.pid === null ? [] : [rush.crowd.pid],
  });
}

/** The screens that should show an order of these dishes. */
function screensFor(restaurant: Restaurant, dishes: Array<{ stationId: string }>): number[] {
  const stations = new Set(dishes.map((dish) => dish.stationId));
  return restaurant.kitchenScreens.flatMap((screen, i) =>
    !restaurant.screensFilterByStation || stations.has(screen.stationId) ? [i] : [],
  );
}

/**
 * Posts one order (3 random dishes unless given) sent at `sentAt` (performance.now() time), with an
 * Idempotency-Key as a tablet sends it, and tells the tracker which screens should show it; answers the order
 * created, or null.
 */
export function sendOrder(
  rush: Rush,
  api: Api,
  token: string,
  sentAt: number,
  { dishes, body } = orderBody(rush.restaurant),
): Promise<unknown> {
  return trackOrder(rush, dishes, sentAt, () =>
    api.call('POST', '/api/v1/orders', token, body, { 'Idempotency-Key': randomUUID() }),
  );
}

/**
 * Makes the request that creates an order of these dishes, sent at `sentAt`, and records it: its reply's latency,
 * or its failure by status or network error (any reply but a 201 with an id fails), and the screens that should
 * show it. Answers the reply's body when the order was created, else null.
 */
export async function trackOrder(
  rush: Rush,
  dishes: Array<{ stationId: string }>,
  sentAt: number,
  post: () => Promise<Reply>,
): Promise<unknown> {
  try {
    const reply = await post();
    const id = (reply.body as { id?: unknown } | null)?.id;
    if (reply.status !== 201 || typeof id !== 'string') {
      rush.log.fail(String(reply.status));
      return null;
    }
    rush.log.created += 1;
    rush.log.latenciesMs.push(performance.now() - sentAt);
    rush.tracker.expect(id, sentAt, screensFor(rush.restaurant, dishes));
    return reply.body;
  } catch (error) {
    rush.log.fail((error as { code?: string }).code ?? 'network');
    return null;
  }
}

/**
 * Closed loop: one client per credential, client i on the i-th API round robin (instance i mod N), each doing
 * `work` again as soon as it is done, until `seconds` are up; answers the wall time in ms.
 */
export async function closedLoop(
  apis: Api[],
  tokens: string[],
  seconds: number,
  work: (api: Api, token: string) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (token: string, i: number) => {
    const api = roundRobin(apis, i);
    while (performance.now() < deadline) await work(api, token);
  };
  await Promise.all(tokens.map(client));
  return performance.now() - started;
}
