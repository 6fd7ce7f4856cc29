/**
 * The project's benchmark: measures the service and a bare baseline (node:http + socket.io + the same database
 * driver, scripts/bench-bare.ts) in one invocation, each server on a fresh database and started afresh for every
 * scenario, and prints every figure of the service also as a ratio of the baseline's.
 *
 *   npm run bench
 *   npm run bench -- --pin --runs 3 --only throughput,latency
 *   npm run bench -- --database postgres://postgres@127.0.0.1:5432 --seconds 5 --only throughput,latency
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench -- --database postgres://postgres@127.0.0.1:5432 --instances 2
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { mib, runCleanups, say } from './bench-lib';
import { buildApp, pinServersApart, Server, stopServer, stopServers } from './bench-servers';
import { prefillOrders } from './bench-prefill';
import { startPrinter } from './bench-printer';
import { startReceiver } from './bench-webhook';
import { failures, jsonReport, markdownReport, Report, RunFigures, TargetFigures } from './bench-report';
import { SCENARIO_NAMES, ScenarioName, ScenarioOptions, SCENARIOS, SERVICE_ONLY } from './bench-scenarios';
import { createTarget, Target, TargetName, TargetOptions } from './bench-targets';

const USAGE = `Usage: npm run bench -- [options]
  --database URL          postgres://user@127.0.0.1:5432 (or BENCH_DATABASE_URL); default: SQLite temp files.
                          On PostgreSQL each server gets a database pos_bench_<random>, dropped at the end.
                          REDIS_URL in the environment is the service's (unset it to run without Redis).
  --only LIST             scenarios to run, of ${SCENARIO_NAMES.join(',')} (default: all);
                          channels and tonight (orders at two tax rates, a price rule in force, some with a
                          customer, each paid in cash and closed with its receipt) measure the service only
  --instances N           service processes on the one database, for every scenario (1). N > 1 needs PostgreSQL
                          and REDIS_URL; posting clients and sockets are spread over them round robin, and
                          memory figures add them up. The bare baseline stays one process.
  --no-bare               measure the service only
  --api-keys              the service's posting clients send X-API-Key (one key each) instead of a bearer token
                          (not with tonight: a key may not close an order)
  --webhook               the service has a webhook subscription to every order event, delivered during the load
                          to a receiver in this process that answers 200 at once
  --kitchen-printer       the service has one network kitchen printer for every station, a sink in this process:
                          every order prints a kitchen ticket during the load
  --no-modifiers          order lines carry no modifiers (or BENCH_MODIFIERS=0); by default every dish offers a
                          modifier group and every line of the service's orders chooses 1 or 2 of its options
  --runs N                repeat everything N times; the tables show medians and each run (1)
  --pin                   servers (the service and the bare stack) on core 0, this load generator on core 1, so
                          neither starves the other; the database server is not pinned
  --pin-cores SERVER:CLIENT  --pin with other cores, as taskset lists (e.g. 0-1:2-3)
  --seconds N             throughput, latency and tonight duration (15)
  --clients N             posting clients: closed loop for throughput and tonight, connections for latency (16)
  --sockets N             sockets connected during throughput, latency and tonight, kitchen screens included (200)
  --kitchens N            of those, kitchen screens with one station each (12)
  --rate N                orders/s of the latency scenario (50)
  --warmup N              seconds at that rate before the latency scenario measures, reported apart (3)
  --channel-rate N        orders/s a channel posts in the channels scenario, open loop (50; the service only)
  --channel-seconds N     duration of the channels scenario's load (15)
  --channel-sockets N     sockets connected during it, kitchen screens included (200)
  --chain-sites N         chain: sites streaming sales facts to headquarters at once (20)
  --chain-seconds N       chain: how long they stream (10)
  --report-sites N        chain: sites of the synthetic year the consolidated report sums (100)
  --report-days N         chain: days of that year (365)
  --report-facts-per-day N  chain: facts per site and day (20)
  --publication-sites N   chain: site services a catalog publication goes to (20)
  --publication-dishes N  chain: dishes of that catalog, two variations each (500)
  --menu-seconds N        duration of each GET /menu load (5)
  --menu-connections N    autocannon connections for GET /menu (50)
  --idle-sockets N        idle sockets for the memory scenario (1000)
  --prefill N             orders (3 items each, with their events) in each database before the scenarios (0)
  --tables N              dining tables seeded (20)
  --sqlite-synchronous M  the bare baseline's PRAGMA synchronous: OFF, NORMAL, FULL (as the service) or EXTRA
  --markdown-out FILE     also append the markdown report to FILE
Exits 1 when any order or quote failed, a delivery was missed or doubled or a socket dropped, 2 when the bench
failed.`;

interface Options extends ScenarioOptions, TargetOptions {
  webhook: boolean;
  kitchenPrinter: boolean;
  only: ScenarioName[];
  bare: boolean;
  runs: number;
  pin: { server: string; client: string } | null;
  prefill: number;
  markdownOut: string | null;
}

const SYNCHRONOUS_MODES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

function parseOptions(): Options {
  const text = (fallback: string) => ({ type: 'string' as const, default: fallback });
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      only: text(SCENARIO_NAMES.join(',')),
      instances: text('1'),
      'no-bare': { type: 'boolean', default: false },
      'api-keys': { type: 'boolean', default: false },
      webhook: { type: 'boolean', default: false },
      'kitchen-printer': { type: 'boolean', default: false },
      'no-modifiers': { type: 'boolean', default: process.env.BENCH_MODIFIERS === '0' },
      runs: text('1'),
      pin: { type: 'boolean', default: false },
      'pin-cores': { type: 'string' },
      seconds: text('15'),
      clients: text('16'),
      sockets: text('200'),
      kitchens: text('12'),
      rate: text('50'),
      warmup: text('3'),
      'channel-rate': text('50'),
      'channel-seconds': text('15'),
      'channel-sockets': text('200'),
      'chain-sites': text('20'),
      'chain-seconds': text('10'),
      'report-sites': text('100'),
      'report-days': text('365'),
      'report-facts-per-day': text('20'),
      'publication-sites': text('20'),
      'publication-dishes': text('500'),
      'menu-seconds': text('5'),
      'menu-connections': text('50'),
      'idle-sockets': text('1000'),
      prefill: text('0'),
      tables: text('20'),
      'sqlite-synchronous': text('FULL'),
      'markdown-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const count = (name: keyof typeof values, min: number): number => {
    const value = Number(values[name]);
    if (!Number.isSafeInteger(value) || value < min)
      throw new Error(`--${name} must be an integer >= ${min}`);
    return value;
  };
  const options: Options = {
    database: values.database ?? process.env.BENCH_DATABASE_URL ?? null,
    redis: process.env.REDIS_URL || null,
    instances: count('instances', 1),
    only: parseScenarios(values.only),
    bare: !values['no-bare'],
    apiKeys: values['api-keys'],
    webhookUrl: null,
    webhook: values.webhook,
    kitchenPrinterPort: null,
    kitchenPrinter: values['kitchen-printer'],
    modifiers: !values['no-modifiers'],
    runs: count('runs', 1),
    pin: parsePin(values.pin, values['pin-cores']),
    seconds: count('seconds', 1),
    clients: count('clients', 1),
    sockets: count('sockets', 0),
    kitchens: count('kitchens', 0),
    rate: count('rate', 1),
    warmupSeconds: count('warmup', 0),
    channelRate: count('channel-rate', 1),
    channelSeconds: count('channel-seconds', 1),
    channelSockets: count('channel-sockets', 0),
    chainSites: count('chain-sites', 1),
    chainSeconds: count('chain-seconds', 1),
    reportSites: count('report-sites', 1),
    reportDays: count('report-days', 1),
    reportFactsPerDay: count('report-facts-per-day', 1),
    publicationSites: count('publication-sites', 1),
    publicationDishes: count('publication-dishes', 1),
    menuSeconds: count('menu-seconds', 1),
    menuConnections: count('menu-connections', 1),
    idleSockets: count('idle-sockets', 0),
    prefill: count('prefill', 0),
    tables: count('tables', 1),
    sqliteSynchronous: values['sqlite-synchronous'].toUpperCase(),
    markdownOut: values['markdown-out'] ?? null,
  };
  if (options.kitchens > Math.min(options.sockets, options.channelSockets)) {
    throw new Error('--kitchens must not exceed --sockets nor --channel-sockets');
  }
  if (options.apiKeys && options.only.includes('tonight')) {
    throw new Error('--api-keys: the tonight scenario closes orders, which takes a waiter, not a key');
  }
  if (options.instances > 1 && (options.database === null || options.redis === null)) {
    // SQLite's writer is one process's; without Redis an instance hears of another's orders only on its next write.
    throw new Error(
      '--instances > 1 needs PostgreSQL (--database postgres://… or BENCH_DATABASE_URL) and REDIS_URL',
    );
  }
  if (!SYNCHRONOUS_MODES.includes(options.sqliteSynchronous)) {
    throw new Error(`--sqlite-synchronous must be one of ${SYNCHRONOUS_MODES.join(', ')}`);
  }
  return options;
}

/** `--pin` is cores 0:1; `--pin-cores 0-1:2-3` chooses others (taskset lists). */
function parsePin(pin: boolean, cores: string | undefined): Options['pin'] {
  if (!pin && cores === undefined) return null;
  const match = /^([\d,-]+):([\d,-]+)$/.exec(cores ?? '0:1');
  if (!match) throw new Error('--pin-cores takes SERVER:CLIENT core lists, e.g. 0:1');
  return { server: match[1], client: match[2] };
}

/** The named scenarios, in the order they run: memory first, while the fresh server has seen no load. */
function parseScenarios(list: string): ScenarioName[] {
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SCENARIO_NAMES as string[]).includes(name));
  if (unknown.length) throw new Error(`--only: unknown scenario ${unknown.join(', ')}`);
  return SCENARIO_NAMES.filter((name) => names.includes(name));
}

/**
 * Seeds the target's fresh database (and prefills it), then runs each scenario on freshly started servers (the
 * target's instances). The peak RSS is the highest of the scenarios' (summed over the instances): seeding hashes
 * staff passwords with scrypt, which is no load.
 */
async function measure(target: Target, options: Options): Promise<TargetFigures> {
  say(`${target.name}: seeding on ${target.database.kind}`);
  const seeding = await target.start();
  const restaurant = await target.prepare(seeding);
  const templateOrderId = options.prefill > 0 ? await target.templateOrder(seeding, restaurant) : null;
  await stopServer(seeding);
  if (templateOrderId) {
    say(`${target.name}: prefilling ${options.prefill} orders`);
    // The template is the first of them.
    await prefillOrders(target.database.url, target.tables, templateOrderId, options.prefill - 1);
  }
  const figures: TargetFigures = { peakRssMiB: null };
  const peaksKiB: number[] = [];
  for (const scenario of options.only) {
    if (target.name === 'bare' && SERVICE_ONLY.has(scenario)) continue;
    say(`${target.name}: ${scenario}`);
    const servers: Server[] = [];
    try {
      for (let i = 0; i < target.instances; i++) servers.push(await target.start());
      Object.assign(figures, { [scenario]: await SCENARIOS[scenario]({ servers, restaurant, options }) });
    } finally {
      const peak = await stopServers(servers);
      if (peak !== null) peaksKiB.push(peak);
    }
  }
  figures.peakRssMiB = peaksKiB.length ? mib(Math.max(...peaksKiB)) : null;
  return figures;
}

async function measureRun(options: Options): Promise<RunFigures> {
  const run: RunFigures = {};
  const bare = options.bare && options.only.some((scenario) => !SERVICE_ONLY.has(scenario));
  const names: TargetName[] = bare ? ['service', 'bare'] : ['service'];
  for (const name of names) {
    const target = await createTarget(name, options);
    run[name] = await measure(target, options);
    await target.database.drop(); // now rather than at exit: runs × servers databases would pile up
  }
  return run;
}

function describeSettings(options: Options) {
  const bareSqlite = options.bare
    ? ` (the bare baseline's PRAGMA synchronous ${options.sqliteSynchronous})`
    : '';
  return {
    database: options.database === null ? `SQLite${bareSqlite}` : 'PostgreSQL',
    instances: options.instances,
    redis: options.redis === null ? 'no' : 'yes',
    clients: options.clients,
    sockets: `${options.sockets} (${options.kitchens} kitchen screens)`,
    seconds: options.seconds,
    'latency rate': `${options.rate} orders/s after ${options.warmupSeconds} s of warm-up`,
    channels: `${options.channelRate} orders/s × ${options.channelSeconds} s, ${options.channelSockets} sockets`,
    menu: `${options.menuConnections} connections × ${options.menuSeconds} s`,
    chain:
      `${options.chainSites} sites streaming for ${options.chainSeconds} s; a report over ${options.reportSites} ` +
      `sites × ${options.reportDays} days × ${options.reportFactsPerDay} facts; a publication of ` +
      `${options.publicationDishes} dishes to ${options.publicationSites} sites`,
    'idle sockets': options.idleSockets,
    prefill: options.prefill,
    webhook: options.webhook ? 'subscribed to every order event' : 'no',
    'kitchen printer': options.kitchenPrinter ? 'one for every station' : 'no',
    runs: options.runs,
    pinned: options.pin
      ? `servers on core(s) ${options.pin.server}, load generator on ${options.pin.client}`
      : 'no (servers share the cores with the load generator)',
  };
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (options.pin) pinServersApart(options.pin.server, options.pin.client);
  say('building src/ and scripts/');
  await buildApp();
  const receiver = options.webhook ? await startReceiver() : null;
  options.webhookUrl = receiver?.url ?? null;
  const printer = options.kitchenPrinter ? await startPrinter() : null;
  options.kitchenPrinterPort = printer?.port ?? null;
  const started = new Date().toISOString();
  const runs: RunFigures[] = [];
  for (let i = 1; i <= options.runs; i++) {
    if (options.runs > 1) say(`run ${i} of ${options.runs}`);
    runs.push(await measureRun(options));
  }
  const report: Report = {
    date: started,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    settings: describeSettings(options),
    scenarios: options.only,
    runs,
  };
  const markdown = markdownReport(report);
  process.stdout.write(`\n${markdown}\n\n${JSON.stringify(jsonReport(report))}\n`);
  if (options.markdownOut) appendFileSync(options.markdownOut, `${markdown}\n\n`);
  if (receiver) {
    const { requests, deliveries } = receiver.counts();
    say(`webhook: ${deliveries} deliveries received (${requests - deliveries} of them again)`);
  }
  if (printer) say(`kitchen printer: ${printer.tickets()} tickets printed`);
  const problems = failures(report);
  for (const problem of problems) say(problem);
  return problems.length ? 1 : 0;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true; // what fails once the servers stop is no news
    say(`${signal}: stopping the servers`);
    void runCleanups().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await runCleanups();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    if (!interrupted) say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    await runCleanups();
    process.exit(2);
  });
