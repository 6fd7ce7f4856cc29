import { costOf, ShiftDetail } from './dto/time-clock.views';
import type { ShiftFigures } from './shift-hours';
import type { TimeClockEntry } from './time-clock-entry.entity';

/**
 * One shift as the labour report and the payroll read it: who, which job at which wage, when, its breaks and the
 * time clock's figures (shiftFigures). An open shift ends now.
 */
export interface WorkedShift {
  id: string;
  userId: string;
  jobId: string | null;
  job: string | null;
  wage: number | null;
  start: Date;
  end: Date;
  breaks: Array<{ paid: boolean; start: Date; end: Date }>;
  figures: ShiftFigures;
}

/** A shift of the time clock with its figures, an open one ending now. */
export function workedShift(shift: ShiftDetail & { entry: TimeClockEntry }, now: Date): WorkedShift {
  const { entry, job, wage, breaks, figures } = shift;
  const end = entry.clockedOutAt ?? now;
  return {
    id: entry.id,
    userId: entry.userId,
    jobId: entry.jobId,
    job,
    wage,
    start: entry.clockedInAt,
    end,
    breaks: breaks.map((pause) => ({ paid: pause.paid, start: pause.startedAt, end: pause.endedAt ?? end })),
    figures,
  };
}

/** What a shift worked within a stretch of time. */
export interface WorkedWithin {
  workedSeconds: number;
  overtimeSeconds: number;
  unpaidBreakSeconds: number;
  /** Minor units: wage × the seconds worked within. */
  cost: number;
}

const overlapMs = (start: number, end: number, from: number, to: number) =>
  Math.max(0, Math.min(end, to) - Math.max(start, from));

/**
 * The part of a shift within [from, to). Whole seconds are counted from the shift's start, so the parts of a shift
 * cut at any instants add up to its figures: worked seconds, unpaid breaks, and the cost rounded once. Overtime is
 * the last of the shift's paid time (the time past a threshold).
 */
export function workedWithin(shift: WorkedShift, from: Date, to: Date): WorkedWithin {
  const start = shift.start.getTime();
  const unpaidBefore = (instant: number) =>
    shift.breaks
      .filter((pause) => !pause.paid)
      .reduce((sum, pause) => sum + overlapMs(pause.start.getTime(), pause.end.getTime(), start, instant), 0);
  const secondsAt = (instant: number) => {
    const until = Math.min(Math.max(instant, start), shift.end.getTime());
    const unpaid = unpaidBefore(until);
    return { paid: Math.floor((until - start - unpaid) / 1000), unpaid: Math.floor(unpaid / 1000) };
  };
  const before = secondsAt(from.getTime());
  const after = secondsAt(to.getTime());
  const regular = shift.figures.workedSeconds - shift.figures.overtimeSeconds;
  const overtimeAt = (paid: number) => Math.max(0, paid - regular);
  return {
    workedSeconds: after.paid - before.paid,
    overtimeSeconds: overtimeAt(after.paid) - overtimeAt(before.paid),
    unpaidBreakSeconds: after.unpaid - before.unpaid,
    cost: costOf(after.paid, shift.wage) - costOf(before.paid, shift.wage),
  };
}
