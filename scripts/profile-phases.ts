/**
 * The per-order CPU budget of docs/benchmark.md: reads the server's V8 CPU profile written under the benchmark
 * (`BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" npm run bench -- --no-bare --only throughput`) and splits its
 * busy time into phases, each in milliseconds per order.
 *
 *   npm run profile-phases -- DIR --orders N [--top 25]
 *
 * A sample belongs to the phase of the innermost frame of the service's own code on its stack (so a TypeORM call
 * made by the tax module counts as tax); a sample with none of the service's frames (socket writes after the
 * handler returned, Express's router, the validation pipe) belongs to the library its leaf frame is in. Module
 * loading at start is left out: the window runs from the first to the last sample of an order's creation, in the
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
}

/** The phases' milliseconds inside the window of order creation; null for a profile with no order in it. */
function budgetOf(profile: CpuProfile): Budget | null {
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
      if (frame.url.includes('order-creation')) creating = true;
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
  const byPhase = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (let index = first + 1; index <= last; index++) {
    const id = profile.samples[index];
    const ms = (times[index] - times[index - 1]) / 1000;
    const phase = phaseOfNode.get(id)!;
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + ms);
    const frame = nodes.get(id)!.callFrame;
    const where = frame.url.replace(/.*node_modules\//, '').replace(/.*\/src\//, 'src/');
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  return { windowMs: (times[last] - times[first]) / 1000, byPhase, byFunction };
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { orders: { type: 'string' }, top: { type: 'string', default: '25' } },
  });
  const orders = Number(values.orders);
  if (positionals.length !== 1 || !(orders > 0)) {
    process.stderr.write('Usage: npm run profile-phases -- DIR --orders N [--top 25]\n');
    process.exit(2);
  }
  // The seeding start may create an order too: the measured server is the one with the longest window.
  const [budget] = readProfiles(positionals[0])
    .map(budgetOf)
    .filter((found): found is Budget => found !== null)
    .sort((a, b) => b.windowMs - a.windowMs);
  if (!budget) throw new Error('no profile with an order created in it');
  const { windowMs, byPhase, byFunction } = budget;
  const busy = [...byPhase].filter(([phase]) => phase !== 'idle').reduce((sum, [, ms]) => sum + ms, 0);
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
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
