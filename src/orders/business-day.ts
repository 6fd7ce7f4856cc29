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

/** A local time with its offset, to the minute, as people read it: 2026-10-25T02:00+01:00. */
export function localTimeLabel(instant: Date, timeZone: string): string {
  const local = wallClock(instant, timeZone);
  const offset = Math.round(offsetMs(instant.getTime(), timeZone) / 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${local.year}-${two(local.month)}-${two(local.day)}T${two(local.hour)}:${two(local.minute)}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

/** How far the zone's wall clock is ahead of UTC at `time`, to the minute. */
function offsetMs(time: number, timeZone: string): number {
  const local = wallClock(new Date(time), timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return wall - Math.floor(time / 60_000) * 60_000;
}

let lastAnswer: { timeZone: string; startsAt: string; from: number; until: number; day: string } | null =
  null;
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(
  instant: Date,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number } {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const part of formatter.formatToParts(instant)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return fields;
}
