/**
 * The per-order CPU budget of docs/benchmark.md: reads the server's V8 CPU profile written under the benchmark
 * (`BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" npm run bench -- --no-bare --only throughput`) and splits its
 * busy time into phases, each in milliseconds per order.
 *
 *   npm run profile-phases -- DIR --orders N [--seconds S] [--top 25] [--bare-orders M]
 *
 * With `--bare-orders` (the bare stack's orders in the same run: leave out `--no-bare` and the bench profiles both
 * servers into DIR), it also sets the two servers' CPU per order side by side, by the package or builtin of each
 * sample's leaf frame (the service's own code as one), to show where the service spends what the bare stack does not.
 *
 * A sample belongs to the phase of the innermost frame of the service's own code on its stack (so a TypeORM call
 * made by the tax module counts as tax); a sample with none of the service's frames (socket writes after the
 * handler returned, Express's router, the validation pipe) belongs to the library its leaf frame is in. Module
 * loading at start is left out: the window runs from the first to the last sample of an order's creation (with
 * `--seconds`, only the last S seconds of it: the bench's measured ones, without seeding and warm-up), in the
 * profile where that window is longest (the bench's seeding start writes profiles too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The service's own code, by the folder under src/ (in dist/ or in the benchmark's copy of it). */
const SOURCE = /\/src\/([\w-]+)\/(?:([\w-]+)\/)?([\w.-]+)\.js$/;

/** Phases of the service's code: the first rule whose pattern matches `module/file` wins. */
const SOURCE_PHASES: Array<[RegExp, string]> = [
  [/^(auth|security)\/|^common\/access\//, 'authentication'],
  [/^integrations\/api-key|usage/, 'API keys and usage'],
  [/^idempotency\//, 'idempotency'],
  [/^(common\/http|common\/errors|health|rate-limit)\//, 'request pipeline (ours)'],
  [/^(pricing|menu)\//, 'pricing and menu look-ups'],
  [/^taxes\//, 'tax'],
  [/stock/, 'stock'],
  [/^receipts\//, 'receipts'],
  [/^guests\//, 'customers and loyalty'],
  [/^realtime\//, 'fan-out'],
  [/^event-log\//, 'events'],
  [/^database\//, 'unit of work (SQL)'],
  [/^orders\//, 'orders (lines, totals, views)'],
];

/** Phases of samples with no frame of the service's: by the package or builtin of the leaf frame. */
const LIBRARY_PHASES: Array<[RegExp, string]> = [
  [/^\(garbage collector\)$/, 'garbage collection'],
  [/^\(idle\)$/, 'idle'],
  [/^\(program\)$/, 'V8 and native (unattributed)'],
  [/node_modules\/(socket\.io|engine\.io|ws|socket\.io-parser|socket\.io-adapter)\/|^writev$/, 'fan-out'],
  [/node_modules\/(class-validator|class-transformer)\//, 'validation'],
  [/node_modules\/(sqlite3|pg|pg-protocol|pg-pool|typeorm)\//, 'unit of work (SQL)'],
  [/node_modules\/(pino|pino-http|nestjs-pino|sonic-boom|fast-redact)\//, 'logging'],
  [
    /node_modules\/(express|router|body-parser|helmet|raw-body|on-finished|finalhandler|send|serve-static)\//,
    'HTTP platform',
  ],
  [/node_modules\/@nestjs\//, 'Nest pipeline'],
  [
    /^node:(net|stream|internal\/streams|_http|http|internal\/http)|^(writeBuffer|writeUtf8String)$/,
    'HTTP platform',
  ],
];

function phaseOfSource(relative: string): string {
  return SOURCE_PHASES.find(([pattern]) => pattern.test(relative))?.[1] ?? `other: ${relative.split('/')[0]}`;
}

function phaseOfLeaf(frame: CallFrame): string {
  const key = frame.url || frame.functionName;
  return LIBRARY_PHASES.find(([pattern]) => pattern.test(key))?.[1] ?? 'other: node and libraries';
}

function readProfiles(directory: string): CpuProfile[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => JSON.parse(readFileSync(path.join(directory, name), 'utf8')) as CpuProfile);
}

interface Budget {
  windowMs: number;
  byPhase: Map<string, number>;
  byFunction: Map<string, number>;
  byPackage: Map<string, number>;
}

/**
 * Where each server works on its orders: the service's order creation; the bare stack's own script, which does
 * nothing else under the benchmark (its order functions alone are too short to be sampled often).
 */
const CREATES_ORDER = {
  service: (frame: CallFrame) => frame.url.includes('order-creation'),
  bare: (frame: CallFrame) => frame.url.includes('bench-bare'),
};

/** What a sample's leaf frame belongs to: a package, a builtin module, either server's own code, or V8 itself. */
function packageOf(frame: CallFrame): string {
  // The bench runs both servers compiled under node_modules/.cache: that is the project's code, not a package's.
  const ours = !/node_modules\/(?!\.cache\/)/.test(frame.url);
  if (ours && frame.url.includes('/src/')) return "the service's own code";
  if (ours && frame.url.includes('/scripts/bench-')) return "the bare stack's own code";
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
  if (inPackage) return inPackage[1];
  if (frame.url.startsWith('node:')) return frame.url.replace(/^node:(internal\/)?([\w-]+).*$/, 'node:$2');
  return frame.url ? 'other' : frame.functionName;
}

/** The phases' milliseconds inside the window of order creation; null for a profile with no order in it. */
function budgetOf(
  profile: CpuProfile,
  createsOrderIn: (frame: CallFrame) => boolean,
  seconds: number | null,
): Budget | null {
  const parentOf = new Map<number, number>();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const phaseOfNode = new Map<number, string>();
  const createsOrder = new Map<number, boolean>();
  for (const node of profile.nodes) {
    let phase: string | null = null;
    let creating = false;
    for (let id: number | undefined = node.id; id !== undefined; id = parentOf.get(id)) {
      const frame = nodes.get(id)!.callFrame;
      const source = SOURCE.exec(frame.url);
      if (source && phase === null) phase = phaseOfSource(source.slice(1).filter(Boolean).join('/'));
      if (createsOrderIn(frame)) creating = true;
    }
    phaseOfNode.set(node.id, phase ?? phaseOfLeaf(node.callFrame));
    createsOrder.set(node.id, creating);
  }
  let time = 0;
  let first = -1;
  let last = -1;
  const times = profile.samples.map((_, index) => (time += profile.timeDeltas[index] ?? 0));
  profile.samples.forEach((id, index) => {
    if (!createsOrder.get(id)) return;
    if (first < 0) first = index;
    last = index;
  });
  if (first < 0) return null;
  // The measured seconds end with the last order; what comes before them is start-up, seeding and warm-up.
  if (seconds !== null) while (times[last] - times[first] > seconds * 1e6) first++;
  const byPhase = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (let index = first + 1; index <= last; index++) {
    const id = profile.samples[index];
    const ms = (times[index] - times[index - 1]) / 1000;
    const phase = phaseOfNode.get(id)!;
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + ms);
    const frame = nodes.get(id)!.callFrame;
    const where = frame.url.replace(/.*node_modules\//, '').replace(/.*\/src\//, 'src/');
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const owner = packageOf(frame);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + ms);
  }
  return { windowMs: (times[last] - times[first]) / 1000, byPhase, byFunction, byPackage };
}

/** The measured server's budget: of the profiles with an order in them, the one with the longest window. */
function measured(
  profiles: CpuProfile[],
  createsOrderIn: (frame: CallFrame) => boolean,
  seconds: number | null,
): Budget | undefined {
  // The seeding start may create an order too.
  return profiles
    .map((profile) => budgetOf(profile, createsOrderIn, seconds))
    .filter((found): found is Budget => found !== null)
    .sort((a, b) => b.windowMs - a.windowMs)[0];
}

const busyOf = (byPhase: Map<string, number>) =>
  [...byPhase].filter(([phase]) => phase !== 'idle').reduce((sum, [, ms]) => sum + ms, 0);

/** The two servers' busy time per order by package, the largest differences first. */
function packageTable(service: Budget, orders: number, bare: Budget, bareOrders: number): string[] {
  const packages = new Set([...service.byPackage.keys(), ...bare.byPackage.keys()]);
  packages.delete('(idle)');
  const rows = [...packages].map((name) => {
    const ours = (service.byPackage.get(name) ?? 0) / orders;
    const theirs = (bare.byPackage.get(name) ?? 0) / bareOrders;
    return { name, ours, theirs, more: ours - theirs };
  });
  const total = (budget: Budget, count: number) => busyOf(budget.byPhase) / count;
  const [ours, theirs] = [total(service, orders), total(bare, bareOrders)];
  return [
    '',
    `busy per order: service ${ours.toFixed(3)} ms, bare ${theirs.toFixed(3)} ms, more ${(ours - theirs).toFixed(3)} ms`,
    '',
    '| package (leaf frame) | service, ms per order | bare | more |',
    '| --- | --- | --- | --- |',
    ...rows
      .sort((a, b) => b.more - a.more)
      .filter((row) => Math.abs(row.more) >= 0.005)
      .map(
        (row) =>
          `| ${row.name} | ${row.ours.toFixed(3)} | ${row.theirs.toFixed(3)} | ${row.more.toFixed(3)} |`,
      ),
  ];
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      orders: { type: 'string' },
      top: { type: 'string', default: '25' },
      'bare-orders': { type: 'string' },
      seconds: { type: 'string' },
    },
  });
  const orders = Number(values.orders);
  const bareOrders = values['bare-orders'] === undefined ? null : Number(values['bare-orders']);
  const seconds = values.seconds === undefined ? null : Number(values.seconds);
  const positive = (value: number | null) => value === null || value > 0;
  if (positionals.length !== 1 || !(orders > 0) || !positive(bareOrders) || !positive(seconds)) {
    process.stderr.write(
      'Usage: npm run profile-phases -- DIR --orders N [--seconds S] [--top 25] [--bare-orders M]\n',
    );
    process.exit(2);
  }
  const profiles = readProfiles(positionals[0]);
  const budget = measured(profiles, CREATES_ORDER.service, seconds);
  if (!budget) throw new Error('no profile with an order created in it');
  const bare = bareOrders === null ? null : measured(profiles, CREATES_ORDER.bare, seconds);
  if (bareOrders !== null && !bare)
    throw new Error('no profile of the bare stack with an order stored in it');
  const { windowMs, byPhase, byFunction } = budget;
  const busy = busyOf(byPhase);
  const perOrder = (ms: number) => (ms / orders).toFixed(3);
  const lines = [
    `window ${(windowMs / 1000).toFixed(1)} s, ${orders} orders, busy ${perOrder(busy)} ms per order`,
    '',
    '| phase | ms per order | share of busy |',
    '| --- | --- | --- |',
    ...[...byPhase]
      .filter(([phase]) => phase !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .map(([phase, ms]) => `| ${phase} | ${perOrder(ms)} | ${((100 * ms) / busy).toFixed(1)} % |`),
    `| idle | ${perOrder(byPhase.get('idle') ?? 0)} | – |`,
    '',
    '| function (self time) | ms per order |',
    '| --- | --- |',
    ...[...byFunction]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(values.top))
      .map(([name, ms]) => `| ${name} | ${perOrder(ms)} |`),
    ...(bare ? packageTable(budget, orders, bare, bareOrders!) : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
