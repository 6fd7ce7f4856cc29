/**
 * What hostile bodies cost everyone else (issue 48): the service is built and started as `npm run bench` starts it,
 * on a fresh database; `/health` is asked `--samples` times in a row (or for `--seconds`) at rest, then again while
 * `--clients` clients keep sending the bodies that cost a server most per byte, each as fast as it is answered:
 * 1 MiB of JSON (the limit) to a terminal provider's webhook, to an unknown provider's and to /orders, 10,000
 * levels of nesting and a 100,000-element array to /orders. Prints /health's p50 and p99 at rest and under the flood, the ratio of the
 * p99s, and what the hostile requests were answered.
 *
 *   npm run flood -- [--database postgres://postgres@127.0.0.1:5432] [--clients 8] [--samples 500]
 *     [--seconds 120]
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDatabase } from './bench-database';
import { cleanups, percentile, round1, runCleanups, say } from './bench-lib';
import { buildApp, startServer } from './bench-servers';
import { deeplyNested, longArray, MIB, paddedJson, sendBody, TimedReply } from './hostile-bodies';

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** The hostile requests, sent in turn by each client. */
const HOSTILE = [
  {
    name: '1 MiB to a provider webhook',
    path: '/api/v1/terminals/webhooks/simulator',
    body: paddedJson(MIB),
  },
  { name: '1 MiB to an unknown provider', path: '/api/v1/terminals/webhooks/nobody', body: paddedJson(MIB) },
  { name: '1 MiB to /orders', path: '/api/v1/orders', body: paddedJson(MIB) },
  { name: '10,000 levels to /orders', path: '/api/v1/orders', body: deeplyNested(10_000) },
  { name: '100,000-element array to /orders', path: '/api/v1/orders', body: longArray(100_000, 'items') },
];

/** The least time a `/health` request is given, however near the window's end it starts. */
const HEALTH_TIMEOUT_FLOOR_MS = 5_000;

interface HealthSamples {
  /** Each reply's time in ms; an unanswered request's time until the window closed. */
  times: number[];
  /** Replies other than 200 (a 503 says the database check timed out: the event loop was held). */
  failed: number;
  /** Requests with no reply in their time (the window's rest, at least HEALTH_TIMEOUT_FLOOR_MS). */
  unanswered: number;
}

/**
 * `/health` asked `samples` times in a row on one kept-alive connection, or as many as are answered within
 * `seconds` (a frozen service answers few: how many is then the figure).
 */
async function askHealth(baseUrl: string, samples: number, seconds: number): Promise<HealthSamples> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  cleanups.push(() => agent.destroy());
  const result: HealthSamples = { times: [], failed: 0, unanswered: 0 };
  const deadline = performance.now() + seconds * 1000;
  for (let i = 0; i < samples && performance.now() < deadline; i++) {
    const started = performance.now();
    // A request started just before the window closes still gets time to answer: without the floor the last
    // one was nearly always counted unanswered, a figure of the window, not of the service.
    const timeoutMs = Math.max(HEALTH_TIMEOUT_FLOOR_MS, deadline - started);
    const reply = await sendBody(baseUrl, 'GET', '/health', {}, undefined, { agent, timeoutMs }).catch(
      () => null,
    );
    result.times.push(reply?.ms ?? performance.now() - started);
    if (!reply) result.unanswered += 1;
    else if (reply.status !== 200) result.failed += 1;
  }
  return result;
}

interface FloodTally {
  /** Per hostile request: how many, and their statuses. */
  sent: Map<string, Map<number | string, number>>;
}

/**
 * `clients` loops sending the hostile requests in turn until `stopped()`; resolves when all have stopped (the
 * caller need not wait: the tally counts the replies received so far).
 */
async function flood(
  baseUrl: string,
  clients: number,
  stopped: () => boolean,
  tally: FloodTally,
): Promise<void> {
  const count = (name: string, outcome: number | string) => {
    const outcomes = tally.sent.get(name) ?? new Map<number | string, number>();
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    tally.sent.set(name, outcomes);
  };
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      cleanups.push(() => agent.destroy());
      for (let i = client; !stopped(); i++) {
        const hostile = HOSTILE[i % HOSTILE.length];
        const outcome = await sendBody(baseUrl, 'POST', hostile.path, JSON_TYPE, hostile.body, {
          agent,
          timeoutMs: 120_000,
        }).then(
          (reply: TimedReply) => reply.status,
          (error: NodeJS.ErrnoException) => error.code ?? 'error',
        );
        count(hostile.name, outcome);
      }
    }),
  );
}

const summary = ({ times, failed, unanswered }: HealthSamples) => ({
  p50: percentile(times, 50),
  p99: percentile(times, 99),
  max: percentile(times, 100),
  answered: times.length - unanswered,
  failed,
  unanswered,
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      clients: { type: 'string', default: '8' },
      samples: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '120' },
    },
  });
  const clients = Number(values.clients);
  const samples = Number(values.samples);
  const seconds = Number(values.seconds);
  say('building the service');
  await buildApp();
  const database = await createDatabase(values.database ?? null);
  cleanups.push(() => database.drop());
  const server = await startServer('src/main.js', {
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PIN_PEPPER: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  });
  say(`/health at rest, ${samples} times`);
  await askHealth(server.baseUrl, 50, seconds); // warm-up
  const atRest = summary(await askHealth(server.baseUrl, samples, seconds));
  say(`/health while ${clients} clients send hostile bodies, ${samples} times`);
  const tally: FloodTally = { sent: new Map() };
  let done = false;
  const flooding = flood(server.baseUrl, clients, () => done, tally);
  const started = Date.now();
  const flooded = summary(await askHealth(server.baseUrl, samples, seconds));
  const floodSeconds = (Date.now() - started) / 1000;
  done = true;
  // Replies still on their way are not waited for: a frozen service would hold the report for minutes.
  void flooding;
  const hostile = Object.fromEntries(
    [...tally.sent].map(([name, outcomes]) => [name, Object.fromEntries(outcomes)]),
  );
  const ratio = atRest.p99 && flooded.p99 ? round1(flooded.p99 / atRest.p99) : null;
  process.stdout.write(
    `${JSON.stringify({ database: database.kind, clients, samples, atRest, flooded, p99Ratio: ratio, seconds: round1(floodSeconds), hostile }, null, 2)}\n`,
  );
  say(
    `/health p50/p99 at rest ${atRest.p50}/${atRest.p99} ms; under the flood ${flooded.p50}/${flooded.p99} ms ` +
      `(p99 ×${ratio}; ${flooded.answered} answered in ${round1(floodSeconds)} s, ${flooded.failed} not 200)`,
  );
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`flood: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
