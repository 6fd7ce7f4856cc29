/**
 * What every bench script shares (bench.ts, the bare baseline bench-bare.ts and their helpers): cleanups, the
 * restaurant's shape and statistics. Databases are in bench-database.ts, server processes in bench-servers.ts,
 * the HTTP client in bench-http.ts.
 */
import { performance } from 'node:perf_hooks';

/** Cleanups run once, last registered first: on success, on an error and on Ctrl-C alike. */
export const cleanups: Array<() => unknown> = [];
let cleaning: Promise<void> | null = null;
/** Runs the cleanups; a second caller (Ctrl-C during an error's cleanup, say) waits for the same run. */
export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`cleanup: ${String(error)}\n`);
      }
    }
  })();
  return cleaning;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
export const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

/**
 * An open loop: `send(i, due)` for each of `rate` × `seconds` sends at its due time (performance.now() ms, one
 * every 1/`rate` s from the start), on schedule whatever earlier sends do; resolves once all have settled, with
 * the start. Timing a send from its due time rather than from when it went out keeps a server that falls behind
 * from hiding its queue (no coordinated omission).
 */
export async function openLoop(
  rate: number,
  seconds: number,
  send: (i: number, due: number) => Promise<unknown>,
): Promise<{ started: number }> {
  const started = performance.now();
  const sends: Array<Promise<unknown>> = [];
  for (let i = 0; i < Math.round(rate * seconds); i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    sends.push(send(i, due));
  }
  await Promise.all(sends);
  return { started };
}

// ---------------------------------------------------------------- the restaurant

/** The menu both servers offer: the service's seed and the bare baseline's pre-serialised menu. */
export const STATIONS = ['Grill', 'Cold', 'Bar'];
/** The station whose dishes are drinks: the tonight scenario taxes them at the standard rate, the others reduced. */
export const DRINKS_STATION = STATIONS[2];
export const DISHES_PER_STATION = 4;
export const DISH_PRICE = 1250;

// ---------------------------------------------------------------- statistics

/** Nearest-rank percentile, in ms with one decimal; null without samples. */
export function percentile(samples: number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return round1(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]);
}

/** The middle value (the mean of the two middle ones for an even count); null without values. */
export function median(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = known.length >> 1;
  return known.length % 2 ? known[middle] : round1((known[middle - 1] + known[middle]) / 2);
}

export const round1 = (value: number) => Math.round(value * 10) / 10;
export const mib = (kib: number | null) => (kib === null ? null : round1(kib / 1024));
