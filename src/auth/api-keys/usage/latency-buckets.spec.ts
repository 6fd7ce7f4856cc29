import { BUCKET_BOUNDS_MS, bucketIndex, latencyPercentiles, OPEN_BUCKET_MS } from './latency-buckets';

const boundOf = (ms: number) => BUCKET_BOUNDS_MS[bucketIndex(ms)];

describe('latency buckets', () => {
  it('puts a duration in the first bucket whose upper bound holds it, bounds included', () => {
    expect(boundOf(0)).toBe(1);
    expect(boundOf(0.3)).toBe(1);
    expect(boundOf(1)).toBe(1);
    expect(boundOf(1.0001)).toBe(2);
    expect(boundOf(4)).toBe(5);
    expect(boundOf(130)).toBe(130);
    expect(boundOf(130.5)).toBe(200);
    expect(boundOf(5000)).toBe(5000);
    expect(boundOf(5000.1)).toBe(OPEN_BUCKET_MS);
    expect(boundOf(120_000)).toBe(OPEN_BUCKET_MS);
  });

  it('counts a duration that is not a positive number in the first bucket', () => {
    expect(boundOf(-3)).toBe(1);
    expect(boundOf(Number.NaN)).toBe(1);
  });

  it('agrees with a plain search of the bounds for every tenth of a millisecond up to 6 s', () => {
    const bounds = [1, 2, 3, 5, 8, 13, 20, 30, 50, 80, 130, 200, 300, 500, 800, 1300, 2000, 3000, 5000];
    for (let tenths = 1; tenths <= 60_000; tenths++) {
      const ms = tenths / 10;
      expect(boundOf(ms)).toBe(bounds.find((bound) => ms <= bound) ?? OPEN_BUCKET_MS);
    }
  });
});

describe('latency percentiles', () => {
  it('is the upper bound of the bucket holding the nearest-rank request', () => {
    // 100 requests: 50 within 5 ms, 45 within 50 ms, 4 within 300 ms, 1 within 2000 ms.
    const buckets = [
      { boundMs: 5, requests: 50, totalMs: 200 },
      { boundMs: 50, requests: 45, totalMs: 1500 },
      { boundMs: 300, requests: 4, totalMs: 900 },
      { boundMs: 2000, requests: 1, totalMs: 1500 },
    ];
    expect(latencyPercentiles(buckets)).toEqual({ p50: 5, p95: 50, p99: 300 });
    expect(latencyPercentiles(buckets.slice().reverse())).toEqual({ p50: 5, p95: 50, p99: 300 });
  });

  it('adds totals of one bound together, as from several routes, flushes or instances', () => {
    const merged = latencyPercentiles([
      { boundMs: 8, requests: 30, totalMs: 180 },
      { boundMs: 80, requests: 19, totalMs: 1000 },
      { boundMs: 8, requests: 20, totalMs: 120 },
      { boundMs: 800, requests: 1, totalMs: 700 },
    ]);
    // 50 within 8 ms of 70: rank 35 (p50) is within 8; ranks 67 and 70 (p95, p99) within 80 and 800.
    expect(merged).toEqual({ p50: 8, p95: 80, p99: 800 });
  });

  it('reports the open bucket as the mean of its requests, and nothing without requests', () => {
    expect(
      latencyPercentiles([
        { boundMs: 3, requests: 1, totalMs: 2 },
        { boundMs: OPEN_BUCKET_MS, requests: 3, totalMs: 20_000.5 },
      ]),
    ).toEqual({ p50: 6667, p95: 6667, p99: 6667 });
    expect(latencyPercentiles([])).toEqual({ p50: null, p95: null, p99: null });
    expect(latencyPercentiles([{ boundMs: 3, requests: 0, totalMs: 0 }])).toEqual({
      p50: null,
      p95: null,
      p99: null,
    });
  });
});
