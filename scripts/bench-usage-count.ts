/**
 * What counting one keyed request costs on the hot path: ApiKeyUsage.count() called 1,000,000 times with a
 * realistic spread of keys, routes, statuses, durations and times (moving through the hours), nothing flushed.
 *
 *   npx ts-node --transpile-only scripts/bench-usage-count.ts
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../src/common/time/clock';
import type { Database } from '../src/database/database.service';
import { ApiKeyUsage } from '../src/auth/api-keys/usage/api-key-usage.service';

const CALLS = 1_000_000;
const KEYS = Array.from({ length: 20 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const ROUTES = [
  '/api/v1/orders',
  '/api/v1/orders/:id',
  '/api/v1/orders/:id/items',
  '/api/v1/menu',
  '/api/v1/reports/sales',
  '/api/v1/tables',
  'unmatched',
];
const STATUSES = [200, 200, 200, 200, 201, 201, 204, 404, 409, 422, 429, 500];
const DURATIONS_MS = Array.from({ length: 997 }, (_, i) => Math.exp((i % 97) / 10) * 0.3);
const START_MS = Date.parse('2026-11-22T00:00:00Z');

// count() touches neither the database nor the clock.
const usage = new ApiKeyUsage({} as Database, {} as Clock);
const times = Array.from({ length: 1024 }, (_, i) => new Date(START_MS + i * 3_600));

function run(calls: number): number {
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    usage.count(
      KEYS[i % KEYS.length],
      ROUTES[i % ROUTES.length],
      STATUSES[i % STATUSES.length],
      DURATIONS_MS[i % DURATIONS_MS.length],
      times[(i >> 10) % times.length],
    );
  }
  return performance.now() - started;
}

run(CALLS / 10);
const elapsedMs = run(CALLS);
process.stdout.write(
  `ApiKeyUsage.count(): ${((elapsedMs * 1e6) / CALLS).toFixed(1)} ns per call over ${CALLS} calls\n`,
);
