import { DomainError } from '../common/errors/domain-error';
import type { TimeClockEditInput } from './dto/time-clock.inputs';
import type { TimeClockEntry } from './time-clock-entry.entity';

/** A corrected shift longer than a day is a typing error (a year for an hour), never a day's work. */
const LONGEST_SHIFT_MS = 24 * 60 * 60 * 1000;

/**
 * The times a manager's correction gives a shift, refused (422, on the field the correction moved) when the end is
 * not after the start, the shift would last over 24 hours, or either time is still to come.
 */
export function correctedTimes(
  entry: TimeClockEntry,
  input: TimeClockEditInput,
  now: Date,
): { clockedInAt: Date; clockedOutAt: Date | null } {
  const clockedInAt = input.clockedInAt ? new Date(input.clockedInAt) : entry.clockedInAt;
  const clockedOutAt = input.clockedOutAt ? new Date(input.clockedOutAt) : entry.clockedOutAt;
  const moved = input.clockedOutAt ? 'clockedOutAt' : 'clockedInAt';
  if (clockedOutAt && clockedOutAt <= clockedInAt) {
    throw DomainError.invalidField('clockedOutAt', 'must be after clockedInAt');
  }
  if (clockedOutAt && clockedOutAt.getTime() - clockedInAt.getTime() > LONGEST_SHIFT_MS) {
    throw DomainError.invalidField(moved, 'must leave the shift at most 24 hours long');
  }
  if (clockedInAt > now || (clockedOutAt && clockedOutAt > now)) {
    throw DomainError.invalidField(moved, 'must not be in the future');
  }
  return { clockedInAt, clockedOutAt };
}
