/** A date and time on a zone's wall clock, to the minute; month 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Each zone's last answer, by its UTC minute: formatToParts costs tens of microseconds and an order asks the
 * same minute several times (its business day, the menu's schedules). Offsets change on whole minutes.
 */
const lastAnswers = new Map<string, { minute: number; wall: WallTime }>();

/** What the zone's clocks show at `instant`. */
export function wallClock(instant: Date, timeZone: string): WallTime {
  const minute = Math.floor(instant.getTime() / MINUTE_MS);
  const last = lastAnswers.get(timeZone);
  if (last?.minute === minute) return { ...last.wall };
  const wall = formatWallClock(instant, timeZone);
  lastAnswers.set(timeZone, { minute, wall: { ...wall } });
  return wall;
}

function formatWallClock(instant: Date, timeZone: string): WallTime {
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

/** How far the zone's wall clock is ahead of UTC at `time`, to the minute. */
export function offsetMs(time: number, timeZone: string): number {
  return wallMs(time, timeZone) - Math.floor(time / MINUTE_MS) * MINUTE_MS;
}

/** A local time with its offset, to the minute, as people read it: 2026-10-25T02:00+01:00. */
export function localTimeLabel(instant: Date, timeZone: string): string {
  const local = wallClock(instant, timeZone);
  const offset = Math.round(offsetMs(instant.getTime(), timeZone) / MINUTE_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${local.year}-${two(local.month)}-${two(local.day)}T${two(local.hour)}:${two(local.minute)}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

/**
 * The first instant at which the zone's clocks show `minuteOfDay` (or later) on the calendar date of
 * `dateAsUtc` (midnight UTC of that date): on the autumn night the earlier of the two, and on the spring night,
 * for a time the clocks jump over, the instant of the jump.
 */
export function firstInstantAt(dateAsUtc: number, minuteOfDay: number, timeZone: string): Date {
  const target = dateAsUtc + minuteOfDay * MINUTE_MS;
  // Zones change their offset at most once in two days: the offsets a day either side are the only candidates.
  const offsets = [offsetMs(target - DAY_MS, timeZone), offsetMs(target + DAY_MS, timeZone)];
  const exact = offsets.map((offset) => target - offset).filter((time) => wallMs(time, timeZone) === target);
  if (exact.length > 0) return new Date(Math.min(...exact));
  // Skipped by the clocks: the jump lies between the two guesses; find its minute.
  let before = target - Math.max(...offsets);
  let after = target - Math.min(...offsets);
  while (after - before > MINUTE_MS) {
    const middle = before + Math.floor((after - before) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallMs(middle, timeZone) >= target) after = middle;
    else before = middle;
  }
  return new Date(after);
}

/** The wall clock at `time` as if it were UTC, to the minute: comparable with Date.UTC of a local time. */
function wallMs(time: number, timeZone: string): number {
  const local = wallClock(new Date(time), timeZone);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
}

/** The zone's calendar date at `instant`, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
