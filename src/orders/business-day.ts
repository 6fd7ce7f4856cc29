import { offsetMs, wallClock } from '../common/time/wall-clock';

/**
 * The business day an instant belongs to, as YYYY-MM-DD: the calendar date in the restaurant's time zone, or the
 * day before while the local clock is earlier than `startsAt` (05:00 by default), so a ticket at 01:30 after a
 * late service still counts for yesterday. Computed on the local wall clock, so it holds on daylight-saving nights.
 */
export function businessDayOf(instant: Date, timeZone: string, startsAt: string): string {
  const time = instant.getTime();
  const cached = lastAnswer;
  if (
    cached !== null &&
    time >= cached.from &&
    time < cached.until &&
    cached.timeZone === timeZone &&
    cached.startsAt === startsAt
  ) {
    return cached.day;
  }
  const local = wallClock(instant, timeZone);
  const [startHour, startMinute] = startsAt.split(':').map(Number);
  const beforeStart = local.hour * 60 + local.minute < startHour * 60 + startMinute;
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day - (beforeStart ? 1 : 0)))
    .toISOString()
    .slice(0, 10);
  // Zone offsets and day starts are whole minutes, so the answer holds for this whole UTC minute: the order hot
  // path formats a date once a minute, not once an order.
  const from = Math.floor(time / 60_000) * 60_000;
  lastAnswer = { timeZone, startsAt, from, until: from + 60_000, day };
  return day;
}

/**
 * The instant a business day starts: BUSINESS_DAY_STARTS_AT on that date in the restaurant's time zone. A start
 * that a spring-forward night skips is taken at the same offset as before the jump.
 */
export function businessDayStart(day: string, timeZone: string, startsAt: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const [hour, minute] = startsAt.split(':').map(Number);
  const asIfUtc = Date.UTC(year, month - 1, date, hour, minute);
  const first = asIfUtc - offsetMs(asIfUtc, timeZone);
  return new Date(asIfUtc - offsetMs(first, timeZone));
}

/** The day after `day` (YYYY-MM-DD), and so on by `days`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

let lastAnswer: { timeZone: string; startsAt: string; from: number; until: number; day: string } | null =
  null;
