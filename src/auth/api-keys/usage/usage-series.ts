import { DomainError } from '../../../common/errors/domain-error';

export const HOUR_MS = 60 * 60_000;
export const DAY_MS = 24 * HOUR_MS;

/** How long usage is kept, and so the longest period a report may cover. */
export const USAGE_RETENTION_DAYS = 400;

/** Longest period with an hourly series: 31 days are 744 points, already more than a chart shows apart. */
export const HOURLY_SERIES_MAX_DAYS = 31;

const DEFAULT_PERIOD_DAYS = 7;

/** A period in whole UTC hours, [fromMs, toMs). */
export interface UsagePeriod {
  fromMs: number;
  toMs: number;
}

/**
 * The period a report covers: `to` defaults to now, `from` to 7 days before `to`. Usage is counted per UTC hour, so
 * the period widens to whole hours (from down, to up to the next hour start).
 */
export function usagePeriod(from: Date | undefined, to: Date | undefined, now: Date): UsagePeriod {
  const toMs = (to ?? now).getTime();
  const fromMs = from ? from.getTime() : toMs - DEFAULT_PERIOD_DAYS * DAY_MS;
  if (fromMs >= toMs) throw DomainError.invalidField('from', 'must be before to');
  const period = { fromMs: fromMs - modulo(fromMs, HOUR_MS), toMs: toMs + modulo(-toMs, HOUR_MS) };
  if (period.toMs - period.fromMs > USAGE_RETENTION_DAYS * DAY_MS) {
    throw DomainError.invalidField(
      'from',
      `must be at most ${USAGE_RETENTION_DAYS} days before to (usage is kept that long)`,
    );
  }
  return period;
}

/** Whether the period is short enough for an hourly series. */
export function hasHourlySeries(period: UsagePeriod): boolean {
  return period.toMs - period.fromMs <= HOURLY_SERIES_MAX_DAYS * DAY_MS;
}

export interface UsageCounts {
  requests: number;
  errors: number;
}

/** Every hour of the period in order, with its counts from `byHourStart` or zeros. */
export function hourSeries(
  period: UsagePeriod,
  byHourStart: ReadonlyMap<number, UsageCounts>,
): Array<{ hour: string } & UsageCounts> {
  const series = [];
  for (let hourMs = period.fromMs; hourMs < period.toMs; hourMs += HOUR_MS) {
    const counts = byHourStart.get(hourMs);
    series.push({
      hour: new Date(hourMs).toISOString(),
      requests: counts?.requests ?? 0,
      errors: counts?.errors ?? 0,
    });
  }
  return series;
}

/**
 * Every UTC day the period touches, in order, with the counts of its hours that lie in the period (the first and
 * last day may be partial) or zeros.
 */
export function daySeries(
  period: UsagePeriod,
  byHourStart: ReadonlyMap<number, UsageCounts>,
): Array<{ day: string } & UsageCounts> {
  const byDayStart = new Map<number, UsageCounts>();
  for (const [hourMs, counts] of byHourStart) {
    if (hourMs < period.fromMs || hourMs >= period.toMs) continue;
    const dayMs = hourMs - modulo(hourMs, DAY_MS);
    const day = byDayStart.get(dayMs) ?? { requests: 0, errors: 0 };
    day.requests += counts.requests;
    day.errors += counts.errors;
    byDayStart.set(dayMs, day);
  }
  const series = [];
  for (let dayMs = period.fromMs - modulo(period.fromMs, DAY_MS); dayMs < period.toMs; dayMs += DAY_MS) {
    const counts = byDayStart.get(dayMs);
    series.push({
      day: new Date(dayMs).toISOString().slice(0, 10),
      requests: counts?.requests ?? 0,
      errors: counts?.errors ?? 0,
    });
  }
  return series;
}

/** The remainder of `value / divisor` in [0, divisor), for times before 1970 too. */
function modulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
