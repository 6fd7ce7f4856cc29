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
