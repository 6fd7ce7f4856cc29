import { ValidateBy } from 'class-validator';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True for a date written YYYY-MM-DD that the calendar has: 2026-02-30, 2026-13-01 and 9999-99-99 are none. Checked
 * by a round trip through Date.UTC, as the business-day arithmetic reads dates, so a year before 0100 (which
 * Date.UTC takes for 19xx) is none either.
 */
export function isCalendarDate(value: unknown): value is string {
  const parts = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  if (!parts) return false;
  const [year, month, day] = parts.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const BUSINESS_DAY_MESSAGE = 'must be a business day written YYYY-MM-DD, such as 2026-11-22';

/** A business day: a calendar date that exists (isCalendarDate), written YYYY-MM-DD. */
export const IsBusinessDay = () =>
  ValidateBy({
    name: 'isBusinessDay',
    validator: { validate: isCalendarDate, defaultMessage: () => BUSINESS_DAY_MESSAGE },
  });
