import { BUCKET_BOUNDS_MS, BUCKET_COUNT, bucketIndex } from './latency-buckets';

const HOUR_MS = 60 * 60_000;

/** Longest route label kept: the column's width, so that no counted route can make a flush fail. */
export const MAX_ROUTE_LENGTH = 200;

/** The counters of one (key, hour, route, status): requests, summed durations and the latest request per bucket. */
class UsageCell {
  readonly requests = new Float64Array(BUCKET_COUNT);
  readonly totalMs = new Float64Array(BUCKET_COUNT);
  readonly lastAtMs = new Float64Array(BUCKET_COUNT);
}

type CellsByStatus = Map<number, UsageCell>;
type CellsByRoute = Map<string, CellsByStatus>;

class KeyTally {
  lastUsedMs = 0;
  readonly hours = new Map<number, CellsByRoute>();
}

/** One row of api_key_usage as a flush adds it to the stored counters. */
export interface UsageRow {
  keyId: string;
  hourStart: Date;
  route: string;
  status: number;
  latencyBucketMs: number;
  requests: number;
  totalMs: number;
  lastRequestAt: Date;
}

/**
 * Keyed requests counted in memory between two flushes: nested maps by key, UTC hour, route and status down to a
 * cell of typed arrays by latency bucket, so counting a request allocates nothing once its cell exists (a string
 * key joining the five parts would allocate on every request).
 */
export class UsageTally {
  private readonly keys = new Map<string, KeyTally>();
  private counted = 0;

  get requests(): number {
    return this.counted;
  }

  count(keyId: string, route: string, status: number, durationMs: number, atMs: number): void {
    const label = route.length > MAX_ROUTE_LENGTH ? route.slice(0, MAX_ROUTE_LENGTH) : route;
    let key = this.keys.get(keyId);
    if (!key) {
      key = new KeyTally();
      this.keys.set(keyId, key);
    }
    if (atMs > key.lastUsedMs) key.lastUsedMs = atMs;
    const hourStart = atMs - (atMs % HOUR_MS);
    let routes = key.hours.get(hourStart);
    if (!routes) {
      routes = new Map();
      key.hours.set(hourStart, routes);
    }
    let statuses = routes.get(label);
    if (!statuses) {
      statuses = new Map();
      routes.set(label, statuses);
    }
    let cell = statuses.get(status);
    if (!cell) {
      cell = new UsageCell();
      statuses.set(status, cell);
    }
    const bucket = bucketIndex(durationMs);
    cell.requests[bucket] += 1;
    // NaN or a negative duration would poison the stored sum (and every later flush with it).
    if (durationMs > 0) cell.totalMs[bucket] += durationMs;
    if (atMs > cell.lastAtMs[bucket]) cell.lastAtMs[bucket] = atMs;
    this.counted++;
  }

  /**
   * Adds another tally's counts to this one (a failed flush's counts, put back for the next try). This one takes
   * over the other's cells: the other is not used afterwards.
   */
  merge(other: UsageTally): void {
    for (const [keyId, otherKey] of other.keys) {
      let key = this.keys.get(keyId);
      if (!key) {
        key = new KeyTally();
        this.keys.set(keyId, key);
      }
      key.lastUsedMs = Math.max(key.lastUsedMs, otherKey.lastUsedMs);
      for (const [hourStart, otherRoutes] of otherKey.hours) {
        let routes = key.hours.get(hourStart);
        if (!routes) {
          routes = new Map();
          key.hours.set(hourStart, routes);
        }
        for (const [route, otherStatuses] of otherRoutes) {
          let statuses = routes.get(route);
          if (!statuses) {
            statuses = new Map();
            routes.set(route, statuses);
          }
          for (const [status, otherCell] of otherStatuses) {
            const cell = statuses.get(status);
            if (!cell) {
              statuses.set(status, otherCell);
              continue;
            }
            for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
              cell.requests[bucket] += otherCell.requests[bucket];
              cell.totalMs[bucket] += otherCell.totalMs[bucket];
              cell.lastAtMs[bucket] = Math.max(cell.lastAtMs[bucket], otherCell.lastAtMs[bucket]);
            }
          }
        }
      }
    }
    this.counted += other.counted;
  }

  /** Drops a key's counts (the key was deleted). */
  forget(keyId: string): void {
    const key = this.keys.get(keyId);
    if (!key) return;
    for (const routes of key.hours.values()) {
      for (const statuses of routes.values()) {
        for (const cell of statuses.values()) {
          for (const requests of cell.requests) this.counted -= requests;
        }
      }
    }
    this.keys.delete(keyId);
  }

  /** One row per (key, hour, route, status, latency bucket) that counted a request. */
  *rows(): Generator<UsageRow> {
    for (const [keyId, key] of this.keys) {
      for (const [hourStartMs, routes] of key.hours) {
        const hourStart = new Date(hourStartMs);
        for (const [route, statuses] of routes) {
          for (const [status, cell] of statuses) {
            for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
              if (cell.requests[bucket] === 0) continue;
              yield {
                keyId,
                hourStart,
                route,
                status,
                latencyBucketMs: BUCKET_BOUNDS_MS[bucket],
                requests: cell.requests[bucket],
                totalMs: cell.totalMs[bucket],
                lastRequestAt: new Date(cell.lastAtMs[bucket]),
              };
            }
          }
        }
      }
    }
  }

  /** The latest request counted per key. */
  lastUsed(): Map<string, Date> {
    return new Map([...this.keys].map(([keyId, key]) => [keyId, new Date(key.lastUsedMs)]));
  }
}
