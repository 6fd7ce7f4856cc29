import { randomUUID } from 'node:crypto';
import { Database } from '../src/database/database.service';
import { ApiKeyUsage } from '../src/auth/api-keys/usage/api-key-usage.service';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKind } from './support/test-database';

/**
 * Usage statistics through the ApiKeyUsage service (the keys and their routes come with the API key module): known
 * requests counted at chosen times, flushed in several goes, and every figure of the report checked against
 * expectations computed here from the raw requests.
 */

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** The bucket bounds, written out again: the test does not take them from the code it checks. */
const BOUNDS = [1, 2, 3, 5, 8, 13, 20, 30, 50, 80, 130, 200, 300, 500, 800, 1300, 2000, 3000, 5000];

interface Request {
  route: string;
  status: number;
  ms: number;
  at: Date;
}

/** Nearest-rank percentile of raw durations, reported as its bucket's upper bound (beyond 5 s: the mean there). */
function expectedPercentile(requests: Request[], quantile: number): number | null {
  if (requests.length === 0) return null;
  const sorted = requests.map((r) => r.ms).sort((a, b) => a - b);
  const value = sorted[Math.ceil(quantile * sorted.length) - 1];
  const bound = BOUNDS.find((b) => value <= b);
  if (bound !== undefined) return bound;
  const slow = sorted.filter((ms) => ms > 5000);
  return Math.ceil(slow.reduce((sum, ms) => sum + ms, 0) / slow.length);
}

function expectedLatency(requests: Request[]) {
  return {
    p50: expectedPercentile(requests, 0.5),
    p95: expectedPercentile(requests, 0.95),
    p99: expectedPercentile(requests, 0.99),
  };
}

const isError = (r: Request) => r.status >= 400;

describe('API key usage statistics', () => {
  let t: TestApp;
  let usage: ApiKeyUsage;
  /** Midnight UTC three days ago: day A, and day B after it. */
  let dayA: number;

  beforeAll(async () => {
    t = await startTestApp();
    usage = t.app.get(ApiKeyUsage);
    const now = t.clock.now().getTime();
    dayA = now - (now % DAY) - 3 * DAY;
  });

  afterAll(() => t.close());

  /** A varied set of requests over two UTC days and four hours, with durations in many buckets. */
  function knownRequests(): Request[] {
    const routes = ['/api/v1/orders', '/api/v1/orders/:id', '/api/v1/menu', 'unmatched'];
    const statuses = [200, 201, 404, 429, 500, 200, 200];
    const durations = [0.4, 1, 1.5, 2.7, 7, 13, 45, 120, 480, 790, 2500, 6000, 9000];
    const hours = [dayA + 10 * HOUR, dayA + 23 * HOUR, dayA + DAY, dayA + DAY + 5 * HOUR];
    const requests: Request[] = [];
    for (let i = 0; i < 300; i++) {
      requests.push({
        route: routes[i % routes.length],
        status: statuses[i % statuses.length],
        ms: durations[(i * 7) % durations.length],
        at: new Date(hours[i % hours.length] + ((i * 13) % 60) * 60_000 + i),
      });
    }
    return requests;
  }

  /** The database refuses new usage rows (a trigger), as it would when full or failing. */
  async function refuseUsageWrites(refuse: boolean): Promise<void> {
    const statements =
      databaseKind() === 'postgres'
        ? refuse
          ? [
              `CREATE FUNCTION refuse_usage() RETURNS trigger LANGUAGE plpgsql AS
                 $$ BEGIN RAISE EXCEPTION 'usage writes refused'; END $$`,
              `CREATE TRIGGER refuse_usage BEFORE INSERT ON api_key_usage
                 FOR EACH ROW EXECUTE FUNCTION refuse_usage()`,
            ]
          : ['DROP TRIGGER refuse_usage ON api_key_usage', 'DROP FUNCTION refuse_usage()']
        : refuse
          ? [
              `CREATE TRIGGER refuse_usage BEFORE INSERT ON api_key_usage
                 BEGIN SELECT RAISE(ABORT, 'usage writes refused'); END`,
            ]
          : ['DROP TRIGGER refuse_usage'];
    // Through the writer, so on SQLite the DDL is a transaction of its own and not part of a flush that rolls back.
    const database = t.app.get(Database);
    for (const statement of statements) await database.transaction((tx) => tx.sql(statement));
  }

  function countAll(keyId: string, requests: Request[]): void {
    for (const r of requests) usage.count(keyId, r.route, r.status, r.ms, r.at);
  }

  it('reports exactly the counted requests, however many flushes they took, by status, route, day and hour', async () => {
    const keyId = randomUUID();
    const otherKeyId = randomUUID();
    const requests = knownRequests();
    countAll(keyId, requests.slice(0, 100));
    countAll(otherKeyId, requests.slice(0, 10));
    await usage.flush();
    countAll(keyId, requests.slice(100, 200));
    await usage.flush();
    await usage.flush();
    countAll(keyId, requests.slice(200));

    const from = new Date(dayA).toISOString();
    const to = new Date(dayA + 2 * DAY).toISOString();
    const report = await usage.usage(keyId, { from, to });

    const latest = Math.max(...requests.map((r) => r.at.getTime()));
    expect(report).toMatchObject({
      keyId,
      from,
      to,
      requests: 300,
      errors: requests.filter(isError).length,
      lastUsedAt: new Date(latest).toISOString(),
      latencyMs: expectedLatency(requests),
    });
    const statuses = [...new Set(requests.map((r) => r.status))].sort((a, b) => a - b);
    expect(report.byStatus).toEqual(
      statuses.map((status) => ({
        status,
        requests: requests.filter((r) => r.status === status).length,
      })),
    );
    const routes = [...new Set(requests.map((r) => r.route))];
    expect(report.byRoute).toHaveLength(routes.length);
    for (const route of routes) {
      const ofRoute = requests.filter((r) => r.route === route);
      expect(report.byRoute).toContainEqual({
        route,
        requests: ofRoute.length,
        errors: ofRoute.filter(isError).length,
        latencyMs: expectedLatency(ofRoute),
      });
    }
    const dayOf = (r: Request) => Math.floor(r.at.getTime() / DAY) * DAY;
    expect(report.byDay).toEqual(
      [dayA, dayA + DAY].map((day) => {
        const ofDay = requests.filter((r) => dayOf(r) === day);
        return {
          day: new Date(day).toISOString().slice(0, 10),
          requests: ofDay.length,
          errors: ofDay.filter(isError).length,
        };
      }),
    );
    expect(report.byHour).toHaveLength(48);
    const hourOf = (r: Request) => Math.floor(r.at.getTime() / HOUR) * HOUR;
    expect(report.byHour).toEqual(
      Array.from({ length: 48 }, (_, i) => {
        const hour = dayA + i * HOUR;
        const ofHour = requests.filter((r) => hourOf(r) === hour);
        return {
          hour: new Date(hour).toISOString(),
          requests: ofHour.length,
          errors: ofHour.filter(isError).length,
        };
      }),
    );
    expect(report.byHour!.filter((h) => h.requests > 0)).toHaveLength(4);

    const other = await usage.usage(otherKeyId, { from, to });
    expect(other).toMatchObject({ requests: 10, errors: requests.slice(0, 10).filter(isError).length });
  });

  it('widens the period to whole UTC hours: day B only, from half past its first hour', async () => {
    const keyId = randomUUID();
    const requests = knownRequests();
    countAll(keyId, requests);
    const report = await usage.usage(keyId, {
      from: new Date(dayA + DAY + 30 * 60_000).toISOString(),
      to: new Date(dayA + DAY + 5 * HOUR + 1).toISOString(),
    });
    const inDayB = requests.filter((r) => r.at.getTime() >= dayA + DAY);
    expect(report).toMatchObject({
      from: new Date(dayA + DAY).toISOString(),
      to: new Date(dayA + DAY + 6 * HOUR).toISOString(),
      requests: inDayB.length,
      latencyMs: expectedLatency(inDayB),
    });
    expect(report.byDay).toEqual([
      {
        day: new Date(dayA + DAY).toISOString().slice(0, 10),
        requests: inDayB.length,
        errors: inDayB.filter(isError).length,
      },
    ]);
    expect(report.byHour!.map((h) => h.requests)).toEqual([
      inDayB.filter((r) => r.at.getTime() < dayA + DAY + HOUR).length,
      0,
      0,
      0,
      0,
      inDayB.filter((r) => r.at.getTime() >= dayA + DAY + 5 * HOUR).length,
    ]);
  });

  it('counts every request once when flushes overlap and requests arrive between them', async () => {
    const keyId = randomUUID();
    const at = new Date(dayA + 12 * HOUR);
    const flushes: Array<Promise<void>> = [];
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 50; j++) usage.count(keyId, '/api/v1/menu', 200, j, at);
      flushes.push(usage.flush());
    }
    await Promise.all(flushes);
    const report = await usage.usage(keyId, { from: at.toISOString() });
    expect(report.requests).toBe(500);
    expect(report.byRoute).toEqual([
      expect.objectContaining({ route: '/api/v1/menu', requests: 500, errors: 0 }),
    ]);
  });

  it('keeps the counts of a failed flush and writes them once with the next one', async () => {
    const keyId = randomUUID();
    const at = new Date(dayA + 7 * HOUR);
    usage.count(keyId, '/api/v1/orders', 201, 12, at);
    usage.count(keyId, '/api/v1/orders', 201, 12, at);
    await refuseUsageWrites(true);
    try {
      await expect(usage.flush()).rejects.toThrow('usage writes refused');
      usage.count(keyId, '/api/v1/orders', 500, 90, at);
    } finally {
      await refuseUsageWrites(false);
    }
    await usage.flush();
    const report = await usage.usage(keyId, { from: at.toISOString() });
    expect(report).toMatchObject({
      requests: 3,
      errors: 1,
      byStatus: [
        { status: 201, requests: 2 },
        { status: 500, requests: 1 },
      ],
      latencyMs: { p50: 13, p95: 130, p99: 130 },
    });
  });

  it('hands each flush the latest use of its keys, in the flush transaction', async () => {
    const keyId = randomUUID();
    const seen = new Map<string, Date>();
    usage.writeLastUsedWith((_tx, lastUsed) => {
      for (const [key, date] of lastUsed) seen.set(key, date);
      return Promise.resolve();
    });
    usage.count(keyId, '/api/v1/menu', 200, 3, new Date(dayA + 9 * HOUR + 5));
    usage.count(keyId, '/api/v1/menu', 200, 3, new Date(dayA + 8 * HOUR));
    await usage.flush();
    expect(seen.get(keyId)).toEqual(new Date(dayA + 9 * HOUR + 5));
  });

  it('forgets a key: its stored usage goes with it', async () => {
    const keyId = randomUUID();
    const at = new Date(dayA + 3 * HOUR);
    usage.count(keyId, '/api/v1/menu', 200, 3, at);
    await usage.flush();
    usage.count(keyId, '/api/v1/menu', 200, 3, at);
    await t.app.get(Database).transaction((tx) => usage.forgetKey(tx, keyId));
    const report = await usage.usage(keyId, { from: at.toISOString() });
    expect(report).toMatchObject({ requests: 0, lastUsedAt: null, byRoute: [], byStatus: [] });
    expect(report.latencyMs).toEqual({ p50: null, p95: null, p99: null });
  });

  it('defaults to the 7 days up to now, and refuses periods that end before they start or outlast retention', async () => {
    const keyId = randomUUID();
    const report = await usage.usage(keyId);
    expect(report.byDay.length).toBeGreaterThanOrEqual(7);
    expect(report.byHour).toHaveLength(7 * 24 + 1);
    await expect(
      usage.usage(keyId, { from: new Date(dayA + HOUR).toISOString(), to: new Date(dayA).toISOString() }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(
      usage.usage(keyId, {
        from: new Date(dayA - 401 * DAY).toISOString(),
        to: new Date(dayA).toISOString(),
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const long = await usage.usage(keyId, {
      from: new Date(dayA - 40 * DAY).toISOString(),
      to: new Date(dayA).toISOString(),
    });
    expect(long.byHour).toBeNull();
    expect(long.byDay).toHaveLength(40);
  });
});
