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
