import { firstInstantAt, wallClock } from '../../common/time/wall-clock';

/**
 * When a schedule is on, read on the restaurant's wall clock. A window runs on each of its ISO weekdays (1 Monday
 * to 7 Sunday) from `from` to `to` ("HH:MM", exclusive); a `to` before `from` runs past midnight into the next
 * day ("00:00": to midnight). Each edge is the first instant the clocks show its time: on the autumn night the earlier of
 * the two, on the spring night, for a time the clocks skip, the instant of the jump. Pure: the pricing rules and
 * the menu ask it alike.
 */
export interface WeeklyWindow {
  days: readonly number[];
  from: string;
  to: string;
}

/** Whether a schedule is on at an instant, and when that changes. */
export interface ScheduleState {
  on: boolean;
  /** While on: when it goes off; null while it never does (on around the week). Off: null. */
  until: Date | null;
  /** While off: when it next comes on; null when it never does. On: null. */
  nextOn: Date | null;
}

export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Runs are laid out from the day before the instant to this many days after: a week and a run past it. */
const HORIZON_DAYS = 8;
/** How often jointState may hop from one schedule's next start to another's before it says they never meet. */
const MAX_HOPS = 64;

/** Whether text is a time of day "HH:MM" from 00:00 to 23:59. */
export function isTimeOfDay(text: unknown): text is string {
  return typeof text === 'string' && TIME_OF_DAY.test(text);
}

/** The state of one schedule at `instant` in `timeZone`. */
export function scheduleState(
  windows: readonly WeeklyWindow[],
  instant: Date,
  timeZone: string,
): ScheduleState {
  const time = instant.getTime();
  const around = runs(windows, instant, timeZone);
  const current = around.find(([start, end]) => start <= time && time < end);
  if (current) {
    // On for a whole week from now: the pattern repeats weekly, so it is on for good.
    return { on: true, until: current[1] - time >= WEEK_MS ? null : new Date(current[1]), nextOn: null };
  }
  const next = around.find(([start]) => start > time);
  return { on: false, until: null, nextOn: next ? new Date(next[0]) : null };
}

/**
 * The state of several schedules that must all be on (a dish's and its category's): on while every one is,
 * until the first goes off; off, it is next on when all of them are.
 */
export function jointState(
  schedules: ReadonlyArray<readonly WeeklyWindow[]>,
  instant: Date,
  timeZone: string,
): ScheduleState {
  const states = schedules.map((windows) => scheduleState(windows, instant, timeZone));
  if (states.every((state) => state.on)) {
    const ends = states.flatMap((state) => (state.until ? [state.until.getTime()] : []));
    return { on: true, until: ends.length > 0 ? new Date(Math.min(...ends)) : null, nextOn: null };
  }
  let at = instant;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const off = schedules.map((windows) => scheduleState(windows, at, timeZone)).find((state) => !state.on);
    if (!off) return { on: false, until: null, nextOn: at };
    if (!off.nextOn) break;
    at = off.nextOn;
  }
  return { on: false, until: null, nextOn: null };
}

/** When the state next changes: null when it never does. */
export function nextEdge(state: ScheduleState): Date | null {
  return state.on ? state.until : state.nextOn;
}

/** The windows' runs as [start, end) instants, sorted, touching and overlapping ones merged. */
function runs(windows: readonly WeeklyWindow[], instant: Date, timeZone: string): Array<[number, number]> {
  const local = wallClock(instant, timeZone);
  const today = Date.UTC(local.year, local.month - 1, local.day);
  const laidOut: Array<[number, number]> = [];
  for (let offset = -1; offset <= HORIZON_DAYS; offset++) {
    const date = today + offset * DAY_MS;
    const weekday = new Date(date).getUTCDay() || 7;
    for (const window of windows) {
      if (!window.days.includes(weekday)) continue;
      const from = minuteOfDay(window.from);
      const to = minuteOfDay(window.to);
      const start = firstInstantAt(date, from, timeZone).getTime();
      const end = firstInstantAt(to <= from ? date + DAY_MS : date, to, timeZone).getTime();
      // A window inside the hour the spring night skips never runs that night.
      if (end > start) laidOut.push([start, end]);
    }
  }
  laidOut.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of laidOut) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function minuteOfDay(text: string): number {
  const [hour, minute] = text.split(':').map(Number);
  return hour * 60 + minute;
}
