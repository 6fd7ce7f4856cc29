import { OPEN_BUCKET_MS } from './latency-buckets';
import { UsageRow, UsageTally } from './usage-tally';

const HOUR = 60 * 60_000;
const t0 = Date.parse('2026-11-22T10:00:00Z');

function rowsOf(tally: UsageTally): UsageRow[] {
  return [...tally.rows()].sort(
    (a, b) =>
      a.keyId.localeCompare(b.keyId) ||
      a.hourStart.getTime() - b.hourStart.getTime() ||
      a.route.localeCompare(b.route) ||
      a.status - b.status ||
      a.latencyBucketMs - b.latencyBucketMs,
  );
}

describe('usage tally', () => {
  it('adds requests up per key, UTC hour, route, status and latency bucket', () => {
    const tally = new UsageTally();
    tally.count('k1', '/a', 200, 4, t0 + 5);
    tally.count('k1', '/a', 200, 4.5, t0 + 9);
    tally.count('k1', '/a', 200, 6000, t0 + 1);
    tally.count('k1', '/a', 404, 4, t0 + HOUR + 2);
    tally.count('k2', '/b', 200, 1, t0 + 3);
    expect(tally.requests).toBe(5);
    expect(rowsOf(tally)).toEqual([
      row('k1', t0, '/a', 200, 5, 2, 8.5, t0 + 9),
      row('k1', t0, '/a', 200, OPEN_BUCKET_MS, 1, 6000, t0 + 1),
      row('k1', t0 + HOUR, '/a', 404, 5, 1, 4, t0 + HOUR + 2),
      row('k2', t0, '/b', 200, 1, 1, 1, t0 + 3),
    ]);
    expect(tally.lastUsed()).toEqual(
      new Map([
        ['k1', new Date(t0 + HOUR + 2)],
        ['k2', new Date(t0 + 3)],
      ]),
    );
  });

  it('merges a failed batch back into the counts taken since, without losing or doubling any', () => {
    const batch = new UsageTally();
    batch.count('k1', '/a', 200, 4, t0 + 5);
    batch.count('k1', '/a', 500, 40, t0 + 6);
    const since = new UsageTally();
    since.count('k1', '/a', 200, 3, t0 + 8);
    since.count('k3', '/c', 201, 3, t0 + 1);
    since.merge(batch);
    expect(since.requests).toBe(4);
    expect(rowsOf(since)).toEqual([
      row('k1', t0, '/a', 200, 3, 1, 3, t0 + 8),
      row('k1', t0, '/a', 200, 5, 1, 4, t0 + 5),
      row('k1', t0, '/a', 500, 50, 1, 40, t0 + 6),
      row('k3', t0, '/c', 201, 3, 1, 3, t0 + 1),
    ]);
    expect(since.lastUsed().get('k1')).toEqual(new Date(t0 + 8));
  });

  it('forgets a key and its requests', () => {
    const tally = new UsageTally();
    tally.count('k1', '/a', 200, 4, t0);
    tally.count('k2', '/a', 200, 4, t0);
    tally.forget('k1');
    expect(tally.requests).toBe(1);
    expect(rowsOf(tally).map((r) => r.keyId)).toEqual(['k2']);
  });

  it('cuts route labels to the stored width and keeps durations that are not numbers out of the sums', () => {
    const tally = new UsageTally();
    tally.count('k1', `/${'x'.repeat(300)}`, 200, Number.NaN, t0);
    const [only] = rowsOf(tally);
    expect(only.route).toHaveLength(200);
    expect(only).toMatchObject({ latencyBucketMs: 1, requests: 1, totalMs: 0 });
  });
});

function row(
  keyId: string,
  hourStartMs: number,
  route: string,
  status: number,
  latencyBucketMs: number,
  requests: number,
  totalMs: number,
  lastMs: number,
): UsageRow {
  return {
    keyId,
    hourStart: new Date(hourStartMs),
    route,
    status,
    latencyBucketMs,
    requests,
    totalMs,
    lastRequestAt: new Date(lastMs),
  };
}
