/** Dates and times that look right and are not: the calendar and the clock at their edges. */
import fc from 'fast-check';

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * Dates written YYYY-MM-DD that are no calendar day, mostly: months 00 and 13 to 99, days 00 and past the month's
 * end (February 30, a 29th in a common year), and sometimes a real one.
 */
export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2026-13-01',
    '2026-13-02',
    '2026-00-10',
    '2026-13-45',
    '9999-99-99',
    '0000-00-00',
    '2026-02-30',
    '2025-02-29',
    '2026-04-31',
    '2026-11-00',
  ),
  fc
    .record({
      year: fc.constantFrom('0000', '2024', '2026', '9999'),
      month: fc.integer({ min: 0, max: 99 }),
      day: fc.integer({ min: 0, max: 99 }),
    })
    .map(({ year, month, day }) => `${year}-${twoDigits(month)}-${twoDigits(day)}`),
);

/** Timestamps on those dates, and times of day that do not exist or that Date reads as the next day (T24:00). */
export const hostileTimestamp: fc.Arbitrary<string> = fc.oneof(
  hostileDate.map((date) => `${date}T12:00:00.000Z`),
  fc.constantFrom(
    '2026-11-22T24:00Z',
    '2026-11-22T24:00:00Z',
    '2026-11-22T24:00:00.000Z',
    '2026-11-22T24:00+01:00',
    '2026-11-22T23:60:00Z',
    '2026-11-22T23:59:60Z',
    '2026-11-22T25:00:00Z',
  ),
);

/** Either of them, for a value that may be anything. */
export const hostileDay: fc.Arbitrary<string> = fc.oneof(hostileDate, hostileTimestamp);
