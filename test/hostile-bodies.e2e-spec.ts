/**
 * Bodies bounded before they are touched (issue 48): what a body costs the service is linear in a capped size,
 * whatever the route, and an unknown webhook provider is refused before its body is read. The sweep sends every
 * operation of the served OpenAPI document that takes a body (and every third of the others) a body over the
 * limit, 10,000 levels of nesting, a 100,000-element array (as the body, and in a field) and three wrong content
 * types, as an admin: each answers a 4xx in the API.md error shape, never a 5xx or a hang, and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { MIB, paddedJson, sendBody } from '../scripts/hostile-bodies';
import { MAX_JSON_ARRAY_LENGTH } from '../src/common/http/json-body-shape';
import { loginAdmin, Session } from './support/clients';
import { hostileBodiesFor, sendHeadersOnly } from './support/hostile-bodies';
import { operationsOf, Schema } from './support/hostile-operations';
import { replyProblems } from './support/hostile-verdicts';
import { RowWrites } from './support/row-writes';
import { startTestApp, TestApp } from './support/test-app';

/** Every third operation without a body is swept too: their bodies go through the same parsers. */
const BODILESS_SAMPLE_EVERY = 3;
/** A hostile body answered later than this is a hang. */
const REPLY_TIMEOUT_MS = 20_000;
/** About 1,200 requests: 20 to 40 s on 2 cores; the limit leaves room for a machine busy with other work. */
const SWEEP_TIMEOUT_MS = 240_000;

describe('Hostile bodies', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    // The sweep's refusals would otherwise block its own address.
    t = await startTestApp({ AUTO_BLOCK_EXEMPT: '127.0.0.1' });
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  it('refuses a webhook of an unknown provider (404) before reading its body', async () => {
    // The body is announced and never sent: only a server that decides without it can answer.
    expect(await sendHeadersOnly(t.url, '/api/v1/terminals/webhooks/nobody', MIB)).toBe(404);
  });

  it('costs no more for a 1 MiB body at a provider webhook than for the same bytes at /orders', async () => {
    const body = paddedJson(MIB);
    const json = { 'Content-Type': 'application/json' };
    const send = async (path: string, headers: Record<string, string>) =>
      (await sendBody(t.url, 'POST', path, headers, body)).ms;
    // Taken in turns, so that both routes meet the same load from the specs running beside this one.
    const orders: number[] = [];
    const webhook: number[] = [];
    for (let i = 0; i < 5; i++) {
      orders.push(await send('/api/v1/orders', { ...json, Authorization: `Bearer ${admin.accessToken}` }));
      webhook.push(await send('/api/v1/terminals/webhooks/simulator', json));
    }
    const median = (times: number[]) => times.sort((a, b) => a - b)[2];
    // Walking the webhook's raw bytes as an object took seconds per request; reading and parsing them takes
    // milliseconds. The margin tells those apart, not a busy machine's milliseconds from its quiet ones.
    expect(median(webhook)).toBeLessThan(median(orders) * 5 + 1_000);
  });

  it('takes every list the OpenAPI document allows: none is longer than the parser lets through', async () => {
    const spec: Schema = (await t.http().get('/docs-json').expect(200)).body;
    const longest = Math.max(
      ...[...JSON.stringify(spec).matchAll(/"maxItems":(\d+)/g)].map(([, n]) => Number(n)),
    );
    expect(longest).toBeLessThanOrEqual(MAX_JSON_ARRAY_LENGTH);
  });

  it('declares 413 PAYLOAD_TOO_LARGE on every operation that takes a body', async () => {
    const spec: Schema = (await t.http().get('/docs-json').expect(200)).body;
    const undeclared = Object.entries<Schema>(spec.paths).flatMap(([path, item]) =>
      Object.entries<Schema>(item)
        .filter(([, operation]) => operation.requestBody && !operation.responses['413'])
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undeclared).toEqual([]);
  });

  it(
    'answers every operation a 4xx in the error shape for each hostile body, and writes nothing',
    async () => {
      const started = Date.now();
      const spec: Schema = (await t.http().get('/docs-json').expect(200)).body;
      const operations = operationsOf(spec).filter(
        (operation, index) => operation.body || index % BODILESS_SAMPLE_EVERY === 0,
      );
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const writes = await RowWrites.install(t);
      const failures: string[] = [];
      let requests = 0;
      for (const operation of operations) {
        const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
          name === 'provider' ? 'simulator' : randomUUID(),
        );
        for (const hostile of hostileBodiesFor(operation, spec)) {
          requests += 1;
          const headers = {
            Authorization: `Bearer ${admin.accessToken}`,
            'Content-Type': hostile.contentType,
          };
          const reply = await sendBody(t.url, operation.method.toUpperCase(), path, headers, hostile.text, {
            agent,
            timeoutMs: REPLY_TIMEOUT_MS,
          }).catch((error: Error) => error);
          const problems =
            reply instanceof Error
              ? [reply.message]
              : [
                  ...(reply.status < 400 || reply.status >= 500
                    ? [`answered ${reply.status}, not a 4xx`]
                    : []),
                  ...(hostile.status && reply.status !== hostile.status
                    ? [`answered ${reply.status}, not ${hostile.status}`]
                    : []),
                  ...replyProblems(operation, reply, new Set()),
                ];
          const excerpt = reply instanceof Error ? '' : `\n    reply: ${reply.text.slice(0, 300)}`;
          for (const problem of problems)
            failures.push(`${operation.key} with ${hostile.name}: ${problem}${excerpt}`);
        }
      }
      agent.destroy();
      const written = await writes.take();
      process.stdout.write(
        `hostile-bodies sweep: ${operations.length} operations, ${requests} requests, ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      expect(failures).toEqual([]);
      expect(Object.fromEntries(written)).toEqual({});
    },
    SWEEP_TIMEOUT_MS,
  );
});
