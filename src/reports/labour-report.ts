import { Injectable } from '@nestjs/common';
import { BusinessCalendar } from '../orders/business-calendar';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { hoursOf } from '../time-clock/dto/time-clock.views';
import { PersonTips, TipQueries } from '../tips/tip-queries';
import { groupBy } from '../time-clock/time-clock-queries';
import { TimeClockService } from '../time-clock/time-clock.service';
import { WorkedShift, WorkedWithin, workedWithin } from '../time-clock/worked-shift';
import { MAX_TIP_REPORT_DAYS, type ReportQuery } from './dto/report.inputs';
import type { TipReportView } from './dto/tip-report.views';
import type { LabourReportQuery } from './dto/labour-report.inputs';
import {
  LabourFiguresView,
  LabourReportView,
  LabourRowView,
  PayrollFiguresView,
  PayrollReportView,
  PayrollRowView,
} from './dto/labour-report.views';
import type { SalesRowView } from './dto/report.views';
import { reportPeriod } from './report-period';
import { ReportQueries } from './report-queries';
import { ReportsService } from './reports.service';

const NOTHING_WORKED: WorkedWithin = { workedSeconds: 0, overtimeSeconds: 0, unpaidBreakSeconds: 0, cost: 0 };

function add(sum: WorkedWithin, part: WorkedWithin): WorkedWithin {
  return {
    workedSeconds: sum.workedSeconds + part.workedSeconds,
    overtimeSeconds: sum.overtimeSeconds + part.overtimeSeconds,
    unpaidBreakSeconds: sum.unpaidBreakSeconds + part.unpaidBreakSeconds,
    cost: sum.cost + part.cost,
  };
}

/** What the shifts worked within [from, to), each counted by its part inside. */
function workedBy(shifts: readonly WorkedShift[], from: Date, to: Date): WorkedWithin {
  return shifts
    .filter((shift) => shift.start < to && shift.end > from)
    .reduce((sum, shift) => add(sum, workedWithin(shift, from, to)), NOTHING_WORKED);
}

/** Labour cost as a percentage of net sales, two decimals; none without sales. */
export function labourPercent(labourCost: number, salesExclTax: number): number | null {
  return salesExclTax > 0 ? Math.round((labourCost * 10_000) / salesExclTax) / 100 : null;
}

function labourFigures(worked: WorkedWithin, salesExclTax: number): LabourFiguresView {
  return {
    hours: hoursOf(worked.workedSeconds),
    overtimeHours: hoursOf(worked.overtimeSeconds),
    labourCost: worked.cost,
    salesExclTax,
    labourPercent: labourPercent(worked.cost, salesExclTax),
  };
}

const NO_TIPS: Omit<PersonTips, 'userId'> = {
  cardTips: 0,
  declaredTips: 0,
  givenOut: 0,
  received: 0,
  paidOut: 0,
  balance: 0,
};

function payrollFigures(
  worked: WorkedWithin,
  tips: Omit<PersonTips, 'userId'> = NO_TIPS,
): PayrollFiguresView {
  return {
    hours: hoursOf(worked.workedSeconds),
    unpaidBreakMinutes: Math.round(worked.unpaidBreakSeconds / 60),
    overtimeHours: hoursOf(worked.overtimeSeconds),
    wageCost: worked.cost,
    cardTips: tips.cardTips,
    declaredTips: tips.declaredTips,
    tipsGivenOut: tips.givenOut,
    tipsReceived: tips.received,
    tipsPaidOut: tips.paidOut,
    tipsBalance: tips.balance,
  };
}

/** Everyone's tips summed. */
function allTips(tips: readonly PersonTips[]): Omit<PersonTips, 'userId'> {
  return tips.reduce(
    (sum, person) => ({
      cardTips: sum.cardTips + person.cardTips,
      declaredTips: sum.declaredTips + person.declaredTips,
      givenOut: sum.givenOut + person.givenOut,
      received: sum.received + person.received,
      paidOut: sum.paidOut + person.paidOut,
      balance: sum.balance + person.balance,
    }),
    NO_TIPS,
  );
}

/**
 * The labour report and the payroll: the time clock's shifts (their hours and cost as the time clock counts them)
 * cut at the report's days or hours, beside the sales report's net sales of the same time.
 */
@Injectable()
export class LabourReport {
  constructor(
    private readonly reports: ReportsService,
    private readonly timeClock: TimeClockService,
    private readonly queries: ReportQueries,
    private readonly calendar: BusinessCalendar,
    private readonly restaurant: RestaurantProfile,
    private readonly tipQueries: TipQueries,
  ) {}

  async labour(query: LabourReportQuery): Promise<LabourReportView> {
    const grouping = query.groupBy ?? 'day';
    // The sales report checks the period and gives the days or hours, each with its net sales.
    const sales = await this.reports.sales({
      from: query.from,
      to: query.to,
      groupBy: grouping === 'job' ? 'day' : grouping,
    });
    const { period } = sales;
    const start = new Date(period.start);
    const end = new Date(period.end);
    const shifts = await this.timeClock.shiftsWithin(start, end);
    const netSales = sales.totals.salesExclTax;
    const rows =
      grouping === 'job'
        ? this.jobRows(shifts, start, end, netSales)
        : sales.rows.map((row) => timeRow(row, shifts));
    return { period, groupBy: grouping, rows, totals: labourFigures(workedBy(shifts, start, end), netSales) };
  }

  private jobRows(shifts: WorkedShift[], start: Date, end: Date, netSales: number): LabourRowView[] {
    return [...groupBy(shifts, (shift) => shift.jobId ?? '').values()]
      .map((worked) => ({
        period: null,
        businessDay: null,
        jobId: worked[0].jobId,
        job: worked[0].job,
        start: start.toISOString(),
        end: end.toISOString(),
        ...labourFigures(workedBy(worked, start, end), netSales),
      }))
      .sort(byName((row) => row.job));
  }

  /** Each person's hours by job and their tips (the tips module's, on their row without a job). */
  async payroll(query: ReportQuery): Promise<PayrollReportView> {
    const period = reportPeriod(this.calendar, this.restaurant.currency, query);
    const start = new Date(period.start);
    const end = new Date(period.end);
    const [shifts, tips] = await Promise.all([
      this.timeClock.shiftsWithin(start, end),
      this.tipQueries.byPerson(period.from, period.to),
    ]);
    const byPersonAndJob = groupBy(shifts, (shift) => `${shift.userId} ${shift.jobId ?? ''}`);
    const tipsOf = new Map(tips.map((person) => [person.userId, person]));
    for (const { userId } of tips) {
      if (!byPersonAndJob.has(`${userId} `)) byPersonAndJob.set(`${userId} `, []);
    }
    const names = await this.queries.staffNames([...byPersonAndJob.keys()].map((key) => key.split(' ')[0]));
    const rows: PayrollRowView[] = [...byPersonAndJob].map(([key, worked]) => {
      const [userId, jobId] = key.split(' ');
      return {
        userId,
        displayName: names.get(userId) ?? null,
        jobId: jobId || null,
        job: worked[0]?.job ?? null,
        ...payrollFigures(workedBy(worked, start, end), jobId ? NO_TIPS : tipsOf.get(userId)),
      };
    });
    // By name, then id, then job; a person's row without a job (their tips) last of theirs.
    const byPerson = byName<PayrollRowView>((row) => `${row.displayName ?? ''}\u0000${row.userId}`);
    rows.sort((a, b) => byPerson(a, b) || byName<PayrollRowView>((row) => row.job)(a, b));
    return { period, rows, totals: payrollFigures(workedBy(shifts, start, end), allTips(tips)) };
  }

  /** The tips module's shares per person and day, each day beside its kept ledger, at most 31 days. */
  async tips(query: ReportQuery): Promise<TipReportView> {
    const period = reportPeriod(this.calendar, this.restaurant.currency, query, MAX_TIP_REPORT_DAYS);
    const days = await this.tipQueries.days(period.from, period.to);
    return {
      period,
      from: period.from,
      to: period.to,
      days: days.map(({ businessDay, ledgerMatches, people }) => ({
        businessDay,
        ledgerMatches,
        people: people.map(({ userId, displayName, jobs, earned, givenOut, received, paidOut, balance }) => ({
          userId,
          displayName,
          jobs,
          earned,
          givenOut,
          received,
          paidOut,
          balance,
        })),
      })),
    };
  }
}

/** A day's or an hour's labour beside its sales. */
function timeRow(row: SalesRowView, shifts: readonly WorkedShift[]): LabourRowView {
  return {
    period: row.period,
    businessDay: row.businessDay,
    jobId: null,
    job: null,
    start: row.start,
    end: row.end,
    ...labourFigures(workedBy(shifts, new Date(row.start), new Date(row.end)), row.salesExclTax),
  };
}

/** By a name, absent ones last. */
function byName<T>(nameOf: (row: T) => string | null) {
  return (a: T, b: T): number => {
    const [first, second] = [nameOf(a), nameOf(b)];
    if (first === null || second === null) return first === null ? (second === null ? 0 : 1) : -1;
    return first.localeCompare(second);
  };
}
