import { z } from 'zod';
import { MAX_AMOUNT } from '../../common/money';
import { BODY_SCHEMAS } from '../../common/http/zod-body';
import { BUSINESS_DAY_MESSAGE, isCalendarDate } from '../../common/time/calendar-date';
import { PaymentMethodKind } from '../../payments/payment.entities';

/** Rows one fact's mix carries at most, per list: an order of a thousand lines is far beyond a table's bill. */
export const MAX_MIX_ROWS = 1000;

/** The longest key a mix row carries: two parts of `hq:` and a 100-character hqKey, or `site:` and a UUID. */
export const MAX_MIX_KEY = 210;

const MONEY = 'Minor units, in the fact’s currency';

export const money = (description = MONEY) => z.int().min(-MAX_AMOUNT).max(MAX_AMOUNT).meta({ description });
const count = (description: string) => z.int().min(0).max(1_000_000).meta({ description });
const name = (example: string, description: string, min = 1) =>
  z.string().min(min).max(200).meta({ example, description });

/** A business day written YYYY-MM-DD that the calendar has (isCalendarDate). */
export const businessDay = (description: string) =>
  z
    .string()
    .refine(isCalendarDate, BUSINESS_DAY_MESSAGE)
    .meta({ format: 'date', example: '2026-11-22', description });

/** A percent with at most four decimals, as tax rates have them. */
const percent = z
  .number()
  .min(0)
  .max(1000)
  .refine(
    (value) => Number.isInteger(value) || (String(value).split('.')[1]?.length ?? Infinity) <= 4,
    'must have at most 4 decimals',
  )
  .meta({ format: 'double', example: 19 });

/** What identifies a dish, option or method beside its name (SalesFactMixKey); absent from an older site. */
const mixKey = (example: string, description: string) =>
  z.string().min(1).max(MAX_MIX_KEY).optional().meta({ example, description });

const list = <T extends z.ZodType>(row: T, description?: string) =>
  z
    .array(row)
    .max(MAX_MIX_ROWS)
    .meta(description ? { description } : {});

/** A dish and variation of a closed order, as the site's GET /reports/dishes counts it. */
export const salesFactDishInput = z
  .strictObject({
    key: mixKey(
      'hq:burger/hq:burger-double',
      'The dish and variation: `hq:<hqKey>` for the master catalog’s, `site:<id>` for the site’s own, joined by ' +
        '`/` (nothing after it for a dish of no variation). Headquarters’ report keys dishes by it, not by name',
    ),
    name: name('Burger', 'The dish’s name as ordered'),
    variationName: name('Double', 'The variation’s name as ordered (empty for none)', 0),
    quantity: count('Units: live items of the closed order'),
    revenue: money('unitPrice × quantity, before order discounts. Minor units'),
    priceRuleDiscount: money('What price rules took off: (listPrice - unitPrice) × quantity. Minor units'),
  })
  .register(BODY_SCHEMAS, { id: 'SalesFactDishInput' });

/** A modifier option carried by a closed order's live items. */
export const salesFactModifierInput = z
  .strictObject({
    key: mixKey(
      'hq:aioli',
      'The option: `hq:<hqKey>` for the master catalog’s, `site:<id>` for the site’s own',
    ),
    groupName: name('Sauce', 'The option’s group as ordered'),
    name: name('Aioli', 'The option’s name as ordered'),
    quantity: count('Units of the items that carry it'),
    revenue: money('priceDelta × quantity. Minor units'),
  })
  .register(BODY_SCHEMAS, { id: 'SalesFactModifierInput' });

/** An order's payments and refunds on one business day with one method, as GET /reports/payment-methods counts. */
export const salesFactPaymentInput = z
  .strictObject({
    businessDay: businessDay('The day they were made in'),
    methodKey: mixKey('site:5b1e2c3d-8f1e-4d3a-9c1b-2f6e8d4a7b10', 'The method: `site:<its id>`'),
    method: name('Card', 'The payment method’s name'),
    kind: z.enum(PaymentMethodKind),
    payments: count('Payments taken'),
    received: money('tendered + tip. Minor units'),
    change: money('Change given back. Minor units'),
    tips: money('Tips received less tips given back. Minor units'),
    refunds: count('Refunds made'),
    refunded: money('amount + tip given back. Minor units'),
  })
  .register(BODY_SCHEMAS, { id: 'SalesFactPaymentInput' });

/** A tax rate's row: a sale's breakdown, or what a refund after the close took back (negative). */
export const salesFactTaxInput = z
  .strictObject({
    name: name('VAT', 'The rate’s name as the order copied it'),
    percent,
    net: money(),
    tax: money(),
    gross: money('net + tax. Minor units'),
  })
  .register(BODY_SCHEMAS, { id: 'SalesFactTaxInput' });

/**
 * What a fact adds to the site's dish, payment-method and tax reports, by their rules: headquarters adds it to
 * its days' sums. Dishes and taxes count on the fact's business day, payments on the day each was made in.
 */
export const salesFactMixInput = z
  .strictObject({
    dishes: list(salesFactDishInput, 'A sale’s dishes; else none'),
    modifiers: list(salesFactModifierInput),
    payments: list(
      salesFactPaymentInput,
      'A sale’s or a cancelled order’s payments and the refunds made before its close; a refund’s money given back',
    ),
    taxes: list(salesFactTaxInput, 'The receipt’s tax rows'),
  })
  .register(BODY_SCHEMAS, { id: 'SalesFactMixInput' });

export type SalesFactDishInput = z.infer<typeof salesFactDishInput>;
export type SalesFactModifierInput = z.infer<typeof salesFactModifierInput>;
export type SalesFactPaymentInput = z.infer<typeof salesFactPaymentInput>;
export type SalesFactTaxInput = z.infer<typeof salesFactTaxInput>;
export type SalesFactMixInput = z.infer<typeof salesFactMixInput>;
