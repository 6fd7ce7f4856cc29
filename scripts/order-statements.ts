/**
 * Counts the SQL statements (on PostgreSQL, the round trips) one order costs the service, as the benchmark posts
 * it: a dine-in order of 3 lines with modifiers, an API key, an Idempotency-Key. The service runs with
 * scripts/statement-log.js preloaded, on a fresh database; after warm-up orders, `--orders` orders are posted
 * one at a time, each with its kitchen screen connected, and the statements sent meanwhile (on every
 * connection, the unit of work and whatever the commit starts) are grouped by their text.
 *
 *   npm run order-statements                                              # SQLite
 *   npm run order-statements -- --database postgres://postgres@127.0.0.1:5432
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApi } from './bench-http';
import { runCleanups, say, sleep } from './bench-lib';
import { buildApp } from './bench-servers';
import { createTarget, oneServiceOptions, orderBody } from './bench-targets';

const WARM_UP_ORDERS = 5;
/** After the last order, statements its commit started may still be on their way. */
const SETTLE_MS = 1500;

interface Logged {
  c: number;
  sql: string;
  trip: boolean;
}

/** A statement's shape: its text with literals and `$n` placeholders left as they are, whitespace folded. */
const shapeOf = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 110);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { database: { type: 'string' }, orders: { type: 'string', default: '20' } },
  });
  const orders = Number(values.orders);
  const log = join(tmpdir(), `pos-statements-${process.pid}.jsonl`);
  rmSync(log, { force: true });
  process.env.STATEMENT_LOG = log;
  process.env.BENCH_NODE_FLAGS = `${process.env.BENCH_NODE_FLAGS ?? ''} --require ${resolve(__dirname, 'statement-log.js')}`;
  await buildApp();
  const target = await createTarget(
    'service',
    oneServiceOptions({
      database: values.database ?? null,
      kitchens: 3,
      apiKeys: true,
      modifiers: true,
    }),
  );
  const server = await target.start();
  const restaurant = await target.prepare(server);
  const api = createApi(server.baseUrl);
  const post = async () => {
    const reply = await api.call(
      'POST',
      '/api/v1/orders',
      restaurant.clientTokens[0],
      orderBody(restaurant).body,
      {
        'Idempotency-Key': randomUUID(),
      },
    );
    if (reply.status !== 201) throw new Error(`order: ${reply.status} ${JSON.stringify(reply.body)}`);
  };
  for (let i = 0; i < WARM_UP_ORDERS; i++) await post();
  await sleep(SETTLE_MS);
  const from = statSync(log).size;
  for (let i = 0; i < orders; i++) await post();
  await sleep(SETTLE_MS);
  const lines = readFileSync(log).subarray(from).toString('utf8').split('\n').filter(Boolean);
  const logged = lines.map((line) => JSON.parse(line) as Logged);
  const byShape = new Map<string, { statements: number; trips: number }>();
  for (const { sql, trip } of logged) {
    const counted = byShape.get(shapeOf(sql)) ?? { statements: 0, trips: 0 };
    counted.statements += 1;
    if (trip) counted.trips += 1;
    byShape.set(shapeOf(sql), counted);
  }
  const per = (n: number) => (n / orders).toFixed(2).padStart(6);
  const trips = logged.filter(({ trip }) => trip).length;
  const database = values.database ? 'PostgreSQL' : 'SQLite';
  const report = [
    `${database}, ${orders} orders, per order: ${per(logged.length)} statements, ${per(trips)} round trips`,
    'statements  trips  statement',
    ...[...byShape]
      .sort((a, b) => b[1].statements - a[1].statements)
      .map(([shape, counted]) => `    ${per(counted.statements)} ${per(counted.trips)}  ${shape}`),
  ];
  process.stdout.write(`${report.join('\n')}\n`);
  rmSync(log, { force: true });
}

main()
  .catch((error: unknown) => {
    say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
