/**
 * The business day an instant belongs to, as YYYY-MM-DD of the restaurant's time zone: a day starts at
 * `startsAt` local time (05:00 by default), so a ticket at 01:30 after a late service still counts for yesterday.
 */
export function businessDayOf(instant: Date, timeZone: string, startsAt: string): string {
  const [hours, minutes] = startsAt.split(':').map(Number);
  const shifted = new Date(instant.getTime() - (hours * 60 + minutes) * 60_000);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(shifted)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}
