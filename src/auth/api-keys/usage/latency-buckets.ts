/**
 * Request durations are counted in fixed, roughly log-scale buckets rather than kept one by one: counts of the same
 * bucket add up across flushes, instances and hours, so percentiles of any period come from summed counters.
 * A bucket holds the durations above the previous bound up to and including its own.
 */
export const LATENCY_BOUNDS_MS: readonly number[] = [
  1, 2, 3, 5, 8, 13, 20, 30, 50, 80, 130, 200, 300, 500, 800, 1300, 2000, 3000, 5000,
];

/** How the last, open bucket (slower than every bound) is stored: a bound no request reaches. */
export const OPEN_BUCKET_MS = 2_147_483_647;

/** The stored bound of each bucket, by index: the bounds, then the open bucket. */
export const BUCKET_BOUNDS_MS: readonly number[] = [...LATENCY_BOUNDS_MS, OPEN_BUCKET_MS];

export const BUCKET_COUNT = BUCKET_BOUNDS_MS.length;

const LAST_BOUND_MS = LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];

/**
 * The bucket of every whole number of milliseconds up to the last bound: one array read per request instead of a
 * search. The bounds are whole milliseconds, so a duration is within a bound exactly when its ceiling is.
 */
const BUCKET_OF_CEILED_MS = (() => {
  const table = new Uint8Array(LAST_BOUND_MS + 1);
  let bucket = 0;
  for (let ms = 0; ms <= LAST_BOUND_MS; ms++) {
    while (ms > LATENCY_BOUNDS_MS[bucket]) bucket++;
    table[ms] = bucket;
  }
  return table;
})();

/** The index of the bucket holding a duration; a duration that is not a positive number counts as 0 ms. */
export function bucketIndex(durationMs: number): number {
  if (durationMs > LAST_BOUND_MS) return BUCKET_COUNT - 1;
  return durationMs > 0 ? BUCKET_OF_CEILED_MS[Math.ceil(durationMs)] : 0;
}

/** Summed counters of one bucket, identified by its stored bound. */
export interface BucketTotal {
  boundMs: number;
  requests: number;
  totalMs: number;
}

export interface LatencyPercentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * p50, p95 and p99 by nearest rank: the upper bound of the bucket that holds the request of that rank, so the true
 * value is at most the figure and above the bucket's lower bound. The open bucket has no upper bound: there the
 * figure is the mean duration of its requests (above the last bound). Null when there were no requests.
 * `buckets` may hold several totals of one bound (of several routes, say): they are added together.
 */
export function latencyPercentiles(buckets: Iterable<BucketTotal>): LatencyPercentiles {
  const sorted = [...mergeByBound(buckets).values()].sort((a, b) => a.boundMs - b.boundMs);
  const total = sorted.reduce((sum, bucket) => sum + bucket.requests, 0);
  const at = (quantile: number): number | null => {
    if (total === 0) return null;
    const rank = Math.ceil(quantile * total);
    let seen = 0;
    for (const bucket of sorted) {
      seen += bucket.requests;
      if (seen >= rank) return figureOf(bucket);
    }
    return figureOf(sorted[sorted.length - 1]);
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function figureOf(bucket: BucketTotal): number {
  if (bucket.boundMs !== OPEN_BUCKET_MS) return bucket.boundMs;
  return Math.max(LAST_BOUND_MS, Math.ceil(bucket.totalMs / bucket.requests));
}

function mergeByBound(buckets: Iterable<BucketTotal>): Map<number, BucketTotal> {
  const byBound = new Map<number, BucketTotal>();
  for (const { boundMs, requests, totalMs } of buckets) {
    if (requests <= 0) continue;
    const merged = byBound.get(boundMs);
    if (merged) {
      merged.requests += requests;
      merged.totalMs += totalMs;
    } else {
      byBound.set(boundMs, { boundMs, requests, totalMs });
    }
  }
  return byBound;
}
