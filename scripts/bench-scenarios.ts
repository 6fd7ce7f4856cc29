/**
 * The scenarios of `npm run bench`, each run on freshly started servers (the service's instances, or the bare
 * baseline): memory with idle sockets, a channel's orders at a fixed rate (bench-channels.ts), throughput at
 * saturation, kitchen latency at a fixed rate, GET /menu, and orders created, paid and closed as tonight's are
 * (bench-tonight.ts), and headquarters of a chain taking sites' sales and reporting them (bench-chain.ts).
 * With several instances, clients and sockets are spread over them round robin and memory adds them up.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { chain, ChainOptions } from './bench-chain';
import { ChannelOptions, channels } from './bench-channels';
import { createApi } from './bench-http';
import { mib, openLoop, percentile, round1, sleep } from './bench-lib';
import {
  closedLoop,
  finishRush,
  openRush,
  roundRobin,
  rushCpuMeter,
  sendOrder,
  startCrowd,
} from './bench-rush';
import { adoptChild, readMemoryKiB, Server } from './bench-servers';
import { Restaurant } from './bench-targets';
import { tonight } from './bench-tonight';

export interface ScenarioOptions extends ChannelOptions, ChainOptions {
  clients: number;
  sockets: number;
  seconds: number;
  rate: number;
  warmupSeconds: number;
  menuSeconds: number;
  menuConnections: number;
  idleSockets: number;
}

export interface ScenarioContext {
  /** One server, or the service's instances on one database. */
  servers: Server[];
  restaurant: Restaurant;
  options: ScenarioOptions;
}

const SETTLE_MS = 3_000; // lets the servers' memory settle before RSS is read
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

/**
 * Each scenario's figures, keyed as in the report. Channels runs before throughput and latency, whose orders stay
 * open in the kitchen: its quote starts from an empty kitchen. Tonight runs last: it gives the dishes tax rates.
 */
export const SCENARIOS = {
  memory,
  channels,
  throughput,
  latency,
  menu,
  tonight,
  chain: ({ options }: ScenarioContext) => chain(options),
};
export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
/** Scenarios of features the bare baseline does not have. */
export const SERVICE_ONLY: ReadonlySet<ScenarioName> = new Set(['channels', 'tonight', 'chain']);
export type ScenarioFigures = { [K in ScenarioName]: Awaited<ReturnType<(typeof SCENARIOS)[K]>> };

// ---------------------------------------------------------------- scenarios

/**
 * `--clients` post orders back to back (closed loop) for `--seconds` while `--sockets` listen; client i posts to
 * instance i mod N.
 */
async function throughput({ servers, restaurant, options }: ScenarioContext) {
  const rush = await openRush(servers, restaurant, options.sockets);
  const apis = servers.map((server) => createApi(server.baseUrl));
  const cpu = rushCpuMeter(servers, rush);
  const wallMs = await closedLoop(apis, restaurant.clientTokens, options.seconds, (api, token) =>
    sendOrder(rush, api, token, performance.now()),
  );
  const cores = cpu.stop();
  const deliveries = await finishRush(rush);
  const { log } = rush;
  return {
    orders: log.created,
    ordersPerSecond: round1(log.created / (wallMs / 1000)),
    postP50Ms: percentile(log.latenciesMs, 50),
    postP99Ms: percentile(log.latenciesMs, 99),
    postMaxMs: percentile(log.latenciesMs, 100),
    errors: log.errors,
    ...deliveries,
    cores,
  };
}

/**
 * Open loop: an order every 1/`--rate` s for `--seconds`, on schedule whatever the replies do, spread over
 * `--clients` keep-alive connections (client i on instance i mod N). Kitchen latency runs from the scheduled send to
 * each screen's receipt, so a send delayed behind busy connections counts against the server (no coordinated
 * omission). A restaurant's service is warm when the rush comes: the first `--warmup` seconds at the same rate
 * (code compiled on first use, modules loaded lazily, caches filled) are measured apart, for both servers alike.
 */
async function latency({ servers, restaurant, options }: ScenarioContext) {
  const rush = await openRush(servers, restaurant, options.sockets);
  const apis = servers.map((server) =>
    createApi(server.baseUrl, Math.ceil(options.clients / servers.length)),
  );
  const send = (i: number, due: number) => {
    const clientIndex = i % restaurant.clientTokens.length;
    return sendOrder(rush, roundRobin(apis, clientIndex), restaurant.clientTokens[clientIndex], due);
  };
  await openLoop(options.rate, options.warmupSeconds, send);
  const warmup = rush.measureFromHere();
  const cpu = rushCpuMeter(servers, rush);
  await openLoop(options.rate, options.seconds, send);
  const cores = cpu.stop();
  const deliveries = await finishRush(rush);
  const samples = rush.tracker.latenciesMs;
  return {
    sent: Math.round(options.rate * options.seconds),
    created: rush.log.created - warmup.created,
    deliveries: samples.length,
    kitchenP50Ms: percentile(samples, 50),
    kitchenP95Ms: percentile(samples, 95),
    kitchenP99Ms: percentile(samples, 99),
    kitchenMaxMs: percentile(samples, 100),
    warmupKitchenP99Ms: percentile(warmup.kitchenMs, 99),
    // The reply's share of the kitchen's wait: the rest is the push, through another instance or not.
    postP50Ms: percentile(rush.log.latenciesMs, 50),
    postP99Ms: percentile(rush.log.latenciesMs, 99),
    postMaxMs: percentile(rush.log.latenciesMs, 100),
    errors: rush.log.errors,
    ...deliveries,
    cores,
  };
}

/**
 * GET /menu from autocannon in its own process, its connections spread over the instances: once plain, once
 * revalidating with the first instance's ETag (304 from every instance, as they build the same menu). The
 * service's menu has schedules and price rules in force (bench-menu-clock.ts); the figures count what it shows of
 * them.
 */
async function menu({ servers, restaurant, options }: ScenarioContext) {
  const urls = servers.map((server) => `${server.baseUrl}/api/v1/menu`);
  const first = await createApi(servers[0].baseUrl).call('GET', '/api/v1/menu');
  const etag = first.headers.etag;
  if (first.status !== 200 || !etag) throw new Error(`GET /api/v1/menu: ${first.status}, ETag ${etag}`);
  const load = (headers: string[], at = urls) =>
    autocannon(at, options.menuConnections, options.menuSeconds, headers);
  return {
    bytes: Buffer.byteLength(JSON.stringify(first.body)),
    ...byTheClock(first.body as MenuBody),
    plain: await load([]),
    revalidated: await load([`If-None-Match:${etag}`]),
    qrPage: restaurant.adminToken ? await load([], await qrPageUrls(servers, restaurant)) : null,
  };
}

/** A table's QR page data on each instance (the service's; the bare baseline has no QR page). */
async function qrPageUrls(servers: Server[], restaurant: Restaurant): Promise<string[]> {
  const table = await createApi(servers[0].baseUrl).must<{ qrToken: string }>(
    200,
    'GET',
    `/api/v1/tables/${restaurant.tableIds[0]}`,
    restaurant.adminToken!,
  );
  const { qrToken } = table;
  return servers.map((server) => `${server.baseUrl}/api/v1/public/tables/${qrToken}`);
}

interface MenuBody {
  categories: Array<{
    dishes: Array<{
      availableUntil?: string | null;
      combo?: object;
      variations: Array<{ priceRuleId?: string | null; levels?: unknown[] }>;
    }>;
  }>;
}

/** What GET /menu shows of the menu by the clock: dishes a schedule limits, variations a rule or a level prices. */
function byTheClock(menu: MenuBody) {
  const dishes = menu.categories.flatMap((category) => category.dishes);
  const variations = dishes.flatMap((dish) => dish.variations);
  return {
    scheduledDishes: dishes.filter((dish) => dish.availableUntil !== undefined).length,
    combos: dishes.filter((dish) => dish.combo !== undefined).length,
    ruledVariations: variations.filter((variation) => typeof variation.priceRuleId === 'string').length,
    leveledVariations: variations.filter((variation) => (variation.levels?.length ?? 0) > 0).length,
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
function autocannon(urls: string[], connections: number, seconds: number, headers: string[]) {
  const flags = [
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '--json',
    ...headers.flatMap((h) => ['-H', h]),
  ];
  return new Promise<LoadFigures>((done, fail) => {
    const child = execFile(process.execPath, [AUTOCANNON, ...flags, ...urls], (error, stdout) =>
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

/** RSS of fresh servers, idle, then with `--idle-sockets` connected (in batches, round robin) and idle; summed. */
async function memory({ servers, restaurant, options }: ScenarioContext) {
  const rssKiB = () => {
    const each = servers.map((server) => readMemoryKiB(server.child.pid!, 'VmRSS'));
    return each.includes(null) ? null : (each as number[]).reduce((sum, kib) => sum + kib, 0);
  };
  await sleep(SETTLE_MS);
  const idleKiB = rssKiB();
  const crowd = await startCrowd(
    servers.map((server) => server.baseUrl),
    Array.from({ length: options.idleSockets }, (_, i) => restaurant.crowdAuth(i)),
  );
  await sleep(SETTLE_MS);
  const socketsKiB = rssKiB();
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
