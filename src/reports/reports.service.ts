import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { BusinessCalendar } from '../orders/business-calendar';
import { localTimeLabel } from '../common/time/wall-clock';
import { addDays } from '../orders/business-day';
import { ppmToPercent } from '../money';
import { PaymentMethodKind } from '../payments/payment.entities';
import { ShiftsService } from '../shifts/shifts.service';
import { hoursOf } from '../time-clock/dto/time-clock.views';
import { TimeClockService } from '../time-clock/time-clock.service';
import {
  MAX_HOURLY_REPORT_DAYS,
  MAX_REPORT_DAYS,
  ReportQuery,
  SalesGrouping,
  SalesReportQuery,
} from './dto/report.inputs';
import {
  AdjustmentFiguresView,
  DayReportView,
  DiscountsAndVoidsReportView,
  KitchenReportView,
  PaymentFiguresView,
  PaymentMethodSalesView,
  PaymentMethodsReportView,
  PrepTimesView,
  ReportPeriodView,
  SalesReportView,
  SalesRowView,
  ShiftReportView,
  StaffReportView,
} from './dto/report.views';
import { DishesReportView, DishSalesView } from './dto/dish-report.views';
import { periodOf, reportPeriod } from './report-period';
import { ReportQueries } from './report-queries';
import { TaxReportView } from './dto/tax-report.views';
import { TaxReportQueries, taxTotals } from './tax-report-queries';
import type { MethodSums, PrepTimeSums, WaiterSums } from './report-sums';
import { ChannelSalesQueries } from './channel-sales-queries';
import { PriceRuleReportQueries } from './price-rule-report-queries';
import { average, NO_SALES, salesFigures, sumSalesFigures } from './sales-figures';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

const HOUR_MS = 3_600_000;

/** The reports, over ranges of business days; every figure comes summed from the database (ReportQueries). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly queries: ReportQueries,
    private readonly taxQueries: TaxReportQueries,
    private readonly channelSales: ChannelSalesQueries,
    private readonly priceRules: PriceRuleReportQueries,
    private readonly timeClock: TimeClockService,
    private readonly shifts: ShiftsService,
    private readonly calendar: BusinessCalendar,
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
    private readonly clock: Clock,
  ) {}

  async sales(query: SalesReportQuery): Promise<SalesReportView> {
    const groupBy = query.groupBy ?? 'day';
    const period = this.period(query, groupBy === 'hour' ? MAX_HOURLY_REPORT_DAYS : MAX_REPORT_DAYS);
    const rows = await this.salesRows(groupBy, period);
    return { period, groupBy, rows, totals: sumSalesFigures(rows) };
  }

  async taxes(query: ReportQuery): Promise<TaxReportView> {
    const period = this.period(query);
    const rows = await this.taxQueries.rows(period);
    return { period, rows, totals: taxTotals(rows) };
  }

  async dishes(query: ReportQuery): Promise<DishesReportView> {
    const period = this.period(query);
    const dishes = new Map<string, DishSalesView>();
    const [dishRows, modifiers] = await Promise.all([
      this.queries.dishes(period),
      this.queries.modifiers(period),
    ]);
    for (const row of dishRows) {
      let dish = dishes.get(row.dishId);
      if (!dish) {
        dish = {
          dishId: row.dishId,
          name: row.name,
          quantity: 0,
          revenue: 0,
          priceRuleDiscount: 0,
          variations: [],
        };
        dishes.set(row.dishId, dish);
      }
      dish.quantity += row.quantity;
      dish.revenue += row.revenue;
      dish.priceRuleDiscount += row.priceRuleDiscount;
      dish.variations.push({
        variationId: row.variationId,
        name: row.variationName,
        quantity: row.quantity,
        revenue: row.revenue,
        priceRuleDiscount: row.priceRuleDiscount,
      });
    }
    const sorted = [...dishes.values()].sort(byRevenueThenName);
    for (const dish of sorted) dish.variations.sort(byRevenueThenName);
    const totals = sumAll(
      sorted.map(({ quantity, revenue, priceRuleDiscount }) => ({ quantity, revenue, priceRuleDiscount })),
      { quantity: 0, revenue: 0, priceRuleDiscount: 0 },
    );
    return {
      period,
      dishes: sorted,
      modifiers: modifiers.sort(byRevenueThenName),
      totals,
      itemSales: totals.revenue + modifiers.reduce((sum, modifier) => sum + modifier.revenue, 0),
    };
  }

  /**
   * Waiters by the orders they served, and everyone by the hours they clocked in within the period: staff who
   * only clocked in (the kitchen, say) have rows with no orders.
   */
  async staff(query: ReportQuery): Promise<StaffReportView> {
    const period = this.period(query);
    const [waiters, hours] = await Promise.all([
      this.queries.waiters(period),
      this.timeClock.hoursWorkedByUser(new Date(period.start), new Date(period.end)),
    ]);
    const secondsOf = new Map(hours.map((worked) => [worked.userId, worked.workedSeconds]));
    const withOrders = new Set(waiters.map((row) => row.waiterId));
    const clockedOnly = hours.filter((worked) => !withOrders.has(worked.userId));
    const names = await this.queries.staffNames(clockedOnly.map((worked) => worked.userId));
    const rows: WaiterSums[] = [
      ...waiters,
      ...clockedOnly.map(({ userId }) => ({
        waiterId: userId,
        displayName: names.get(userId) ?? null,
        orders: 0,
        revenue: 0,
        tips: 0,
      })),
    ];
    const staff = rows
      .map((row) => ({
        ...row,
        averageTicket: average(row.revenue, row.orders),
        hoursWorked: hoursOf(row.waiterId === null ? 0 : (secondsOf.get(row.waiterId) ?? 0)),
      }))
      .sort(byRevenueThenName);
    const totals = sumAll(
      waiters.map(({ orders, revenue, tips }) => ({ orders, revenue, tips })),
      { orders: 0, revenue: 0, tips: 0 },
    );
    const workedSeconds = hours.reduce((sum, worked) => sum + worked.workedSeconds, 0);
    return {
      period,
      staff,
      totals: {
        ...totals,
        averageTicket: average(totals.revenue, totals.orders),
        hoursWorked: hoursOf(workedSeconds),
      },
    };
  }

  async paymentMethods(query: ReportQuery): Promise<PaymentMethodsReportView> {
    const period = this.period(query);
    const methods = (await this.queries.methods(period)).map(methodView);
    return { period, methods, totals: paymentTotals(methods) };
  }

  async kitchen(query: ReportQuery): Promise<KitchenReportView> {
    const period = this.period(query);
    const [stations, dishes] = await Promise.all([
      this.queries.prepTimes(period, 'station'),
      this.queries.prepTimes(period, 'dish'),
    ]);
    return {
      period,
      stations: stations
        .map((row) => ({ stationId: row.key, name: row.name, ...prepTimes(row) }))
        .sort(byName),
      dishes: dishes.map((row) => ({ dishId: row.key!, name: row.name!, ...prepTimes(row) })).sort(byName),
    };
  }

  async discountsAndVoids(query: ReportQuery): Promise<DiscountsAndVoidsReportView> {
    const period = this.period(query);
    const [byStaff, discounts, voids, priceRules] = await Promise.all([
      this.queries.adjustmentsByStaff(period),
      this.queries.discountEntries(period),
      this.queries.voidEntries(period),
      this.priceRules.byRule(period),
    ]);
    const names = await this.queries.staffNames([
      ...byStaff.map((row) => row.staffId),
      ...discounts.map((entry) => entry.appliedBy),
      ...voids.map((entry) => entry.voidedBy),
    ]);
    const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
    return {
      period,
      byStaff: byStaff
        .map((row) => ({ ...row, displayName: nameOf(row.staffId) }))
        .sort((a, b) => b.discountAmount + b.voidedValue - (a.discountAmount + a.voidedValue)),
      discounts: discounts.map(({ storedValue, ...entry }) => ({
        ...entry,
        value: entry.kind === 'percent' ? ppmToPercent(storedValue) : storedValue,
        appliedByName: nameOf(entry.appliedBy),
      })),
      voids: voids.map((entry) => ({
        ...entry,
        voidedByName: nameOf(entry.voidedBy),
        voidedAt: entry.voidedAt?.toISOString() ?? null,
      })),
      priceRules,
      totals: adjustmentTotals(byStaff),
      priceRuleDiscount: priceRules.reduce((sum, rule) => sum + rule.priceRuleDiscount, 0),
    };
  }

  /**
   * Everything about one business day: the X report while it is open, and what the Z report stores once it is
   * closed. Orders count on their business day, payments and refunds on the day they were made in.
   */
  async dayReport(businessDay: string): Promise<DayReportView> {
    const period = this.periodOf(businessDay, businessDay);
    const [sales, methodSums, adjustments, statuses, cashDrawers, taxes] = await Promise.all([
      this.queries.salesByDay(period),
      this.queries.methods(period),
      this.queries.adjustmentsByStaff(period),
      this.queries.ordersByStatus(businessDay),
      this.shifts.shiftsOfBusinessDay(businessDay),
      this.taxQueries.rows(period),
    ]);
    const payments = methodSums.map(methodView);
    const totals = paymentTotals(payments);
    const cash = sumAll(
      payments
        .filter((method) => method.kind === PaymentMethodKind.Cash)
        .map((method) => ({ in: method.received, out: method.change + method.refunded })),
      { in: 0, out: 0 },
    );
    const open = statuses.filter((row) => row.status !== 'closed' && row.status !== 'cancelled');
    return {
      businessDay,
      period,
      sales: salesFigures(sales.get(businessDay) ?? NO_SALES),
      payments,
      paymentTotals: totals,
      cash: { ...cash, net: cash.in - cash.out },
      adjustments: adjustmentTotals(adjustments),
      refunds: { count: totals.refunds, amount: totals.refunded },
      cancelledOrders: statuses.find((row) => row.status === 'cancelled')?.orders ?? 0,
      openOrders: sumAll(
        open.map(({ orders, total, paid, due }) => ({ count: orders, total, paid, due })),
        { count: 0, total: 0, paid: 0, due: 0 },
      ),
      cashDrawers,
      taxes,
    };
  }

  /** The X report: the open business day so far. */
  async shift(): Promise<ShiftReportView> {
    const generatedAt = this.clock.now();
    const report = await this.dayReport(this.calendar.openDayAt(generatedAt));
    return { ...report, generatedAt: generatedAt.toISOString() };
  }

  private period(query: ReportQuery, maxDays = MAX_REPORT_DAYS): ReportPeriodView {
    return reportPeriod(this.calendar, this.restaurant.currency, query, maxDays);
  }

  private periodOf(from: string, to: string): ReportPeriodView {
    return periodOf(this.calendar, this.restaurant.currency, from, to);
  }

  private salesRows(groupBy: SalesGrouping, period: ReportPeriodView): Promise<SalesRowView[]> {
    if (groupBy === 'channel') return this.channelSales.rows(period);
    return groupBy === 'day' ? this.dailyRows(period) : this.hourlyRows(period);
  }

  private async dailyRows(period: ReportPeriodView): Promise<SalesRowView[]> {
    const sums = await this.queries.salesByDay(period);
    const rows: SalesRowView[] = [];
    for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
      rows.push({
        period: day,
        businessDay: day,
        start: this.calendar.startOf(day).toISOString(),
        end: this.calendar.startOf(addDays(day, 1)).toISOString(),
        ...salesFigures(sums.get(day) ?? NO_SALES),
      });
    }
    return rows;
  }

  /** Every local hour of the period: steps of an hour from the first day's start, so 23 or 25 on DST nights. */
  private async hourlyRows(period: ReportPeriodView): Promise<SalesRowView[]> {
    const start = new Date(period.start);
    const endMs = Date.parse(period.end);
    const sums = await this.queries.salesByHour(period, start);
    const rows: SalesRowView[] = [];
    for (let hour = 0; start.getTime() + hour * HOUR_MS < endMs; hour++) {
      const hourStart = new Date(start.getTime() + hour * HOUR_MS);
      rows.push({
        period: localTimeLabel(hourStart, this.calendar.timeZone),
        businessDay: this.calendar.dayOf(hourStart),
        start: hourStart.toISOString(),
        end: new Date(Math.min(hourStart.getTime() + HOUR_MS, endMs)).toISOString(),
        ...salesFigures(sums.get(hour) ?? NO_SALES),
      });
    }
    return rows;
  }
}

function methodView(sums: MethodSums): PaymentMethodSalesView {
  return { ...sums, net: sums.received - sums.refunded - sums.change - sums.tips };
}

function paymentTotals(methods: PaymentMethodSalesView[]): PaymentFiguresView {
  return sumAll(
    methods.map(({ payments, received, refunds, refunded, change, tips, net }) => ({
      payments,
      received,
      refunds,
      refunded,
      change,
      tips,
      net,
    })),
    { payments: 0, received: 0, refunds: 0, refunded: 0, change: 0, tips: 0, net: 0 },
  );
}

function adjustmentTotals(rows: AdjustmentFiguresView[]): AdjustmentFiguresView {
  return sumAll(
    rows.map(({ discounts, discountAmount, voids, voidedQuantity, voidedValue }) => ({
      discounts,
      discountAmount,
      voids,
      voidedQuantity,
      voidedValue,
    })),
    { discounts: 0, discountAmount: 0, voids: 0, voidedQuantity: 0, voidedValue: 0 },
  );
}

function prepTimes(row: PrepTimeSums): PrepTimesView {
  return {
    items: row.items,
    averageMs: average(row.totalMs, row.items),
    p50Ms: row.p50Ms,
    p90Ms: row.p90Ms,
  };
}

/** Field-by-field sums of rows already aggregated by the database (a few per day, method or person). */
function sumAll<K extends string>(
  rows: ReadonlyArray<Record<K, number>>,
  zero: Readonly<Record<K, number>>,
): Record<K, number> {
  const totals: Record<K, number> = { ...zero };
  for (const row of rows) {
    for (const key of Object.keys(zero) as K[]) totals[key] += row[key];
  }
  return totals;
}

function byRevenueThenName<T extends { revenue: number; name?: string | null; displayName?: string | null }>(
  a: T,
  b: T,
): number {
  return (
    b.revenue - a.revenue || (a.name ?? a.displayName ?? '').localeCompare(b.name ?? b.displayName ?? '')
  );
}

function byName<T extends { name: string | null }>(a: T, b: T): number {
  if (a.name === null || b.name === null) return a.name === null ? (b.name === null ? 0 : 1) : -1;
  return a.name.localeCompare(b.name);
}
