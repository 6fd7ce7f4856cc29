import { EntityManager, FindOptionsWhere, IsNull, LessThan, MoreThan, SelectQueryBuilder } from 'typeorm';
import { TimeClockEntry } from './time-clock-entry.entity';

/**
 * Seconds of each entry inside [:from, :until], on either database: an open entry runs until :until (now at the
 * latest), and the part outside the period does not count.
 */
const SECONDS_WITHIN = {
  postgres:
    'EXTRACT(EPOCH FROM (LEAST(COALESCE(entry.clockedOutAt, :until), :until) - GREATEST(entry.clockedInAt, :from)))',
  sqlite:
    '(julianday(MIN(COALESCE(entry.clockedOutAt, :until), :until)) - julianday(MAX(entry.clockedInAt, :from))) * 86400',
};

export function overlapping(
  userId: string | undefined,
  from?: Date,
  to?: Date,
): FindOptionsWhere<TimeClockEntry>[] {
  const base: FindOptionsWhere<TimeClockEntry> = {};
  if (userId) base.userId = userId;
  if (to) base.clockedInAt = LessThan(to);
  return from
    ? [
        { ...base, clockedOutAt: IsNull() },
        { ...base, clockedOutAt: MoreThan(from) },
      ]
    : [base];
}

export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

/**
 * Each staff member's seconds worked within [from, until], summed by the database (scripts/explain-plans.ts
 * explains it as built here).
 */
export function hoursWorkedQuery(
  manager: EntityManager,
  kind: 'sqlite' | 'postgres',
  from: Date,
  until: Date,
): SelectQueryBuilder<TimeClockEntry> {
  return manager
    .createQueryBuilder(TimeClockEntry, 'entry')
    .select('entry.userId', 'userId')
    .addSelect(`SUM(${SECONDS_WITHIN[kind]})`, 'seconds')
    .where('entry.clockedInAt < :until')
    .andWhere('(entry.clockedOutAt IS NULL OR entry.clockedOutAt > :from)')
    .setParameters({ from, until })
    .groupBy('entry.userId')
    .orderBy('entry.userId');
}
