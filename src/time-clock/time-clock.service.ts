import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FindOptionsWhere, IsNull, LessThan, MoreThan } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import type { StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { TimeClockQuery } from './dto/time-clock.inputs';
import { HoursWorked, hoursOf, TimeClockEntryView } from './dto/time-clock.views';
import { TimeClockEntry } from './time-clock-entry.entity';

const ENTITY_TYPE = 'time_clock_entry';

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

/** Staff clocking in and out for themselves, and the hours they worked. */
@Injectable()
export class TimeClockService {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  async clockIn(actor: StaffPrincipal): Promise<TimeClockEntryView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const entry = Object.assign(new TimeClockEntry(), {
        id: randomUUID(),
        userId: actor.userId,
        clockedInAt: now,
        clockedOutAt: null,
        updatedAt: now,
      });
      // The unique index on a user's open entry refuses a second clock-in, even a concurrent one.
      const inserted = await this.database.insertRows(
        tx,
        TimeClockEntry,
        entry,
        'ON CONFLICT DO NOTHING RETURNING id',
      );
      if (inserted.length === 0) {
        const open = await tx.manager.findOne(TimeClockEntry, {
          where: { userId: actor.userId, clockedOutAt: IsNull() },
        });
        const since = open ? ` since ${open.clockedInAt.toISOString()}` : '';
        throw new DomainError(ErrorCode.Conflict, `You are clocked in already${since}`);
      }
      const view = TimeClockEntryView.of(entry, now);
      await this.auditLog.record(tx, actor, {
        action: 'time_clock.clocked_in',
        entityType: ENTITY_TYPE,
        entityId: entry.id,
        after: view,
      });
      return view;
    });
  }

  async clockOut(actor: StaffPrincipal): Promise<TimeClockEntryView> {
    return this.database.transaction(async (tx) => {
      const entry = await tx.manager.findOne(TimeClockEntry, {
        where: { userId: actor.userId, clockedOutAt: IsNull() },
        ...this.database.forUpdate,
      });
      if (!entry) throw new DomainError(ErrorCode.InvalidTransition, 'You are not clocked in');
      const now = this.clock.now();
      return auditedChange(tx, this.auditLog, actor, entry, {
        action: 'time_clock.clocked_out',
        entityType: ENTITY_TYPE,
        view: (row) => TimeClockEntryView.of(row, now),
        change: () => {
          entry.clockedOutAt = now;
          entry.updatedAt = now;
        },
      });
    });
  }

  /** Shifts that overlap [from, to), newest first, each with all its hours; open ones count up to now. */
  async list(query: TimeClockQuery): Promise<Page<TimeClockEntryView>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw DomainError.invalidField('from', 'must not be after to');
    const base: FindOptionsWhere<TimeClockEntry> = {};
    if (query.userId) base.userId = query.userId;
    if (to) base.clockedInAt = LessThan(to);
    const where = from
      ? [
          { ...base, clockedOutAt: IsNull() },
          { ...base, clockedOutAt: MoreThan(from) },
        ]
      : base;
    const [entries, total] = await this.database.reader.findAndCount(TimeClockEntry, {
      where,
      order: { clockedInAt: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    const now = this.clock.now();
    return pageOf(
      entries.map((entry) => TimeClockEntryView.of(entry, now)),
      total,
      query,
    );
  }

  /**
   * Time worked by each staff member within [from, to), summed by the database: a shift that crosses a bound counts
   * only its part inside, and an open one counts up to now. Staff who did not work then are absent.
   */
  async hoursWorkedByUser(from: Date, to: Date): Promise<HoursWorked[]> {
    const now = this.clock.now();
    const until = to < now ? to : now;
    if (until <= from) return [];
    const rows = await this.database.reader
      .createQueryBuilder(TimeClockEntry, 'entry')
      .select('entry.userId', 'userId')
      .addSelect(`SUM(${SECONDS_WITHIN[this.database.kind]})`, 'seconds')
      .where('entry.clockedInAt < :until')
      .andWhere('(entry.clockedOutAt IS NULL OR entry.clockedOutAt > :from)')
      .setParameters({ from, until })
      .groupBy('entry.userId')
      .orderBy('entry.userId')
      .getRawMany<{ userId: string; seconds: string | number }>();
    return rows.map((row) => {
      const workedSeconds = Math.round(Number(row.seconds));
      return { userId: row.userId, workedSeconds, hours: hoursOf(workedSeconds) };
    });
  }
}
