import type { AuditAction } from '../audit/audit-actions';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { And, Between, EntityManager, In, IsNull, LessThan, MoreThan, MoreThanOrEqual, Not } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import { actorOf, Principal, StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { localDate } from '../common/time/wall-clock';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { JobsService, wageOn } from '../jobs/jobs.service';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { PROFILE_ROW_ID, RestaurantProfileRow } from '../restaurant/restaurant-profile.entity';
import { ClockInInput, TimeClockEditInput, TimeClockQuery } from './dto/time-clock.inputs';
import { HoursWorked, hoursOf, MyTimeView, ShiftDetail, TimeClockEntryView } from './dto/time-clock.views';
import { correctedTimes } from './shift-correction';
import { BREAK_RULES, mondayOf, OvertimeRule, shiftFigures } from './shift-hours';
import { TimeClockBreak } from './time-clock-break.entity';
import { ShiftTimes, TimeClockEdit } from './time-clock-edit.entity';
import { TimeClockEntry } from './time-clock-entry.entity';
import { SHIFT_TIMES_CHANGED, timesChanged } from './time-clock-facts';
import { groupBy, hoursWorkedQuery, overlapping } from './time-clock-queries';
import { WorkedShift, workedShift } from './worked-shift';

const ENTITY_TYPE = 'time_clock_entry';
const DAY_MS = 86_400_000;

const timesOf = (entry: TimeClockEntry): ShiftTimes => ({
  clockedInAt: entry.clockedInAt.toISOString(),
  clockedOutAt: entry.clockedOutAt?.toISOString() ?? null,
  jobId: entry.jobId,
});

/** Staff clocking in and out and taking breaks for themselves, managers' corrections, and the hours worked. */
@Injectable()
export class TimeClockService {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly profile: RestaurantProfile,
    private readonly eventLog: EventLog,
  ) {}

  async clockIn(actor: StaffPrincipal, input: ClockInInput): Promise<TimeClockEntryView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const jobId = await this.jobToClockIn(tx.manager, actor.userId, input.jobId);
      const entry = Object.assign(new TimeClockEntry(), {
        id: randomUUID(),
        userId: actor.userId,
        jobId,
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
      const [view] = await this.views(tx.manager, [entry]);
      await this.auditLog.record(tx, actor, {
        action: 'time_clock.clocked_in',
        entityType: ENTITY_TYPE,
        entityId: entry.id,
        after: view,
      });
      this.eventLog.raise(tx, SHIFT_TIMES_CHANGED, { userId: actor.userId, from: now, until: now });
      return view;
    });
  }

  /** The job a clock-in is for: the one asked for among the person's active jobs, or their only one. */
  private async jobToClockIn(manager: EntityManager, userId: string, asked?: string): Promise<string | null> {
    const held = (await this.jobs.jobsOf(manager, userId)).filter((job) => job.active);
    if (asked !== undefined) {
      if (!held.some((job) => job.jobId === asked))
        throw DomainError.invalidField('jobId', 'is not a job you hold');
      return asked;
    }
    if (held.length > 1) throw DomainError.invalidField('jobId', 'choose one of your jobs');
    return held[0]?.jobId ?? null;
  }

  async clockOut(actor: StaffPrincipal): Promise<TimeClockEntryView> {
    return this.database.transaction(async (tx) => {
      const entry = await this.openEntry(tx, actor.userId);
      const now = this.clock.now();
      // A break still running ends with the shift.
      await tx.manager.update(TimeClockBreak, { entryId: entry.id, endedAt: IsNull() }, { endedAt: now });
      return this.audited(tx, actor, entry, 'time_clock.clocked_out', () => {
        entry.clockedOutAt = now;
        entry.updatedAt = now;
      });
    });
  }

  async startBreak(actor: StaffPrincipal, paid: boolean): Promise<TimeClockEntryView> {
    return this.database.transaction(async (tx) => {
      const entry = await this.openEntry(tx, actor.userId);
      const now = this.clock.now();
      if (await tx.manager.exists(TimeClockBreak, { where: { entryId: entry.id, endedAt: IsNull() } })) {
        throw new DomainError(ErrorCode.InvalidTransition, 'You are on a break already');
      }
      return this.audited(tx, actor, entry, 'time_clock.break_started', async () => {
        const pause = Object.assign(new TimeClockBreak(), {
          id: randomUUID(),
          entryId: entry.id,
          paid,
          startedAt: now,
          endedAt: null,
        });
        await this.database.insertRows(tx, TimeClockBreak, pause);
        entry.updatedAt = now;
      });
    });
  }

  async endBreak(actor: StaffPrincipal): Promise<TimeClockEntryView> {
    return this.database.transaction(async (tx) => {
      const entry = await this.openEntry(tx, actor.userId);
      const now = this.clock.now();
      const pause = await tx.manager.findOne(TimeClockBreak, {
        where: { entryId: entry.id, endedAt: IsNull() },
      });
      if (!pause) throw new DomainError(ErrorCode.InvalidTransition, 'You are not on a break');
      return this.audited(tx, actor, entry, 'time_clock.break_ended', async () => {
        await tx.manager.update(TimeClockBreak, { id: pause.id }, { endedAt: now });
        entry.updatedAt = now;
      });
    });
  }

  /**
   * A manager's correction (a forgotten clock-out, a wrong time or job): the shift takes the new times, the edit
   * keeps the ones before with the reason, and the audit log has both.
   */
  async edit(actor: Principal, id: string, input: TimeClockEditInput): Promise<TimeClockEntryView> {
    return this.database.transaction(async (tx) => {
      const entry = await tx.manager.findOne(TimeClockEntry, { where: { id }, ...this.database.forUpdate });
      if (!entry) throw DomainError.notFound('Shift');
      const now = this.clock.now();
      const before = timesOf(entry);
      const { clockedInAt, clockedOutAt } = correctedTimes(entry, input, now);
      const held = input.jobId ? await this.jobs.jobsOf(tx.manager, entry.userId) : [];
      if (input.jobId && !held.some((job) => job.jobId === input.jobId)) {
        throw DomainError.invalidField('jobId', 'is not a job the person holds');
      }
      const breaks = await tx.manager.find(TimeClockBreak, { where: { entryId: id } });
      const end = clockedOutAt ?? now;
      if (breaks.some((pause) => pause.startedAt < clockedInAt || (pause.endedAt ?? pause.startedAt) > end)) {
        throw DomainError.invalidField('clockedOutAt', 'must leave every break of the shift inside it');
      }
      // Another shift begun within this one (one begun as it ends only meets it), or running as it begins.
      const other = { userId: entry.userId, id: Not(id) };
      const overlapping = await tx.manager.exists(TimeClockEntry, {
        where: [
          { ...other, clockedInAt: And(MoreThanOrEqual(clockedInAt), LessThan(end)) },
          { ...other, clockedInAt: LessThan(clockedInAt), clockedOutAt: MoreThan(clockedInAt) },
          { ...other, clockedInAt: LessThan(clockedInAt), clockedOutAt: IsNull() },
        ],
      });
      if (overlapping)
        throw new DomainError(ErrorCode.Conflict, 'The shift would overlap another of the same person');
      return this.audited(tx, actor, entry, 'time_clock.edited', async () => {
        entry.clockedInAt = clockedInAt;
        entry.clockedOutAt = clockedOutAt;
        if (input.jobId !== undefined) entry.jobId = input.jobId;
        entry.updatedAt = now;
        // A break left running when the manager closes the shift ends with it.
        if (clockedOutAt) {
          await tx.manager.update(
            TimeClockBreak,
            { entryId: id, endedAt: IsNull() },
            { endedAt: clockedOutAt },
          );
        }
        const edit = Object.assign(new TimeClockEdit(), {
          id: randomUUID(),
          entryId: id,
          editedBy: actorOf(actor),
          reason: input.reason,
          before,
          after: timesOf(entry),
          editedAt: now,
        });
        await this.database.insertRows(tx, TimeClockEdit, edit);
      });
    });
  }

  private async openEntry(tx: Tx, userId: string): Promise<TimeClockEntry> {
    const entry = await tx.manager.findOne(TimeClockEntry, {
      where: { userId, clockedOutAt: IsNull() },
      ...this.database.forUpdate,
    });
    if (!entry) throw new DomainError(ErrorCode.InvalidTransition, 'You are not clocked in');
    return entry;
  }

  private audited(
    tx: Tx,
    actor: Principal,
    entry: TimeClockEntry,
    action: AuditAction,
    change: () => void | Promise<void>,
  ): Promise<TimeClockEntryView> {
    const before = { from: entry.clockedInAt, until: entry.clockedOutAt ?? this.clock.now() };
    return auditedChange(tx, this.auditLog, actor, entry, {
      action,
      entityType: ENTITY_TYPE,
      view: async (row) => (await this.views(tx.manager, [row]))[0],
      change: async () => {
        await change();
        this.eventLog.raise(tx, SHIFT_TIMES_CHANGED, timesChanged(entry, before, this.clock.now()));
      },
    });
  }

  /** Shifts that overlap [from, to), newest first, each with all its hours; open ones count up to now. */
  async list(query: TimeClockQuery): Promise<Page<TimeClockEntryView>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw DomainError.invalidField('from', 'must not be after to');
    const [entries, total] = await this.database.reader.findAndCount(TimeClockEntry, {
      where: overlapping(query.userId, from, to),
      order: { clockedInAt: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(await this.views(this.database.reader, entries), total, query);
  }

  /** Every shift overlapping [from, to) with its figures, an open one ending `now`: labour, payroll, tips. */
  async shiftsWithin(
    from: Date,
    to: Date,
    manager: EntityManager = this.database.reader,
    now: Date = this.clock.now(),
  ): Promise<WorkedShift[]> {
    const entries = await manager.find(TimeClockEntry, {
      where: overlapping(undefined, from, to),
      order: { clockedInAt: 'ASC', id: 'ASC' },
    });
    return (await this.figured(manager, entries)).map((shift) => workedShift(shift, now));
  }

  /** The caller's own time: the jobs to choose from, the open shift, and this local week's shifts. */
  async mine(actor: StaffPrincipal): Promise<MyTimeView> {
    const reader = this.database.reader;
    const now = this.clock.now();
    const weekFrom = mondayOf(localDate(now, this.profile.timezone));
    // Shifts begun within the last eight days hold this local week's; the week's own are picked by their day.
    const recent = await reader.find(TimeClockEntry, {
      where: [
        { userId: actor.userId, clockedInAt: MoreThan(new Date(now.getTime() - 8 * DAY_MS)) },
        { userId: actor.userId, clockedOutAt: IsNull() },
      ],
      order: { clockedInAt: 'DESC', id: 'DESC' },
    });
    const views = await this.views(reader, recent);
    const week = views.filter(
      (view) => localDate(new Date(view.clockedInAt), this.profile.timezone) >= weekFrom,
    );
    const jobs = (await this.jobs.jobsOf(reader, actor.userId)).filter((job) => job.active);
    return {
      jobs: jobs.map(({ jobId, name }) => ({ jobId, name })),
      current: views.find((view) => view.open) ?? null,
      weekFrom,
      weekHours: hoursOf(week.reduce((sum, view) => sum + view.workedSeconds, 0)),
      weekOvertimeHours: Math.round(week.reduce((sum, view) => sum + view.overtimeHours, 0) * 100) / 100,
      week,
    };
  }

  private async views(manager: EntityManager, entries: TimeClockEntry[]): Promise<TimeClockEntryView[]> {
    return (await this.figured(manager, entries)).map(({ entry, ...detail }) =>
      TimeClockEntryView.of(entry, detail),
    );
  }

  /**
   * These shifts with their breaks, edits, job, wage, and figures computed over the whole weeks they lie in
   * (overtime depends on the person's other shifts of the day and week).
   */
  private async figured(
    manager: EntityManager,
    entries: TimeClockEntry[],
  ): Promise<Array<ShiftDetail & { entry: TimeClockEntry }>> {
    if (entries.length === 0) return [];
    const now = this.clock.now();
    const timeZone = this.profile.timezone;
    const userIds = [...new Set(entries.map((entry) => entry.userId))];
    const times = entries.map((entry) => entry.clockedInAt.getTime());
    const context = await manager.find(TimeClockEntry, {
      where: {
        userId: In(userIds),
        clockedInAt: Between(
          new Date(Math.min(...times) - 8 * DAY_MS),
          new Date(Math.max(...times) + DAY_MS),
        ),
      },
    });
    const shifts = new Map(context.map((entry) => [entry.id, entry]));
    for (const entry of entries) shifts.set(entry.id, entry);
    const ids = [...shifts.keys()];
    const [breaks, edits, wages, names, profile] = await Promise.all([
      manager.find(TimeClockBreak, { where: { entryId: In(ids) }, order: { startedAt: 'ASC', id: 'ASC' } }),
      manager.find(TimeClockEdit, {
        where: { entryId: In(entries.map((entry) => entry.id)) },
        order: { editedAt: 'ASC', id: 'ASC' },
      }),
      this.jobs.wagesOf(manager, userIds),
      this.jobs.namesOf(
        manager,
        entries.flatMap((entry) => (entry.jobId ? [entry.jobId] : [])),
      ),
      manager.findOneByOrFail(RestaurantProfileRow, { id: PROFILE_ROW_ID }),
    ]);
    const breaksOf = groupBy(breaks, (pause) => pause.entryId);
    const editsOf = groupBy(edits, (edit) => edit.entryId);
    const rule: OvertimeRule = {
      dailyAfterMinutes: profile.overtimeDailyAfterMinutes,
      weeklyAfterMinutes: profile.overtimeWeeklyAfterMinutes,
    };
    const figures = shiftFigures(
      [...shifts.values()].map((entry) => ({
        id: entry.id,
        userId: entry.userId,
        start: entry.clockedInAt,
        end: entry.clockedOutAt,
        breaks: (breaksOf.get(entry.id) ?? []).map((pause) => ({
          paid: pause.paid,
          start: pause.startedAt,
          end: pause.endedAt,
        })),
      })),
      now,
      timeZone,
      rule,
      BREAK_RULES[profile.country],
    );
    return entries.map((entry) => {
      const shiftFigures = figures.get(entry.id)!;
      return {
        entry,
        job: entry.jobId ? (names.get(entry.jobId) ?? null) : null,
        wage: wageOn(wages.get(entry.userId) ?? new Map<string, never[]>(), entry.jobId, shiftFigures.day),
        breaks: breaksOf.get(entry.id) ?? [],
        edits: editsOf.get(entry.id) ?? [],
        figures: shiftFigures,
      };
    });
  }

  /**
   * Time worked by each staff member within [from, to), summed by the database: a shift that crosses a bound counts
   * only its part inside, and an open one counts up to now. Staff who did not work then are absent.
   */
  async hoursWorkedByUser(from: Date, to: Date): Promise<HoursWorked[]> {
    const now = this.clock.now();
    const until = to < now ? to : now;
    if (until <= from) return [];
    const rows = await hoursWorkedQuery(this.database.reader, this.database.kind, from, until).getRawMany<{
      userId: string;
      seconds: string | number;
    }>();
    return rows.map((row) => {
      const workedSeconds = Math.round(Number(row.seconds));
      return { userId: row.userId, workedSeconds, hours: hoursOf(workedSeconds) };
    });
  }
}
