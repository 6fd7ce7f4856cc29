import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventType } from '../event-log/event-type';
import { NOBODY } from '../event-log/audience';
import { LabourDayInput, MAX_LABOUR_DAYS } from '../hq/dto/labour-fact-rules';
import type { SalesFactInput } from '../hq/dto/sales-facts.inputs';
import { addDays } from '../orders/business-day';
import { BusinessCalendar } from '../orders/business-calendar';
import { NO_SALES } from '../reports/sales-figures';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { mondayOf } from '../time-clock/shift-hours';
import { SHIFT_TIMES_CHANGED, ShiftTimesChanged } from '../time-clock/time-clock-facts';
import { TimeClockService } from '../time-clock/time-clock.service';
import { WorkedShift, workedWithin } from '../time-clock/worked-shift';
import { TipQueries } from '../tips/tip-queries';
import { TIP_DAY_CHANGED } from '../tips/tip-recorder';
import { HqLinkRow } from './hq-link.entity';

/** A batch's days worked out once, whatever the number of its events naming them. */
export type LabourDayCache = Map<string, LabourDayInput>;

/**
 * A linked site's labour and tips per business day, for headquarters. The time clock says when hours worked change
 * (a clock-in or out, a break, a manager's correction) and the tips when a day's tips change; while the site is
 * linked each such change appends a `labour.changed` event naming its business days (once per transaction and
 * day range), and the sales upstream turns it into a `labour_days` fact: each day as it stands when the fact is
 * made, its hours, overtime and labour cost per job as the site's GET /reports/labour cuts them at the day's
 * bounds, and its tips as GET /reports/tips shares them. Headquarters replaces what it held of each day, so a
 * correction supersedes. Overtime of a person's later shifts of the week may move with an earlier one's change,
 * so a change of hours names the days up to the end of its week (never past today). An open shift counts up to
 * when the fact is made; its clock-out sends the day again. Costs a standalone site one read per change.
 */
@Injectable()
export class LabourDays implements OnModuleInit {
  private readonly named = new WeakMap<Tx, Set<string>>();

  constructor(
    private readonly eventLog: EventLog,
    private readonly calendar: BusinessCalendar,
    private readonly config: AppConfig,
    private readonly timeClock: TimeClockService,
    private readonly tips: TipQueries,
    private readonly restaurant: RestaurantProfile,
  ) {}

  onModuleInit(): void {
    if (this.config.role !== 'site') return;
    this.eventLog.on(SHIFT_TIMES_CHANGED, (tx, changed) => this.hoursChanged(tx, changed));
    this.eventLog.on(TIP_DAY_CHANGED, (tx, { businessDay }) => this.changed(tx, businessDay, businessDay));
  }

  private hoursChanged(tx: Tx, { from, until }: ShiftTimesChanged): Promise<void> {
    const today = this.calendar.today();
    const last = this.calendar.dayOf(until);
    // The week's later days: their overtime may have moved (a day more for a shift begun before the day starts).
    const weekEnd = addDays(mondayOf(last), 7);
    return this.changed(tx, this.calendar.dayOf(from), weekEnd < today ? weekEnd : today);
  }

  private async changed(tx: Tx, from: string, to: string): Promise<void> {
    const first = to < from ? to : from;
    const named = this.named.get(tx) ?? new Set<string>();
    this.named.set(tx, named);
    if (named.has(`${first} ${to}`)) return;
    named.add(`${first} ${to}`);
    if ((await tx.manager.count(HqLinkRow)) === 0) return;
    this.eventLog.append(tx, { type: EventType.LabourChanged, data: { from: first, to }, audience: NOBODY });
  }

  /** The `labour_days` fact of a `labour.changed` event: its days as they stand now (the last MAX_LABOUR_DAYS). */
  async factOf(tx: Tx, event: EventRecord, cache: LabourDayCache): Promise<SalesFactInput> {
    const to = String(event.data.to);
    const earliest = addDays(to, 1 - MAX_LABOUR_DAYS);
    const from = String(event.data.from) < earliest ? earliest : String(event.data.from);
    const days: LabourDayInput[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      const known = cache.get(day) ?? (await this.dayOf(tx, day));
      cache.set(day, known);
      days.push(known);
    }
    return {
      seq: event.seq,
      occurredAt: event.occurredAt.toISOString(),
      type: 'labour_days',
      businessDay: to,
      currency: this.restaurant.currency,
      channel: null,
      orderId: null,
      figures: NO_SALES,
      detail: { days },
    };
  }

  private async dayOf(tx: Tx, businessDay: string): Promise<LabourDayInput> {
    const start = this.calendar.startOf(businessDay);
    const end = this.calendar.startOf(addDays(businessDay, 1));
    const shifts = await this.timeClock.shiftsWithin(start, end, tx.manager);
    const jobs = new Map<string, LabourDayInput['jobs'][number]>();
    for (const shift of shifts) {
      const key = jobKeyOf(shift);
      const job = jobs.get(key) ?? { key, name: shift.job, workedSeconds: 0, overtimeSeconds: 0, cost: 0 };
      const worked = workedWithin(shift, start, end);
      job.workedSeconds += worked.workedSeconds;
      job.overtimeSeconds += worked.overtimeSeconds;
      job.cost += worked.cost;
      jobs.set(key, job);
    }
    return {
      businessDay,
      jobs: [...jobs.values()].sort((a, b) => a.key.localeCompare(b.key)),
      tips: await this.tips.dayTotals(businessDay),
    };
  }
}

/** A job by the site's id of it; shifts worked without one under `none`. */
const jobKeyOf = (shift: WorkedShift) => (shift.jobId ? `site:${shift.jobId}` : 'none');
