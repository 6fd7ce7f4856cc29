import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { GiftCard, GiftCardActivity, GiftCardActivityType } from '../guests/gift-cards/gift-card.entities';
import { BusinessCalendar } from '../orders/business-calendar';
import { PaymentMethod, PaymentMethodKind } from '../payments/payment.entities';
import { ReportColumn, ReportTable } from './csv';
import { GiftCardReportView } from './dto/gift-card-report.view';
import { ReportQuery } from './dto/report.inputs';
import { reportPeriod } from './report-period';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

/** The gift-card liability over a period: four aggregate statements over the ledger's time index. */
@Injectable()
export class GiftCardReport {
  constructor(
    private readonly database: Database,
    private readonly calendar: BusinessCalendar,
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
  ) {}

  async build(query: ReportQuery): Promise<GiftCardReportView> {
    const period = reportPeriod(this.calendar, this.restaurant.currency, query);
    const [start, end] = [new Date(period.start), new Date(period.end)];
    const [opening, sums, sales, onExpired] = await Promise.all([
      this.outstandingBefore(start),
      this.sumsByType(start, end),
      this.salesByMethod(start, end),
      this.outstandingOnExpiredCards(end),
    ]);
    const soldForMoney = sales.reduce((total, method) => total + method.amount, 0);
    const sold = sums.activate.amount + sums.load.amount;
    const closing =
      opening + sold + sums.redeem.amount + sums.refund.amount + sums.void.amount + sums.adjust.amount;
    return {
      period,
      openingOutstanding: opening,
      cardsIssued: sums.activate.count,
      activated: sums.activate.amount,
      loaded: sums.load.amount,
      sold,
      soldForMoney,
      given: sold - soldForMoney,
      redeemed: -sums.redeem.amount,
      refunded: sums.refund.amount,
      voided: -sums.void.amount,
      adjusted: sums.adjust.amount,
      closingOutstanding: closing,
      outstandingOnExpiredCards: onExpired,
      sales,
    };
  }

  private async outstandingBefore(instant: Date): Promise<number> {
    const row = await this.database.reader
      .createQueryBuilder(GiftCardActivity, 'a')
      .select('COALESCE(SUM(a.amount), 0)', 'amount')
      .where('a.at < :instant', { instant })
      .getRawOne<{ amount: string | number }>();
    return Number(row?.amount ?? 0);
  }

  private async sumsByType(
    start: Date,
    end: Date,
  ): Promise<Record<GiftCardActivityType, { amount: number; count: number }>> {
    const rows = await this.database.reader
      .createQueryBuilder(GiftCardActivity, 'a')
      .select('a.type', 'type')
      .addSelect('COALESCE(SUM(a.amount), 0)', 'amount')
      .addSelect('COUNT(*)', 'count')
      .where('a.at >= :start AND a.at < :end', { start, end })
      .groupBy('a.type')
      .getRawMany<{ type: GiftCardActivityType; amount: string | number; count: string | number }>();
    const sums = Object.fromEntries(
      Object.values(GiftCardActivityType).map((type) => [type, { amount: 0, count: 0 }]),
    ) as Record<GiftCardActivityType, { amount: number; count: number }>;
    for (const row of rows) sums[row.type] = { amount: Number(row.amount), count: Number(row.count) };
    return sums;
  }

  private async salesByMethod(start: Date, end: Date): Promise<GiftCardReportView['sales']> {
    const rows = await this.database.reader
      .createQueryBuilder(GiftCardActivity, 'a')
      .innerJoin(PaymentMethod, 'm', 'm.id = a.saleMethodId')
      .select('m.id', 'methodId')
      .addSelect('m.name', 'name')
      .addSelect('m.kind', 'kind')
      .addSelect('COUNT(*)', 'count')
      .addSelect('COALESCE(SUM(a.amount), 0)', 'amount')
      .where('a.at >= :start AND a.at < :end', { start, end })
      .groupBy('m.id')
      .addGroupBy('m.name')
      .addGroupBy('m.kind')
      .orderBy('m.name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getRawMany<{
        methodId: string;
        name: string;
        kind: PaymentMethodKind;
        count: string;
        amount: string;
      }>();
    return rows.map((row) => ({ ...row, count: Number(row.count), amount: Number(row.amount) }));
  }

  /** What cards that had expired by `end` held then. */
  private async outstandingOnExpiredCards(end: Date): Promise<number> {
    const row = await this.database.reader
      .createQueryBuilder(GiftCardActivity, 'a')
      .innerJoin(GiftCard, 'c', 'c.id = a.giftCardId')
      .select('COALESCE(SUM(a.amount), 0)', 'amount')
      .where('a.at < :end AND c.expiresAt <= :end', { end })
      .getRawOne<{ amount: string | number }>();
    return Number(row?.amount ?? 0);
  }
}

interface FigureRow {
  figure: string;
  name: string | null;
  value: number;
  money: boolean;
}

/** Every figure's name in the back office's words: the view's numeric fields and the per-method sales rows. */
const FIGURE_WORDS = Object.fromEntries(
  [
    'openingOutstanding',
    'cardsIssued',
    'activated',
    'loaded',
    'sold',
    'soldForMoney',
    'given',
    'redeemed',
    'refunded',
    'voided',
    'adjusted',
    'closingOutstanding',
    'outstandingOnExpiredCards',
    'sales',
    'salesCount',
  ].map((figure) => [figure, `reportsScreens.reports.giftCardFigures.${figure}`]),
);

const COLUMNS: ReadonlyArray<ReportColumn<FigureRow>> = [
  {
    header: 'figure',
    label: 'reportsScreens.reports.columns.figure',
    value: (row) => row.figure,
    words: FIGURE_WORDS,
  },
  { header: 'name', label: 'reportsScreens.reports.columns.method', value: (row) => row.name },
  {
    header: 'value',
    label: 'reportsScreens.reports.columns.amount',
    value: (row) => row.value,
    money: (row) => row.money,
    kind: 'count',
  },
];

/** One figure a row, then one row per method's sales (amount, and count as `salesCount`). */
export function giftCardReportTable(view: GiftCardReportView): ReportTable<FigureRow> {
  const figures: FigureRow[] = Object.entries(view)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([figure, value]) => ({ figure, name: null, value, money: figure !== 'cardsIssued' }));
  const sales = view.sales.flatMap((method) => [
    { figure: 'sales', name: method.name, value: method.amount, money: true },
    { figure: 'salesCount', name: method.name, value: method.count, money: false },
  ]);
  return { columns: COLUMNS, rows: [...figures, ...sales], currency: view.period.currency };
}
