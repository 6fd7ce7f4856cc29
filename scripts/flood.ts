/**
 * What hostile bodies cost everyone else (issue 48): the service is built and started as `npm run bench` starts it,
 * on a fresh database; `/health` is asked `--samples` times in a row at rest, then again while `--clients` clients
 * keep sending the bodies that cost a server most per byte, each as fast as it is answered: 1 MiB of JSON (the
 * limit) to a terminal provider's webhook, to an unknown provider's and to /orders, 10,000 levels of nesting and a
 * 100,000-element array to /orders. Prints /health's p50 and p99 at rest and under the flood, the ratio of the
 * p99s, and what the hostile requests were answered.
 *
 *   npm run flood -- [--database postgres://postgres@127.0.0.1:5432] [--clients 8] [--samples 500]
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
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

/** `/health` asked `samples` times in a row on one kept-alive connection: each reply's time in ms. */
async function healthTimes(baseUrl: string, samples: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  cleanups.push(() => agent.destroy());
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const reply = await sendBody(baseUrl, 'GET', '/health', {}, undefined, { agent, timeoutMs: 120_000 });
    if (reply.status !== 200) throw new Error(`/health answered ${reply.status}: ${reply.text}`);
    times.push(reply.ms);
  }
  return times;
}

interface FloodTally {
  /** Per hostile request: how many, and their statuses. */
  sent: Map<string, Map<number | string, number>>;
}

/** `clients` loops sending the hostile requests in turn until `stopped()`; resolves when all have stopped. */
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

const summary = (times: number[]) => ({ p50: percentile(times, 50), p99: percentile(times, 99) });

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      clients: { type: 'string', default: '8' },
      samples: { type: 'string', default: '500' },
    },
  });
  const clients = Number(values.clients);
  const samples = Number(values.samples);
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
  await healthTimes(server.baseUrl, 50); // warm-up
  const atRest = summary(await healthTimes(server.baseUrl, samples));
  say(`/health while ${clients} clients send hostile bodies, ${samples} times`);
  const tally: FloodTally = { sent: new Map() };
  let done = false;
  const flooding = flood(server.baseUrl, clients, () => done, tally);
  const started = Date.now();
  const flooded = summary(await healthTimes(server.baseUrl, samples));
  const seconds = (Date.now() - started) / 1000;
  done = true;
  await flooding;
  const hostile = Object.fromEntries(
    [...tally.sent].map(([name, outcomes]) => [name, Object.fromEntries(outcomes)]),
  );
  const ratio = atRest.p99 && flooded.p99 ? round1(flooded.p99 / atRest.p99) : null;
  process.stdout.write(
    `${JSON.stringify({ database: database.kind, clients, samples, atRest, flooded, p99Ratio: ratio, seconds: round1(seconds), hostile }, null, 2)}\n`,
  );
  say(
    `/health p50/p99 at rest ${atRest.p50}/${atRest.p99} ms; under the flood ${flooded.p50}/${flooded.p99} ms ` +
      `(p99 ×${ratio})`,
  );
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`flood: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
