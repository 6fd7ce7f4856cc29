import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Between, In, LessThan, Not } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { BusinessCalendar } from '../orders/business-calendar';
import { OrderStatus } from '../orders/order-status';
import { Order } from '../orders/order.entity';
import { writeCsv } from '../reports/csv';
import { DAY_CSV_COLUMNS, dayCsvRows, dayReportRows } from '../reports/day-report-csv';
import { ReportsService } from '../reports/reports.service';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { ShiftStatus } from '../shifts/cash-shift.entity';
import { User } from '../users/user.entity';
import { BusinessDayClose } from './business-day-close.entity';
import { CloseBusinessDayInput } from './dto/business-day.inputs';
import { BusinessDayCloseView, OpenOrdersConflictView, ZReportView } from './dto/business-day.views';
import { drawZReportPdf } from './z-report-pdf';
import type { Language } from '../i18n/languages';
import { restaurantLanguage } from '../i18n/page-i18n';
import { audienceOf } from '../event-log/event-audiences';

/** At most this many open orders are named in the refusal to close; the message gives the count. */
const OPEN_ORDERS_NAMED = 50;

/**
 * The day's close: the Z report, written once per business day and read back byte for byte. The calendar learns of
 * each close (here at start, then from `business_day.closed` on every instance's feed), so that no sale is booked on
 * a closed day.
 */
@Injectable()
export class BusinessDaysService implements OnApplicationBootstrap {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly feed: EventFeed,
    private readonly calendar: BusinessCalendar,
    private readonly reports: ReportsService,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
    private readonly restaurant: RestaurantProfile,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.feed.subscribe((event) => {
      if (event.type === EventType.BusinessDayClosed)
        this.calendar.closedUpTo(String(event.data.businessDay));
    });
    const [last] = await this.database.reader.find(BusinessDayClose, {
      select: { businessDay: true },
      order: { businessDay: 'DESC' },
      take: 1,
    });
    if (last) this.calendar.closedUpTo(last.businessDay);
  }

  /**
   * Closes a business day once nothing of it is open (orders, the cash drawer), and writes its Z report. The
   * figures are read inside the closing transaction, so the report and the checks see the same day.
   */
  async close(actor: StaffPrincipal, input: CloseBusinessDayInput): Promise<ZReportView> {
    // The day the clock is in, not the open day: closing twice before the next day starts must not close it.
    const today = this.calendar.dayOf(this.clock.now());
    const businessDay = input.businessDay ?? today;
    if (businessDay > today) {
      throw DomainError.invalidField('businessDay', `must not be after the current business day (${today})`);
    }
    return this.database.transaction(async (tx) => {
      // One close at a time, whatever the day: the second of two closes of a day finds it closed, and two days
      // closed at once take consecutive Z numbers. The unique indexes answer CONFLICT should this be bypassed.
      await this.database.serialise(tx, 'business_day_close');
      const closed = await tx.manager.findOneBy(BusinessDayClose, { businessDay });
      if (closed) {
        throw new DomainError(
          ErrorCode.Conflict,
          `Business day ${businessDay} is closed already (Z ${closed.number})`,
        );
      }
      const [openOrders, openCount] = await tx.manager.findAndCount(Order, {
        select: { id: true, number: true, status: true },
        where: { businessDay, status: Not(In([OrderStatus.Closed, OrderStatus.Cancelled])) },
        order: { number: 'ASC' },
        take: OPEN_ORDERS_NAMED,
      });
      if (openCount > 0) {
        const details: OpenOrdersConflictView = {
          openOrders: openOrders.map(({ id, number, status }) => ({ id, number, status })),
        };
        throw new DomainError(
          ErrorCode.Conflict,
          `${openCount} order(s) of ${businessDay} are still open: close or cancel them first`,
          details,
        );
      }
      const report = await this.reports.dayReport(businessDay);
      const openDrawer = report.cashDrawers.find((shift) => shift.status === ShiftStatus.Open);
      if (openDrawer) {
        throw new DomainError(
          ErrorCode.Conflict,
          `The cash drawer shift ${openDrawer.id} is still open: count and close it first`,
        );
      }
      if (report.cash.in > 0 && report.cashDrawers.length === 0 && !input.uncountedCashConfirmed) {
        throw new DomainError(
          ErrorCode.CashNotCounted,
          `Cash was taken on ${businessDay} and no drawer was counted: count one, or confirm the close (uncountedCashConfirmed)`,
        );
      }
      const last = await tx.manager
        .createQueryBuilder(BusinessDayClose, 'close')
        .select('MAX(close.number)', 'number')
        .getRawOne<{ number: number | string | null }>();
      const closer = await tx.manager.findOneBy(User, { id: actor.userId });
      const view: ZReportView = {
        businessDay,
        number: Number(last?.number ?? 0) + 1,
        closedAt: this.clock.now().toISOString(),
        closedBy: actor.userId,
        closedByName: closer?.displayName ?? null,
        report,
      };
      const row = tx.manager.create(BusinessDayClose, {
        businessDay,
        number: view.number,
        closedAt: new Date(view.closedAt),
        closedBy: actor.userId,
        reportJson: JSON.stringify(view),
        reportCsv: zReportCsv(view),
      });
      await this.database.insertRows(tx, BusinessDayClose, row);
      this.eventLog.append(tx, {
        type: EventType.BusinessDayClosed,
        data: { businessDay, number: view.number },
        audience: audienceOf(EventType.BusinessDayClosed),
      });
      await this.auditLog.record(tx, actor, {
        action: 'business_day.closed',
        entityType: 'business_day',
        entityId: businessDay,
        after: { businessDay, number: view.number, closedAt: view.closedAt },
      });
      return view;
    });
  }

  async list(query: PageQuery): Promise<Page<BusinessDayCloseView>> {
    const [rows, total] = await this.database.reader.findAndCount(BusinessDayClose, {
      select: { businessDay: true, number: true, closedAt: true, closedBy: true },
      order: { number: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    const views = rows.map(({ businessDay, number, closedAt, closedBy }) => ({
      businessDay,
      number,
      closedAt: closedAt.toISOString(),
      closedBy,
    }));
    return pageOf(views, total, query);
  }

  /**
   * The days closed from `from` to `to` (both included) in Z number order, and the last close before `from`: where
   * the period's first closing begins. Read by the DSFinV-K export.
   */
  async closesAround(from: string, to: string): Promise<{ before: DayClose | null; within: DayClose[] }> {
    const select = { businessDay: true, number: true, closedAt: true } as const;
    const within = await this.database.reader.find(BusinessDayClose, {
      select,
      where: { businessDay: Between(from, to) },
      order: { number: 'ASC' },
    });
    const [before] = await this.database.reader.find(BusinessDayClose, {
      select,
      where: { businessDay: LessThan(from) },
      order: { number: 'DESC' },
      take: 1,
    });
    const plain = ({ businessDay, number, closedAt }: BusinessDayClose): DayClose => ({
      businessDay,
      number,
      closedAt,
    });
    return { before: before ? plain(before) : null, within: within.map(plain) };
  }

  /** The Z report as a printable PDF, drawn from the JSON written at the close, in `language` or the restaurant's. */
  async zReportPdf(businessDay: string, language?: Language): Promise<Buffer> {
    const view = JSON.parse(await this.zReport(businessDay, 'json')) as ZReportView;
    const details = this.restaurant.details;
    return drawZReportPdf(view, details, language ?? restaurantLanguage(details));
  }

  /** The Z report exactly as written at the close, as JSON or CSV text. */
  async zReport(businessDay: string, format: 'json' | 'csv'): Promise<string> {
    const row = await this.database.reader.findOne(BusinessDayClose, {
      select: { businessDay: true, reportJson: format === 'json', reportCsv: format === 'csv' },
      where: { businessDay },
    });
    if (!row) throw DomainError.notFound(`Z report of ${businessDay}`);
    return format === 'json' ? row.reportJson : row.reportCsv;
  }
}

/** A closed day: its Z number and when it was closed. */
export interface DayClose {
  businessDay: string;
  number: number;
  closedAt: Date;
}

/** The Z report in the day report's long form, after a first row that says which Z it is. */
function zReportCsv(view: ZReportView): string {
  const rows = [
    ...dayCsvRows('z', view.businessDay, { number: view.number }, []),
    ...dayReportRows(view.report),
  ];
  return writeCsv(DAY_CSV_COLUMNS, rows, view.report.period.currency);
}
