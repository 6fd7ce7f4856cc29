import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { PaymentMethodKind } from '../../payments/payment.entities';
import { PaymentFiguresView } from '../../reports/dto/report.views';
import { TaxFiguresView } from '../../reports/dto/tax-figures.views';
import { HQ_MIX_GROUPINGS, HqMixGrouping } from './hq-mix-report.inputs';

const MINOR = 'Minor units of the row’s currency.';
const AS_SOLD = 'As the site’s orders copied it';

/** What a row is of: a site and a day when the report is grouped so, always one currency. */
export class HqMixKeyView {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'groupBy=site: the site; else null (the selected sites added up)',
  })
  siteId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Zur Linde, Mitte',
    description: 'The site’s name, or null',
  })
  siteName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    example: '2026-11-22',
    description: 'groupBy=day: the business day (each site’s own); else null',
  })
  businessDay!: string | null;
  @ApiProperty({
    example: 'EUR',
    description: 'The sites’ currency: figures of two currencies are never added',
  })
  currency!: string;
}

/** The period and selection a report answers for. */
export class HqMixReportScopeView {
  @ApiProperty({ format: 'date', example: '2026-11-01' }) from!: string;
  @ApiProperty({ format: 'date', example: '2026-11-30' }) to!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The site asked for, or null: every one',
  })
  siteId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The group asked for, or null' })
  groupId!: string | null;
  @ApiProperty({ enum: HQ_MIX_GROUPINGS, nullable: true, description: 'null: sites and days added up' })
  groupBy!: HqMixGrouping | null;
}

export class HqDishFiguresView {
  @ApiProperty({ example: 120, description: 'Units sold: live items of closed orders' }) quantity!: number;
  @ApiProperty({
    example: 144000,
    description: `unitPrice × quantity as ordered, before order discounts. ${MINOR}`,
  })
  revenue!: number;
  @ApiProperty({
    example: 1100,
    description: `What price rules (happy hours) took off these units. ${MINOR}`,
  })
  priceRuleDiscount!: number;
}

/** A dish and variation: what the sites' GET /reports/dishes say of it, added up. */
export class HqDishRowView extends IntersectionType(HqMixKeyView, HqDishFiguresView) {
  @ApiProperty({
    example: 'hq:burger/hq:burger-double',
    description:
      'What identifies the dish and variation, a row each: `hq:<hqKey>` for the master catalog’s (one row ' +
      'whatever it was called, and across sites), `site:<id>` for a site’s own (one row per site, even of one ' +
      'name), joined by `/`; `name:<name>/<variation>` for what a site of an older version sent',
  })
  key!: string;
  @ApiProperty({ example: 'Burger', description: `${AS_SOLD} on its latest day of the period` })
  name!: string;
  @ApiProperty({
    example: 'Double',
    description: 'The variation’s name as ordered (empty for a dish with none)',
  })
  variationName!: string;
}

/** A modifier option: what the sites' GET /reports/dishes say of it in `modifiers`, added up. */
export class HqModifierRowView extends HqMixKeyView {
  @ApiProperty({
    example: 'hq:aioli',
    description: 'What identifies the option, a row each: `hq:<hqKey>` or `site:<id>` (see the dishes’ key)',
  })
  key!: string;
  @ApiProperty({ example: 'Sauce', description: AS_SOLD }) groupName!: string;
  @ApiProperty({ example: 'Aioli', description: AS_SOLD }) name!: string;
  @ApiProperty({ example: 12, description: 'Units of the live items of closed orders that carry the option' })
  quantity!: number;
  @ApiProperty({
    example: 1800,
    description: `priceDelta × quantity as ordered, before order discounts; negative for a discounting option. ${MINOR}`,
  })
  revenue!: number;
}

export class HqDishTotalsView extends HqDishFiguresView {
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

/** GET /hq/reports/dishes: the chain's product mix. */
export class HqDishReportView extends HqMixReportScopeView {
  @ApiProperty({
    type: [HqDishRowView],
    description:
      'Per dish and variation (and site or day when grouped so) and currency, most revenue first within a site, ' +
      'day and currency. Orders count on their business day once closed; voided and cancelled items are left out; ' +
      'refunds do not change it (as at a site). Revenue is of the unit prices alone: modifiers are in `modifiers`',
  })
  dishes!: HqDishRowView[];
  @ApiProperty({
    type: [HqModifierRowView],
    description: 'Per modifier option carried by those items, likewise',
  })
  modifiers!: HqModifierRowView[];
  @ApiProperty({ type: [HqDishTotalsView], description: 'Of `dishes`, one entry per currency' })
  totals!: HqDishTotalsView[];
}

/** A payment method (by name and kind): what the sites' GET /reports/payment-methods say of it, added up. */
export class HqPaymentMethodRowView extends IntersectionType(HqMixKeyView, PaymentFiguresView) {
  @ApiProperty({
    example: 'site:5b1e2c3d-8f1e-4d3a-9c1b-2f6e8d4a7b10',
    description:
      'What identifies the method, a row each: `site:<its id>` (two sites’ methods of one name are two rows); ' +
      '`name:<name>/<kind>` for what a site of an older version sent',
  })
  key!: string;
  @ApiProperty({
    example: 'Card',
    description: 'The method’s name at the site, on its latest day of the period',
  })
  name!: string;
  @ApiProperty({ enum: PaymentMethodKind, enumName: 'PaymentMethodKind' }) kind!: PaymentMethodKind;
}

export class HqPaymentTotalsView extends PaymentFiguresView {
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

/** GET /hq/reports/payment-methods. */
export class HqPaymentMethodsReportView extends HqMixReportScopeView {
  @ApiProperty({
    type: [HqPaymentMethodRowView],
    description:
      'Per method that moved money (and site or day when grouped so) and currency, by name. Payments and refunds ' +
      'count on the business day they were made in, as at a site; an order’s payments reach headquarters with ' +
      'the order’s close (or cancellation), a refund after the close with its receipt',
  })
  methods!: HqPaymentMethodRowView[];
  @ApiProperty({ type: [HqPaymentTotalsView], description: 'One entry per currency' })
  totals!: HqPaymentTotalsView[];
}

/** A tax rate (by name and percent): what the sites' GET /reports/taxes say of it, added up. */
export class HqTaxRowView extends IntersectionType(HqMixKeyView, TaxFiguresView) {
  @ApiProperty({ example: 'VAT', description: 'The rate’s name as the orders copied it' }) name!: string;
  @ApiProperty({ example: 19, format: 'double' }) percent!: number;
}

export class HqTaxTotalsView extends TaxFiguresView {
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

/** GET /hq/reports/taxes. */
export class HqTaxReportView extends HqMixReportScopeView {
  @ApiProperty({
    type: [HqTaxRowView],
    description:
      'Per rate (and site or day when grouped so) and currency, highest percent first: closed orders on their ' +
      'business day less the refunds made after their close on theirs, as each site’s tax ledger filed them. ' +
      'Rows of no net and no tax are left out',
  })
  rows!: HqTaxRowView[];
  @ApiProperty({
    type: [HqTaxTotalsView],
    description: 'One entry per currency: net equals salesExclTax there and gross salesInclTax',
  })
  totals!: HqTaxTotalsView[];
}

/** One site's Z report as headquarters keeps it. */
export class HqZReportView {
  @ApiProperty({ format: 'date', example: '2026-11-22', description: 'The business day it closed' })
  businessDay!: string;
  @ApiProperty({ example: 17, description: 'The site’s Z number' }) number!: number;
  @ApiProperty({ format: 'date-time', description: 'When the site closed the day' }) closedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When headquarters received it' }) receivedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The Z report as the site stored it at the close and its GET /business-days/{day}/z-report answers it ' +
      '(businessDay, number, closedAt, closedBy, closedByName, report: the day report)',
  })
  report!: Record<string, unknown>;
}

/** GET /hq/sites/{id}/z-reports. */
export class HqZReportsView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ example: 'Zur Linde, Mitte' }) siteName!: string;
  @ApiProperty({ format: 'date', example: '2026-11-01' }) from!: string;
  @ApiProperty({ format: 'date', example: '2026-11-30' }) to!: string;
  @ApiProperty({
    type: [HqZReportView],
    description: 'The site’s days closed in the period whose Z reports have arrived, by business day',
  })
  items!: HqZReportView[];
}

/** One drawer shift of a site, as the site counted and closed it. */
export class HqCashShiftView {
  @ApiProperty({ format: 'uuid', description: 'The shift’s id at the site' }) shiftId!: string;
  @ApiProperty({ format: 'date', example: '2026-11-22', description: 'The business day it opened on' })
  businessDay!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ format: 'date-time', description: 'When the site closed it' }) closedAt!: string;
  @ApiProperty({ description: 'Minor units that should have been in the drawer' }) expectedCash!: number;
  @ApiProperty({ description: 'Minor units counted at the close' }) countedCash!: number;
  @ApiProperty({ description: 'countedCash - expectedCash: negative when the drawer was short' })
  difference!: number;
  @ApiProperty({ format: 'date-time', description: 'When headquarters received it' }) receivedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The shift as the site’s GET /shifts/{id} answers it (float, cash moved, movements, note)',
  })
  shift!: Record<string, unknown>;
}

/** A currency's drawer shifts in the period, summed. */
export class HqCashShiftTotalsView {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ description: 'Shifts closed' }) shifts!: number;
  @ApiProperty({ description: 'Minor units' }) expectedCash!: number;
  @ApiProperty({ description: 'Minor units' }) countedCash!: number;
  @ApiProperty({ description: 'Minor units: the drawers’ overs and shorts together' }) difference!: number;
}

/** GET /hq/sites/{id}/cash-shifts. */
export class HqCashShiftsView {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty({ example: 'Zur Linde, Mitte' }) siteName!: string;
  @ApiProperty({ format: 'date', example: '2026-11-01' }) from!: string;
  @ApiProperty({ format: 'date', example: '2026-11-30' }) to!: string;
  @ApiProperty({
    type: [HqCashShiftView],
    description: 'The site’s shifts opened on a business day of the period and closed, by day and close',
  })
  items!: HqCashShiftView[];
  @ApiProperty({ type: [HqCashShiftTotalsView], description: 'One entry per currency, never summed across' })
  totals!: HqCashShiftTotalsView[];
}
