import { FactKind } from '../event-log/facts';

/**
 * A shift was clocked in or out, a break taken, or a manager corrected it: the hours worked between `from` and
 * `until` (now for an open shift), before and after the change, may have changed.
 */
export interface ShiftTimesChanged {
  userId: string;
  from: Date;
  until: Date;
}

export const SHIFT_TIMES_CHANGED = new FactKind<ShiftTimesChanged>('shift times changed');

/** What a change of `entry` touched: from the earlier start to the later end (now for an open shift), before or after. */
export function timesChanged(
  entry: { userId: string; clockedInAt: Date; clockedOutAt: Date | null },
  before: { from: Date; until: Date },
  now: Date,
): ShiftTimesChanged {
  const until = entry.clockedOutAt ?? now;
  return {
    userId: entry.userId,
    from: entry.clockedInAt < before.from ? entry.clockedInAt : before.from,
    until: until > before.until ? until : before.until,
  };
}
