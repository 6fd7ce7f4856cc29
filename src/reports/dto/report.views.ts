import { ApiProperty } from '@nestjs/swagger';
import { PaymentMethodKind } from '../../payments/payment.entities';
import { ShiftView } from '../../shifts/dto/shift.view';
import { SALES_GROUPINGS, SalesGrouping } from './report.inputs';
import { TaxReportRowView } from './tax-figures.views';

export const MINOR = 'Minor units.';
export const NAME_AS_ORDERED =
  'As copied onto the items when ordered; if it was renamed within the period, the alphabetically last name';
export const CLOSED_ONLY =
  'Orders count on their business day (the day they were opened) once they are closed; open and cancelled ' +
  'orders are not sales.';

/** The business days a report covers, and the instants they span. */
export class ReportPeriodView {
  @ApiProperty({ format: 'date', example: '2026-10-24', description: 'First business day included' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-10-25', description: 'Last business day included' })
  to!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-10-24T03:00:00.000Z',
    description: 'When the first business day started (UTC)',
  })
  start!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-10-26T04:00:00.000Z',
    description: 'When the day after the last one starts (UTC): the period is [start, end)',
  })
  end!: string;

  @ApiProperty({ example: 'Europe/Berlin', description: "The restaurant's time zone" }) timeZone!: string;
  @ApiProperty({ example: '05:00', description: 'BUSINESS_DAY_STARTS_AT' }) businessDayStartsAt!: string;
  @ApiProperty({ example: 'EUR', description: "The restaurant's currency, for the formatted CSV columns" })
  currency!: string;
}

/**
 * A period's sales. Net means before tax and gross means with tax, as in the tax report: salesExclTax is the tax
 * report's net total, salesInclTax its gross total.
 */
export class SalesFiguresView {
  @ApiProperty({ example: 42, description: `Closed orders. ${CLOSED_ONLY}` }) orders!: number;
  @ApiProperty({
    example: 98000,
    description:
      'Item sales: the live items at their prices as ordered (modifiers included, price rules applied), before ' +
      "order discounts; with tax when prices include it, without when they exclude it. Equals /reports/dishes' " +
      `itemSales. (Formerly \`gross\`: see docs/api.md, Changes.) ${MINOR}`,
  })
  itemSales!: number;
  @ApiProperty({ example: 4000, description: `Order discounts. ${MINOR}` }) discounts!: number;
  @ApiProperty({ example: 2500, description: `Service charge (dine-in). ${MINOR}` }) serviceCharge!: number;
  @ApiProperty({
    example: 1000,
    description: `Refunded on these orders, whenever refunded; tax included. ${MINOR}`,
  })
  refunds!: number;
  @ApiProperty({
    example: 15000,
    description: `Tax in salesInclTax: the tax report's tax total. ${MINOR}`,
  })
  tax!: number;
  @ApiProperty({
    example: 80500,
    description:
      'Net sales, before tax: salesInclTax - tax, i.e. item sales less discounts, with the service charge, less ' +
      `refunds, all without tax; tips excluded. The tax report's net total. ${MINOR}`,
  })
  salesExclTax!: number;
  @ApiProperty({
    example: 95500,
    description:
      'Gross sales, tax included: what the guests paid for these orders and kept paid, i.e. the order totals ' +
      'less refunds (itemSales - discounts + serviceCharge (+ tax when prices exclude it) - refunds); tips and ' +
      "change excluded. The tax report's gross total. When every order is settled on its business day, a day's " +
      "salesInclTax equals the payment-methods report's net summed over methods. (Formerly `netSales`: see docs/api.md, Changes.) " +
      MINOR,
  })
  salesInclTax!: number;
  @ApiProperty({ example: 3000, description: `Tips given with the payments of these orders. ${MINOR}` })
  tips!: number;
  @ApiProperty({
    example: 2274,
    description: `salesInclTax / orders (tax included), rounded half up; 0 without orders. ${MINOR}`,
  })
  averageTicket!: number;
}

export class SalesRowView extends SalesFiguresView {
  @ApiProperty({
    example: '2026-10-25T02:00+01:00',
    description:
      'The period: a business day (YYYY-MM-DD), or a local hour with its UTC offset (YYYY-MM-DDTHH:mm±hh:mm), ' +
      'so the two 02:00 hours of a fall-back night differ; by channel, `own` for the restaurant’s own orders ' +
      '(dine-in, takeaway and delivery taken here or in its own shop) or the channel’s code',
  })
  period!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    example: '2026-10-24',
    description: 'The business day the period belongs to; null on channel rows, which span the whole period',
  })
  businessDay!: string | null;

  @ApiProperty({ format: 'date-time', description: 'Start of the period (UTC)' }) start!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the period (UTC), exclusive' }) end!: string;
}

export class SalesReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({ enum: SALES_GROUPINGS }) groupBy!: SalesGrouping;
  @ApiProperty({
    type: [SalesRowView],
    description:
      'Every business day or local hour of the period, in time order, empty ones included. An order counts in ' +
      'the hour it was opened in. By channel: `own`, then every channel by code (those without sales too, and ' +
      'any code that sold in the period), whose figures add up to the ungrouped totals.',
  })
  rows!: SalesRowView[];
  @ApiProperty({ type: SalesFiguresView }) totals!: SalesFiguresView;
}

export class StaffFiguresView {
  @ApiProperty({ example: 20, description: `Closed orders. ${CLOSED_ONLY}` }) orders!: number;
  @ApiProperty({
    example: 45000,
    description: `Their salesInclTax (gross, tax included; see /reports/sales). ${MINOR}`,
  })
  revenue!: number;
  @ApiProperty({ example: 2250, description: `revenue / orders, rounded half up. ${MINOR}` })
  averageTicket!: number;
  @ApiProperty({ example: 1500, description: `Tips on these orders. ${MINOR}` }) tips!: number;
  @ApiProperty({
    example: 7.5,
    format: 'double',
    description:
      'Hours clocked in (POST /time-clock/in and out) within the period, two decimals; a shift still open ' +
      'counts up to now',
  })
  hoursWorked!: number;
}

export class StaffSalesView extends StaffFiguresView {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description:
      'The order’s waiter, or a staff member who only clocked in; null for orders without one (QR and API orders)',
  })
  waiterId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Anna' }) displayName!: string | null;
}

export class StaffReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({ type: [StaffSalesView], description: 'Per waiter, most revenue first' })
  staff!: StaffSalesView[];
  @ApiProperty({ type: StaffFiguresView }) totals!: StaffFiguresView;
}

export class PaymentFiguresView {
  @ApiProperty({ example: 30, description: 'Payments taken' }) payments!: number;
  @ApiProperty({
    example: 52000,
    description: `Received with them: the part of the bill, cash tendered beyond it (change) and tips. ${MINOR}`,
  })
  received!: number;
  @ApiProperty({ example: 1, description: 'Refunds made' }) refunds!: number;
  @ApiProperty({ example: 1000, description: `Refunded. ${MINOR}` }) refunded!: number;
  @ApiProperty({ example: 500, description: `Change given back. ${MINOR}` }) change!: number;
  @ApiProperty({ example: 1500, description: `Tips received. ${MINOR}` }) tips!: number;
  @ApiProperty({
    example: 49000,
    description: `received - refunded - change - tips: what was paid towards bills and kept. ${MINOR}`,
  })
  net!: number;
}

export class PaymentMethodSalesView extends PaymentFiguresView {
  @ApiProperty({ format: 'uuid' }) methodId!: string;
  @ApiProperty({ example: 'Cash' }) name!: string;
  @ApiProperty({ enum: PaymentMethodKind, enumName: 'PaymentMethodKind' }) kind!: PaymentMethodKind;
}

export class PaymentMethodsReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({
    type: [PaymentMethodSalesView],
    description:
      'Per method that moved money in the period. Payments and refunds count on the business day in which ' +
      'they were made (what a cash drawer needs), not on their order’s day.',
  })
  methods!: PaymentMethodSalesView[];
  @ApiProperty({ type: PaymentFiguresView }) totals!: PaymentFiguresView;
}

export class PrepTimesView {
  @ApiProperty({ example: 120, description: 'Items that went from fired to ready' }) items!: number;
  @ApiProperty({ example: 540000, description: 'Mean of readyAt - firedAt, milliseconds, rounded' })
  averageMs!: number;
  @ApiProperty({ example: 480000, description: 'Median (nearest rank), milliseconds' }) p50Ms!: number;
  @ApiProperty({ example: 900000, description: '90th percentile (nearest rank), milliseconds' })
  p90Ms!: number;
}

export class StationPrepTimesView extends PrepTimesView {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) stationId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Grill',
    description: 'null once the station is gone',
  })
  name!: string | null;
}

export class DishPrepTimesView extends PrepTimesView {
  @ApiProperty({ format: 'uuid' }) dishId!: string;
  @ApiProperty({ example: 'Margherita' }) name!: string;
}

export class KitchenReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({
    type: [StationPrepTimesView],
    description:
      'Per station: every item of the period’s orders (any status) with both firedAt and readyAt, by its ' +
      'order’s business day',
  })
  stations!: StationPrepTimesView[];
  @ApiProperty({ type: [DishPrepTimesView], description: 'The same items per dish' })
  dishes!: DishPrepTimesView[];
}

export class DiscountEntryView {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 17 }) orderNumber!: number;
  @ApiProperty({ format: 'date' }) businessDay!: string;
  @ApiProperty({ enum: ['percent', 'amount'] }) kind!: 'percent' | 'amount';
  @ApiProperty({
    example: 10,
    format: 'double',
    description: 'A percentage (12.5) or an amount in minor units',
  })
  value!: number;
  @ApiProperty({ example: 1200, description: `The discount on the order now. ${MINOR}` }) amount!: number;
  @ApiProperty({ example: 'regular guest' }) reason!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Who applied it; null for discounts applied before this was recorded',
  })
  appliedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Maria' }) appliedByName!: string | null;
}

export class VoidEntryView {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 17 }) orderNumber!: number;
  @ApiProperty({ format: 'date' }) businessDay!: string;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ format: 'uuid' }) dishId!: string;
  @ApiProperty({ example: 'Margherita' }) name!: string;
  @ApiProperty({ example: 'Large' }) variationName!: string;
  @ApiProperty({ example: 1 }) quantity!: number;
  @ApiProperty({
    example: 1250,
    description: `(unitPrice + the modifiers' priceDeltas) × quantity. ${MINOR}`,
  })
  value!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why; null when a new item was removed before the kitchen started it',
  })
  reason!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Who voided it' })
  voidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Maria' }) voidedByName!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) voidedAt!: string | null;
}

export class AdjustmentFiguresView {
  @ApiProperty({ example: 3 }) discounts!: number;
  @ApiProperty({ example: 3600, description: MINOR }) discountAmount!: number;
  @ApiProperty({ example: 2, description: 'Items voided' }) voids!: number;
  @ApiProperty({ example: 3, description: 'Units voided' }) voidedQuantity!: number;
  @ApiProperty({ example: 2500, description: MINOR }) voidedValue!: number;
}

export class StaffAdjustmentsView extends AdjustmentFiguresView {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Who applied or voided' })
  staffId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Maria' }) displayName!: string | null;
}

/** What one price rule took off the lines it priced: the happy hour's effect, apart from staff discounts. */
export class PriceRuleDiscountView {
  @ApiProperty({ format: 'uuid' }) priceRuleId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Happy hour', description: 'null once deleted' })
  name!: string | null;
  @ApiProperty({ example: 4, description: 'Order lines it priced' }) lines!: number;
  @ApiProperty({ example: 6, description: 'Units on those lines' }) quantity!: number;
  @ApiProperty({
    example: 1650,
    description: `(listPrice - unitPrice) × quantity over those lines. ${MINOR}`,
  })
  priceRuleDiscount!: number;
}

export class DiscountsAndVoidsReportView {
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({ type: [StaffAdjustmentsView], description: 'Per staff member who applied or voided' })
  byStaff!: StaffAdjustmentsView[];
  @ApiProperty({
    type: [DiscountEntryView],
    description: 'Every discount on the period’s orders that are not cancelled, by business day and number',
  })
  discounts!: DiscountEntryView[];
  @ApiProperty({
    type: [VoidEntryView],
    description:
      'Every item removed or voided one by one on the period’s orders (items cancelled with their whole order ' +
      'are not voids), in the order they were voided',
  })
  voids!: VoidEntryView[];
  @ApiProperty({
    type: [PriceRuleDiscountView],
    description:
      'Per price rule, most taken off first: the live items of the period’s closed orders it priced (as ' +
      '/reports/dishes counts them). Not staff discounts: not in byStaff nor totals.',
  })
  priceRules!: PriceRuleDiscountView[];
  @ApiProperty({ type: AdjustmentFiguresView }) totals!: AdjustmentFiguresView;
  @ApiProperty({ example: 1650, description: `What price rules took off, over priceRules. ${MINOR}` })
  priceRuleDiscount!: number;
}

export class CashMovementsView {
  @ApiProperty({ description: `Received in cash-kind methods (bill part, change tendered, tips). ${MINOR}` })
  in!: number;
  @ApiProperty({ description: `Paid out of them: change and cash refunds. ${MINOR}` }) out!: number;
  @ApiProperty({ description: `in - out. ${MINOR}` }) net!: number;
}

export class RefundFiguresView {
  @ApiProperty({ example: 1 }) count!: number;
  @ApiProperty({ example: 1000, description: MINOR }) amount!: number;
}

export class OpenOrdersView {
  @ApiProperty({ example: 4, description: 'Orders of the day not closed nor cancelled (pending included)' })
  count!: number;
  @ApiProperty({ example: 8800, description: `Their totals. ${MINOR}` }) total!: number;
  @ApiProperty({ example: 2000, description: `Paid on them so far. ${MINOR}` }) paid!: number;
  @ApiProperty({ example: 6800, description: `Still due on them. ${MINOR}` }) due!: number;
}

/** One business day's figures: the X report of the open day, and what a Z report stores for a closed one. */
export class DayReportView {
  @ApiProperty({ format: 'date', example: '2026-11-22' }) businessDay!: string;
  @ApiProperty({ type: ReportPeriodView }) period!: ReportPeriodView;
  @ApiProperty({ type: SalesFiguresView, description: 'As /reports/sales for the day' })
  sales!: SalesFiguresView;
  @ApiProperty({ type: [PaymentMethodSalesView], description: 'As /reports/payment-methods for the day' })
  payments!: PaymentMethodSalesView[];
  @ApiProperty({ type: PaymentFiguresView }) paymentTotals!: PaymentFiguresView;
  @ApiProperty({ type: CashMovementsView }) cash!: CashMovementsView;
  @ApiProperty({ type: AdjustmentFiguresView, description: 'As /reports/discounts-and-voids for the day' })
  adjustments!: AdjustmentFiguresView;
  @ApiProperty({ type: RefundFiguresView, description: 'Refunds made during the day, on any order' })
  refunds!: RefundFiguresView;
  @ApiProperty({ example: 1, description: 'Orders of the day that were cancelled' }) cancelledOrders!: number;
  @ApiProperty({ type: OpenOrdersView }) openOrders!: OpenOrdersView;
  @ApiProperty({
    type: [ShiftView],
    description:
      'The cash-drawer shifts that opened on the day, in opening order: float, cash movements, expected cash, and ' +
      'once closed the count and the difference',
  })
  cashDrawers!: ShiftView[];
  @ApiProperty({ type: [TaxReportRowView], description: 'As /reports/taxes for the day' })
  taxes!: TaxReportRowView[];
}

export class ShiftReportView extends DayReportView {
  @ApiProperty({ format: 'date-time', description: 'When this X report was computed' }) generatedAt!: string;
}
