import { DomainError } from '../common/errors/domain-error';
import { BusinessCalendar } from '../orders/business-calendar';
import { addDays } from '../orders/business-day';
import { MAX_REPORT_DAYS, ReportQuery } from './dto/report.inputs';
import type { ReportPeriodView } from './dto/report.views';

/** The business days a query asks for: each bound defaults to the open day; 422 for a reversed or long range. */
export function reportPeriod(
  calendar: BusinessCalendar,
  currency: string,
  query: Pick<ReportQuery, 'from' | 'to'>,
  maxDays = MAX_REPORT_DAYS,
): ReportPeriodView {
  const today = calendar.today();
  const from = query.from ?? today;
  const to = query.to ?? today;
  if (from > to) throw DomainError.invalidField('from', `must not be after to (${to})`);
  if (addDays(from, maxDays - 1) < to) {
    throw DomainError.invalidField('to', `must be within ${maxDays} days of from (${from})`);
  }
  return periodOf(calendar, currency, from, to);
}

/** The days from `from` to `to`, both included, and the instants they span. */
export function periodOf(
  calendar: BusinessCalendar,
  currency: string,
  from: string,
  to: string,
): ReportPeriodView {
  return {
    from,
    to,
    start: calendar.startOf(from).toISOString(),
    end: calendar.startOf(addDays(to, 1)).toISOString(),
    timeZone: calendar.timeZone,
    businessDayStartsAt: calendar.startsAt,
    currency,
  };
}
