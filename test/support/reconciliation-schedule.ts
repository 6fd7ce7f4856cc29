/**
 * The reconciliation spec's calendar and dice: its constants, the slot instants its orders are opened at, and the
 * seeded generators that give each order its story.
 */

export const ORDERS = Number(process.env.RECONCILIATION_ORDERS ?? 1000);
export const IN_FLIGHT = 12;
export const DAY_ONE = '2026-10-24';
export const DAY_TWO = '2026-10-25';
export const HOUR_MS = 3_600_000;
export const SERVICE_PPM = 100_000;
export const REASONS = ['dropped it', 'guest changed mind', 'wrong order, "again"', 'cold'];

/** Slot start instants (UTC): each slot's orders are opened then, and settled a few minutes later. */
export function slots(): number[] {
  const at = (iso: string) => Date.parse(iso);
  const list: number[] = [];
  // Day one, CEST (UTC+2): 11:05 to 01:05 local, then the night: 02:05 CEST, 02:05 CET, 03:05 and 04:05 CET.
  for (let hour = 9; hour <= 23; hour++) list.push(at(`2026-10-24T${String(hour).padStart(2, '0')}:05:00Z`));
  for (const utc of ['00:05', '01:05', '02:05', '03:05']) list.push(at(`2026-10-25T${utc}:00Z`));
  // Day two, CET (UTC+1): 06:05 to 22:05 local.
  for (let hour = 5; hour <= 21; hour++) list.push(at(`2026-10-25T${String(hour).padStart(2, '0')}:05:00Z`));
  return list;
}

/** A seeded generator per order, so each order's story does not depend on the interleaving. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

/** numerator / denominator, rounded halves up. */
export const half = (numerator: number, denominator: number) =>
  Math.floor((2 * numerator + denominator) / (2 * denominator));

/** Works through `items` with IN_FLIGHT workers at a time. */
export async function inPool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
