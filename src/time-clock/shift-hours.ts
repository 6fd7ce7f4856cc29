import { localDate } from '../common/time/wall-clock';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** When the rest of a day's or a week's work is overtime; an absent threshold: none. */
export interface OvertimeRule {
  dailyAfterMinutes: number | null;
  weeklyAfterMinutes: number | null;
}

/** A country's rule for breaks: after `afterMinutes` of work, `breakMinutes` of breaks, counting blocks ≥ min. */
export interface BreakRule {
  steps: Array<{ afterMinutes: number; breakMinutes: number }>;
  minBlockMinutes: number;
  /** The longest stretch of work without a counted break. */
  maxStretchMinutes: number;
}

/**
 * Break rules by country (ISO 3166 alpha-2). Germany: § 4 ArbZG (test/fixtures/arbzg-4.md): 30 minutes after more
 * than six hours, 45 after more than nine, in blocks of at least 15 minutes, never more than six hours on end.
 */
export const BREAK_RULES: Record<string, BreakRule> = {
  DE: {
    steps: [
      { afterMinutes: 9 * 60, breakMinutes: 45 },
      { afterMinutes: 6 * 60, breakMinutes: 30 },
    ],
    minBlockMinutes: 15,
    maxStretchMinutes: 6 * 60,
  },
};

export type ShiftFlag = 'break_too_short' | 'worked_too_long_without_break';

export interface ShiftInput {
  id: string;
  userId: string;
  start: Date;
  /** Null while clocked in. */
  end: Date | null;
  breaks: Array<{ paid: boolean; start: Date; end: Date | null }>;
}

export interface ShiftFigures {
  /** Seconds paid: the shift less its unpaid breaks; an open shift up to now. */
  workedSeconds: number;
  breakSeconds: number;
  unpaidBreakSeconds: number;
  overtimeSeconds: number;
  /** The local day the shift began on: its wage's day and its day for overtime. */
  day: string;
  flags: ShiftFlag[];
}

/** The Monday (YYYY-MM-DD) of the week of a local date. */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 24 * HOUR_MS).toISOString().slice(0, 10);
}

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/**
 * Each shift's paid time, breaks, overtime and the law's flags. Overtime needs every shift of the person's day and
 * week, so `shifts` holds whole weeks: per person, in order of clock-in, first the part of each day past the daily
 * threshold, then of the rest the part of the week past the weekly one (never counted twice).
 */
export function shiftFigures(
  shifts: ShiftInput[],
  now: Date,
  timeZone: string,
  overtime: OvertimeRule,
  breakRule: BreakRule | undefined,
): Map<string, ShiftFigures> {
  const figures = new Map<string, ShiftFigures>();
  const ordered = [...shifts].sort(
    (a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id),
  );
  const dayTotals = new Map<string, number>();
  const weekRegular = new Map<string, number>();
  for (const shift of ordered) {
    const end = shift.end ?? now;
    let breakMs = 0;
    let unpaidMs = 0;
    for (const pause of shift.breaks) {
      const length = Math.max(0, (pause.end ?? end).getTime() - pause.start.getTime());
      breakMs += length;
      if (!pause.paid) unpaidMs += length;
    }
    const workedSeconds = seconds(end.getTime() - shift.start.getTime() - unpaidMs);
    const day = localDate(shift.start, timeZone);

    const dayKey = `${shift.userId} ${day}`;
    const dayBefore = dayTotals.get(dayKey) ?? 0;
    dayTotals.set(dayKey, dayBefore + workedSeconds);
    const dailyLimit = overtime.dailyAfterMinutes === null ? Infinity : overtime.dailyAfterMinutes * 60;
    const dailyOvertime = Math.max(0, dayBefore + workedSeconds - Math.max(dailyLimit, dayBefore));
    const regular = workedSeconds - dailyOvertime;
    const weekKey = `${shift.userId} ${mondayOf(day)}`;
    const weekBefore = weekRegular.get(weekKey) ?? 0;
    weekRegular.set(weekKey, weekBefore + regular);
    const weeklyLimit = overtime.weeklyAfterMinutes === null ? Infinity : overtime.weeklyAfterMinutes * 60;
    const weeklyOvertime = Math.max(0, weekBefore + regular - Math.max(weeklyLimit, weekBefore));

    figures.set(shift.id, {
      workedSeconds,
      breakSeconds: seconds(breakMs),
      unpaidBreakSeconds: seconds(unpaidMs),
      overtimeSeconds: dailyOvertime + weeklyOvertime,
      day,
      flags: shift.end && breakRule ? breakFlags(shift, shift.end, breakRule) : [],
    });
  }
  return figures;
}

/** The law's break rule checked on a closed shift: its working time excludes every break. */
function breakFlags(shift: ShiftInput, end: Date, rule: BreakRule): ShiftFlag[] {
  const blockMs = rule.minBlockMinutes * MINUTE_MS;
  const breaks = shift.breaks
    .map((pause) => ({ start: pause.start.getTime(), end: (pause.end ?? end).getTime() }))
    .sort((a, b) => a.start - b.start);
  const totalBreakMs = breaks.reduce((sum, pause) => sum + (pause.end - pause.start), 0);
  const workMinutes = (end.getTime() - shift.start.getTime() - totalBreakMs) / MINUTE_MS;
  const counted = breaks.filter((pause) => pause.end - pause.start >= blockMs);
  const countedMinutes = counted.reduce((sum, pause) => sum + (pause.end - pause.start), 0) / MINUTE_MS;
  const required = rule.steps.find((step) => workMinutes > step.afterMinutes)?.breakMinutes ?? 0;
  const flags: ShiftFlag[] = [];
  if (countedMinutes < required) flags.push('break_too_short');
  // Work between counted breaks; a short break does not interrupt the stretch, but is not work either.
  let stretchStart = shift.start.getTime();
  let shortMs = 0;
  let longest = 0;
  for (const pause of breaks) {
    if (pause.end - pause.start >= blockMs) {
      longest = Math.max(longest, pause.start - stretchStart - shortMs);
      stretchStart = pause.end;
      shortMs = 0;
    } else shortMs += pause.end - pause.start;
  }
  longest = Math.max(longest, end.getTime() - stretchStart - shortMs);
  if (longest > rule.maxStretchMinutes * MINUTE_MS) flags.push('worked_too_long_without_break');
  return flags;
}
