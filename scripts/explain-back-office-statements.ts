/**
 * The statements under the back office's routes, as the audit (scripts/explain-plans.ts) explains them: the audit
 * log's filters, the drawer's cash sums and the time clock.
 */
import { And, FindManyOptions, FindOptionsWhere, IsNull, LessThan, MoreThan, MoreThanOrEqual } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { cashMovementsQuery } from '../src/shifts/cash-movements-query';
import { TimeClockEntry } from '../src/time-clock/time-clock-entry.entity';
import { hoursWorkedQuery } from '../src/time-clock/time-clock-queries';
import { DAY_MS, Samples } from './explain-generator';
import { ago, PAGE, QueryCase } from './explain-sql';

/** AuditLog.list: a page (findAndCount's first statement) and its COUNT, for one filter. */
function auditLogCases(label: string, where: (s: Samples) => FindOptionsWhere<AuditEntry>): QueryCase[] {
  const source = 'audit-log.service list';
  const page = (s: Samples): FindManyOptions<AuditEntry> => ({
    where: where(s),
    order: { occurredAt: 'DESC', id: 'DESC' },
    skip: 0,
    take: PAGE,
  });
  return [
    { name: `GET /audit-log${label}`, source, build: (b, s) => b.find(AuditEntry, page(s)) },
    { name: `GET /audit-log${label}: COUNT`, source, build: (b, s) => b.count(AuditEntry, where(s)) },
  ];
}

export function auditCases(): QueryCase[] {
  const lastWeek = () => And(MoreThanOrEqual(ago(7 * DAY_MS)), LessThan(new Date()));
  return [
    ...auditLogCases('', () => ({})),
    ...auditLogCases('?actor=', (s) => ({ actor: `staff:${s.session.userId}` })),
    ...auditLogCases('?actor=&from=&to= (a week)', (s) => ({
      actor: `staff:${s.session.userId}`,
      occurredAt: lastWeek(),
    })),
    ...auditLogCases('?entityType=&entityId=', (s) => ({ entityType: 'order', entityId: s.auditedOrderId })),
    ...auditLogCases('?entityType=', () => ({ entityType: 'order' })),
    ...auditLogCases('?action=', () => ({ action: 'order.discount_applied' })),
    ...auditLogCases('?from=&to= (a week)', () => ({ occurredAt: lastWeek() })),
  ];
}

export function backOfficeCases(): QueryCase[] {
  const overlapping = (from: Date, to: Date): Array<FindOptionsWhere<TimeClockEntry>> => [
    { clockedInAt: LessThan(to), clockedOutAt: IsNull() },
    { clockedInAt: LessThan(to), clockedOutAt: MoreThan(from) },
  ];
  return [
    {
      name: 'cash movements of a shift open 8 h',
      source: 'shifts.service movementsSince',
      build: (b) => {
        const [sql, params] = cashMovementsQuery(b.ds.manager, ago(8 * 3_600_000)).getQueryAndParameters();
        return { sql, params };
      },
    },
    {
      name: 'hours worked by user, a month',
      source: 'time-clock.service hoursWorkedByUser',
      build: (b) => {
        const query = hoursWorkedQuery(b.ds.manager, b.kind, ago(30 * DAY_MS), new Date());
        const [sql, params] = query.getQueryAndParameters();
        return { sql, params };
      },
    },
    {
      name: 'GET /time-clock?from=&to= (a week)',
      source: 'time-clock.service list',
      build: (b) =>
        b.find(TimeClockEntry, {
          where: overlapping(ago(7 * DAY_MS), new Date()),
          order: { clockedInAt: 'DESC', id: 'DESC' },
          skip: 0,
          take: PAGE,
        }),
    },
    {
      name: 'GET /time-clock?from=&to= (a week): COUNT',
      source: 'time-clock.service list',
      build: (b) => b.count(TimeClockEntry, overlapping(ago(7 * DAY_MS), new Date())),
    },
  ];
}
