/**
 * The report of `npm run bench`: one markdown table per scenario with the service's figure, the bare baseline's and
 * their ratio (service/bare), medians over runs with each run beside them, and one JSON line with every figure.
 */
import { median } from './bench-lib';
import type { ScenarioFigures, ScenarioName } from './bench-scenarios';
import type { TargetName } from './bench-targets';

/** One server's figures in one run: the scenarios that ran, and its peak RSS over all of them. */
export type TargetFigures = Partial<ScenarioFigures> & { peakRssMiB: number | null };
export type RunFigures = Partial<Record<TargetName, TargetFigures>>;

export interface Report {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  settings: Record<string, unknown>;
  scenarios: ScenarioName[];
  runs: RunFigures[];
}

const TARGETS: TargetName[] = ['service', 'bare'];

type Section = ScenarioName | 'peak';

/** One row of a section's table: its JSON key, its label, how to read it, and whether it is a plain count. */
type Metric = [key: string, label: string, value: (figures: TargetFigures) => number | null, count?: 'count'];

/** Reads a figure of one scenario; null when that scenario did not run. */
const of =
  <S extends ScenarioName>(scenario: S, pick: (figures: ScenarioFigures[S]) => number | null) =>
  (figures: TargetFigures) => {
    const scenarioFigures = figures[scenario] as ScenarioFigures[S] | undefined;
    return scenarioFigures ? pick(scenarioFigures) : null;
  };

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
const unexpected = (statuses: Record<string, number>, expected: string) =>
  total({ ...statuses, [expected]: 0 });

/** The scenarios that post orders while sockets listen: they fail on failed orders and missed deliveries. */
type RushScenario = 'channels' | 'throughput' | 'latency' | 'tonight';
const RUSH_SCENARIOS: RushScenario[] = ['channels', 'throughput', 'latency', 'tonight'];

/** Where the cores went during a rush (bench-cpu.ts), in cores: 1 is one core busy all the time. */
const cpuMetrics = (scenario: RushScenario): Metric[] =>
  (
    [
      ['cpuInstances', 'CPU of the server processes, cores', 'instances'],
      ['cpuPostgres', 'CPU of PostgreSQL, cores', 'postgres'],
      ['cpuRedis', 'CPU of Redis, cores', 'redis'],
      ['cpuHarness', 'CPU of the bench: clients and screens, cores', 'harness'],
      ['cpuCrowd', 'CPU of the bench: socket crowd, cores', 'crowd'],
      ['cpuOther', 'CPU of everything else (kernel, other programs), cores', 'other'],
      ['cpuIdle', 'CPU idle, cores', 'idle'],
    ] as const
  ).map(([key, label, group]) => [key, label, of(scenario, (figures) => figures.cores[group])]);

/** Counts (errors, misses) get no ratio: 0 against 0 says nothing. */
const METRICS: Record<Section, Metric[]> = {
  memory: [
    ['idleRssMiB', 'RSS idle, MiB', of('memory', (m) => m.idleRssMiB)],
    ['socketsRssMiB', 'RSS with the idle sockets, MiB', of('memory', (m) => m.socketsRssMiB)],
    ['perSocketKiB', 'KiB per socket', of('memory', (m) => m.perSocketKiB)],
    ['connected', 'sockets connected', of('memory', (m) => m.connected), 'count'],
  ],
  channels: [
    [
      'ingestP50Ms',
      'POST /channels/:code/orders p50 ms (from the scheduled send)',
      of('channels', (c) => c.ingestP50Ms),
    ],
    ['ingestP95Ms', 'POST p95 ms', of('channels', (c) => c.ingestP95Ms)],
    ['ingestP99Ms', 'POST p99 ms', of('channels', (c) => c.ingestP99Ms)],
    ['ingestMaxMs', 'POST max ms', of('channels', (c) => c.ingestMaxMs)],
    ['ordersPerSecond', 'orders/s achieved', of('channels', (c) => c.ordersPerSecond)],
    [
      'kitchenP50Ms',
      'order.created on kitchen screens p50 ms (from the scheduled send)',
      of('channels', (c) => c.kitchenP50Ms),
    ],
    ['kitchenP99Ms', 'order.created on kitchen screens p99 ms', of('channels', (c) => c.kitchenP99Ms)],
    ['quoteBeforeMin', 'quote before the load: minutes to readyAt', of('channels', (c) => c.quoteBeforeMin)],
    ['quotePeakMin', 'quote during the load, highest: minutes', of('channels', (c) => c.quotePeakMin)],
    ['quoteAfterMin', 'quote after the load: minutes', of('channels', (c) => c.quoteAfterMin)],
    ['quoteP50Ms', 'quote p50 ms', of('channels', (c) => c.quoteP50Ms)],
    ['quoteMaxMs', 'quote max ms', of('channels', (c) => c.quoteMaxMs)],
    ['sent', 'orders sent', of('channels', (c) => c.sent), 'count'],
    ['created', 'orders created (201)', of('channels', (c) => c.created), 'count'],
    ['errors', 'errors', of('channels', (c) => total(c.errors)), 'count'],
    ['quoteErrors', 'failed quotes', of('channels', (c) => c.quoteErrors), 'count'],
    ['missed', 'missed kitchen deliveries', of('channels', (c) => c.missed), 'count'],
    ['doubled', 'doubled kitchen deliveries', of('channels', (c) => c.doubled), 'count'],
    ['crowdMissed', 'order events missed by the socket crowd', of('channels', (c) => c.crowdMissed), 'count'],
    ['crowdDropped', 'crowd sockets disconnected', of('channels', (c) => c.crowdDropped), 'count'],
    ...cpuMetrics('channels'),
  ],
  throughput: [
    ['ordersPerSecond', 'orders/s', of('throughput', (t) => t.ordersPerSecond)],
    ['postP50Ms', 'POST p50 ms', of('throughput', (t) => t.postP50Ms)],
    ['postP99Ms', 'POST p99 ms', of('throughput', (t) => t.postP99Ms)],
    ['postMaxMs', 'POST max ms (the longest stall)', of('throughput', (t) => t.postMaxMs)],
    ['orders', 'orders', of('throughput', (t) => t.orders), 'count'],
    ['errors', 'errors', of('throughput', (t) => total(t.errors)), 'count'],
    ['missed', 'missed kitchen deliveries', of('throughput', (t) => t.missed), 'count'],
    ['doubled', 'doubled kitchen deliveries', of('throughput', (t) => t.doubled), 'count'],
    [
      'crowdMissed',
      'order events missed by the socket crowd',
      of('throughput', (t) => t.crowdMissed),
      'count',
    ],
    ['crowdDropped', 'crowd sockets disconnected', of('throughput', (t) => t.crowdDropped), 'count'],
    ...cpuMetrics('throughput'),
  ],
  latency: [
    ['kitchenP50Ms', 'kitchen p50 ms', of('latency', (l) => l.kitchenP50Ms)],
    ['kitchenP95Ms', 'kitchen p95 ms', of('latency', (l) => l.kitchenP95Ms)],
    ['kitchenP99Ms', 'kitchen p99 ms', of('latency', (l) => l.kitchenP99Ms)],
    ['kitchenMaxMs', 'kitchen max ms', of('latency', (l) => l.kitchenMaxMs)],
    [
      'warmupKitchenP99Ms',
      'kitchen p99 ms in the warm-up, first seconds after a start',
      of('latency', (l) => l.warmupKitchenP99Ms),
    ],
    ['postP50Ms', 'POST p50 ms (from the scheduled send)', of('latency', (l) => l.postP50Ms)],
    ['postP99Ms', 'POST p99 ms', of('latency', (l) => l.postP99Ms)],
    ['postMaxMs', 'POST max ms', of('latency', (l) => l.postMaxMs)],
    ['deliveries', 'deliveries (order × screen)', of('latency', (l) => l.deliveries), 'count'],
    ['errors', 'errors', of('latency', (l) => total(l.errors)), 'count'],
    ['missed', 'missed kitchen deliveries', of('latency', (l) => l.missed), 'count'],
    ['doubled', 'doubled kitchen deliveries', of('latency', (l) => l.doubled), 'count'],
    ['crowdMissed', 'order events missed by the socket crowd', of('latency', (l) => l.crowdMissed), 'count'],
    ['crowdDropped', 'crowd sockets disconnected', of('latency', (l) => l.crowdDropped), 'count'],
    ...cpuMetrics('latency'),
  ],
  menu: [
    ['plainRps', '200: req/s', of('menu', (m) => m.plain.requestsPerSecond)],
    ['plainP50Ms', '200: p50 ms', of('menu', (m) => m.plain.p50Ms)],
    ['plainP99Ms', '200: p99 ms', of('menu', (m) => m.plain.p99Ms)],
    ['revalidatedRps', '304 (If-None-Match): req/s', of('menu', (m) => m.revalidated.requestsPerSecond)],
    ['revalidatedP50Ms', '304: p50 ms', of('menu', (m) => m.revalidated.p50Ms)],
    ['revalidatedP99Ms', '304: p99 ms', of('menu', (m) => m.revalidated.p99Ms)],
    [
      'qrPageRps',
      'QR page data (GET /public/tables/{qrToken}), 200: req/s',
      of('menu', (m) => m.qrPage?.requestsPerSecond ?? null),
    ],
    ['qrPageP99Ms', 'QR page data: p99 ms', of('menu', (m) => m.qrPage?.p99Ms ?? null)],
    ['bytes', 'menu bytes', of('menu', (m) => m.bytes), 'count'],
    [
      'scheduledDishes',
      'dishes a schedule limits (availableUntil)',
      of('menu', (m) => m.scheduledDishes),
      'count',
    ],
    ['ruledVariations', 'variations a price rule prices', of('menu', (m) => m.ruledVariations), 'count'],
    [
      'leveledVariations',
      'variations with price-level prices',
      of('menu', (m) => m.leveledVariations),
      'count',
    ],
    ['combos', 'combos', of('menu', (m) => m.combos), 'count'],
    [
      'unexpected',
      'replies other than 200 / 304',
      of('menu', (m) => unexpected(m.plain.statuses, '200') + unexpected(m.revalidated.statuses, '304')),
      'count',
    ],
  ],
  tonight: [
    [
      'completedPerSecond',
      'orders/s completed (created, paid, closed)',
      of('tonight', (t) => t.completedPerSecond),
    ],
    ['createP50Ms', 'POST /orders p50 ms', of('tonight', (t) => t.createP50Ms)],
    ['createP99Ms', 'POST /orders p99 ms', of('tonight', (t) => t.createP99Ms)],
    ['attachP50Ms', 'POST /orders/:id/customer p50 ms', of('tonight', (t) => t.attachP50Ms)],
    ['attachP99Ms', 'POST /orders/:id/customer p99 ms', of('tonight', (t) => t.attachP99Ms)],
    ['payP50Ms', 'POST /orders/:id/payments p50 ms', of('tonight', (t) => t.payP50Ms)],
    ['payP99Ms', 'POST /orders/:id/payments p99 ms', of('tonight', (t) => t.payP99Ms)],
    ['closeP50Ms', 'PATCH /orders/:id/status (close) p50 ms', of('tonight', (t) => t.closeP50Ms)],
    ['closeP99Ms', 'PATCH /orders/:id/status (close) p99 ms', of('tonight', (t) => t.closeP99Ms)],
    ['completed', 'orders completed', of('tonight', (t) => t.completed), 'count'],
    ['created', 'orders created', of('tonight', (t) => t.created), 'count'],
    [
      'mixedRateOrders',
      'orders with lines at two tax rates',
      of('tonight', (t) => t.mixedRateOrders),
      'count',
    ],
    ['ruledLines', 'lines priced by a price rule', of('tonight', (t) => t.ruledLines), 'count'],
    ['lines', 'lines', of('tonight', (t) => t.lines), 'count'],
    ['withCustomer', 'orders with a customer attached', of('tonight', (t) => t.withCustomer), 'count'],
    ['receipts', 'receipts issued', of('tonight', (t) => t.receipts), 'count'],
    ['errors', 'errors', of('tonight', (t) => total(t.errors)), 'count'],
    ['missed', 'missed kitchen deliveries', of('tonight', (t) => t.missed), 'count'],
    ['doubled', 'doubled kitchen deliveries', of('tonight', (t) => t.doubled), 'count'],
    ['crowdMissed', 'order events missed by the socket crowd', of('tonight', (t) => t.crowdMissed), 'count'],
    ['crowdDropped', 'crowd sockets disconnected', of('tonight', (t) => t.crowdDropped), 'count'],
    ...cpuMetrics('tonight'),
  ],
  chain: [
    ['factsPerSecond', 'HQ ingest: facts kept per second', of('chain', (c) => c.factsPerSecond)],
    ['batchP50Ms', 'POST /hq/sales-facts (100 facts) p50 ms', of('chain', (c) => c.batchP50Ms)],
    ['batchP99Ms', 'POST /hq/sales-facts p99 ms', of('chain', (c) => c.batchP99Ms)],
    ['reportSiteMs', 'GET /hq/reports/sales over the year by site, ms', of('chain', (c) => c.reportSiteMs)],
    ['reportGroupMs', '… by group, ms', of('chain', (c) => c.reportGroupMs)],
    ['reportDayMs', '… by day, ms', of('chain', (c) => c.reportDayMs)],
    ['reportChannelMs', '… by channel, ms', of('chain', (c) => c.reportChannelMs)],
    ['reportDishMs', 'GET /hq/reports/dishes over the year, ms', of('chain', (c) => c.reportDishMs)],
    ['factsAccepted', 'facts kept while streaming', of('chain', (c) => c.factsAccepted), 'count'],
    ['batchErrors', 'batches refused or failed', of('chain', (c) => c.batchErrors), 'count'],
    ['reportFacts', 'facts of the synthetic year', of('chain', (c) => c.reportFacts), 'count'],
    [
      'publicationSeconds',
      'catalog publication: POST /hq/publications to the last site applied, s',
      of('chain', (c) => c.publicationSeconds),
    ],
  ],
  peak: [['peakRssMiB', 'VmHWM, highest of the scenarios (instances summed), MiB', (f) => f.peakRssMiB]],
};

const TITLES: Record<Section, string> = {
  memory: 'Memory',
  channels: 'A channel’s orders at a fixed rate, and its quote',
  throughput: 'Throughput at saturation',
  latency: 'Kitchen latency at a fixed rate',
  menu: 'GET /api/v1/menu',
  tonight: 'Tonight’s orders: two tax rates, a price rule, customers, paid and closed with a receipt',
  chain:
    'Headquarters: sales facts from sites streaming at once, the consolidated report over a year, and a catalog ' +
    'publication to site services',
  peak: 'Peak RSS over the run',
};

const ratio = (service: number | null, bare: number | null) =>
  service === null || bare === null || bare === 0 ? null : service / bare;

function formatRatio(value: number | null): string {
  if (value === null) return '–';
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toPrecision(2)}×`;
}

const cell = (value: number | null) => (value === null ? '–' : String(value));
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** A metric's value for one target in each run. */
const perRun = (report: Report, target: TargetName, value: Metric[2]) =>
  report.runs.map((run) => (run[target] ? value(run[target]) : null));

/** The servers measured: the service, and the bare baseline unless --no-bare. */
const measured = (report: Report) => TARGETS.filter((target) => report.runs.some((run) => run[target]));

function sectionTable(report: Report, section: Section): string {
  const several = report.runs.length > 1;
  const targets = measured(report);
  const compared = targets.length === TARGETS.length;
  const header = [
    TITLES[section],
    ...targets.map((target) => (several ? `${target} (median)` : target)),
    ...(compared ? ['service/bare'] : []),
    ...(several ? targets.map((target) => `${target} per run`) : []),
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const [, label, value, count] of METRICS[section]) {
    const runs = targets.map((target) => perRun(report, target, value));
    const medians = runs.map(median);
    const ratioCell = count ? '–' : formatRatio(ratio(medians[0], medians[1]));
    lines.push(
      row([
        label,
        ...medians.map(cell),
        ...(compared ? [ratioCell] : []),
        ...(several ? runs.map((values) => values.map(cell).join(', ')) : []),
      ]),
    );
  }
  const notes = [...errorNotes(report, section), ...quoteNotes(report, section)];
  return [`### ${TITLES[section]}`, '', ...lines, ...notes].join('\n');
}

/** Below the channels table: the quote each second during the load, per run. */
function quoteNotes(report: Report, section: Section): string[] {
  if (section !== 'channels') return [];
  return report.runs.flatMap((run, i) => {
    const during = run.service?.channels?.quoteDuringMin;
    if (!during) return [];
    const where = report.runs.length > 1 ? ` (run ${i + 1})` : '';
    const series = during.map((minutes) => (minutes === null ? 'failed' : String(minutes))).join(', ');
    return ['', `Quote each second during the load${where}, minutes to readyAt: ${series}.`];
  });
}

/** Below a table: which statuses the failures had, per target and run. */
function errorNotes(report: Report, section: Section): string[] {
  const scenario = RUSH_SCENARIOS.find((name) => name === section);
  if (!scenario) return [];
  const notes = report.runs.flatMap((run, i) =>
    TARGETS.flatMap((target) => {
      const errors = Object.entries(run[target]?.[scenario]?.errors ?? {});
      if (errors.length === 0) return [];
      const where = report.runs.length > 1 ? `${target}, run ${i + 1}` : target;
      return [`${where}: ${errors.map(([status, n]) => `${n}×${status}`).join(', ')}`];
    }),
  );
  return notes.length ? ['', `Errors by status: ${notes.join('; ')}.`] : [];
}

/** The heading (date, machine, settings), then a table for each scenario that ran and one for peak memory. */
export function markdownReport(report: Report): string {
  const { machine, settings } = report;
  const setup = Object.entries(settings).map(([name, value]) => `${name} ${String(value)}`);
  const subject = measured(report).length > 1 ? 'the service against a bare baseline' : 'the service';
  const heading = [
    `## Benchmark: ${subject}, ${report.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, ${machine.platform}. ${setup.join(', ')}.`,
  ];
  const sections: Section[] = [...report.scenarios, 'peak'];
  return [...heading, ...sections.map((section) => `\n${sectionTable(report, section)}`)].join('\n');
}

/** Every figure of every run, plus the tables' medians and ratios (service/bare) under `<section>.<key>`. */
export function jsonReport(report: Report) {
  const sections: Section[] = [...report.scenarios, 'peak'];
  const metrics = sections.flatMap((section) =>
    METRICS[section].map(([key, , value, count]) => ({ name: `${section}.${key}`, value, count })),
  );
  const medians = (target: TargetName) =>
    Object.fromEntries(metrics.map(({ name, value }) => [name, median(perRun(report, target, value))]));
  const byTarget = Object.fromEntries(measured(report).map((target) => [target, medians(target)]));
  const { service, bare } = byTarget;
  const ratios =
    service && bare
      ? Object.fromEntries(
          metrics
            .filter(({ count }) => !count)
            .map(({ name }) => {
              const value = ratio(service[name], bare[name]);
              return [name, value === null ? null : Math.round(value * 1000) / 1000];
            }),
        )
      : null;
  return { ...report, median: byTarget, ratio: ratios };
}

/**
 * What makes the bench exit non-zero: failed orders (or a failed step of one), missed or doubled deliveries,
 * dropped sockets, failed quotes, closed orders without their receipt, on either server.
 */
export function failures(report: Report): string[] {
  return report.runs.flatMap((run, i) =>
    TARGETS.flatMap((target) =>
      RUSH_SCENARIOS.flatMap((scenario) => {
        const figures = run[target]?.[scenario];
        if (!figures) return [];
        const failed = total(figures.errors);
        const problems = [
          ...(failed > 0 ? [`${failed} failed orders`] : []),
          ...(figures.missed > 0 ? [`${figures.missed} missed kitchen deliveries`] : []),
          ...(figures.doubled > 0 ? [`${figures.doubled} doubled kitchen deliveries`] : []),
          ...(figures.crowdMissed > 0 ? [`${figures.crowdMissed} order events missed by the crowd`] : []),
          ...(figures.crowdDropped > 0 ? [`${figures.crowdDropped} crowd sockets disconnected`] : []),
          ...('quoteErrors' in figures && figures.quoteErrors > 0
            ? [`${figures.quoteErrors} failed quotes`]
            : []),
          ...('receipts' in figures && figures.receipts !== figures.completed
            ? [`${figures.receipts} receipts issued for ${figures.completed} orders closed`]
            : []),
        ];
        return problems.map((problem) => `run ${i + 1}, ${target}, ${scenario}: ${problem}`);
      }),
    ),
  );
}
