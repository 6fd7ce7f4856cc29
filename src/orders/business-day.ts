/**
 * The business day an instant belongs to, as YYYY-MM-DD of the restaurant's time zone: a day starts at
 * `startsAt` local time (05:00 by default), so a ticket at 01:30 after a late service still counts for yesterday.
 */
export function businessDayOf(instant: Date, timeZone: string, startsAt: string): string {
  // Zone offsets and day starts are whole minutes, so the answer holds for the whole minute.
  const key = `${timeZone} ${startsAt} ${Math.floor(instant.getTime() / 60_000)}`;
  if (lastAnswer?.key === key) return lastAnswer.day;
  const [hours, minutes] = startsAt.split(':').map(Number);
  const shifted = new Date(instant.getTime() - (hours * 60 + minutes) * 60_000);
  const parts = formatterFor(timeZone)
    .formatToParts(shifted)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  lastAnswer = { key, day };
  return day;
}

let lastAnswer: { key: string; day: string } | null = null;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
