import { z } from 'zod';
import { BODY_SCHEMAS } from '../../common/http/zod-body';
import { isTimestamp, TIMESTAMP_MESSAGE } from '../../common/time/is-timestamp';
import { businessDay, money, salesFactMixInput } from './sales-fact-mix.inputs';
import { salesFactProblems } from './sales-fact-rules';

/** Facts one request carries at most: a site sends its backlog in batches of this size. */
export const MAX_FACTS_PER_BATCH = 100;

/** The most batches a site can say wait behind one: headquarters keeps the count in an integer column. */
const MAX_PENDING_BATCHES = 2 ** 31 - 1;

/**
 * `sale`: a sale receipt (an order closed); `refund`: a refund receipt (money given back after the close);
 * `order_cancelled`: an order cancelled before it closed; `day_closed`: a business day closed with its Z report;
 * `cash_shift_closed`: a drawer shift counted and closed; `labour_days`: business days' hours, labour cost and tips
 * as they stand now (each replaces what headquarters held of its days).
 */
export const SALES_FACT_TYPES = [
  'sale',
  'refund',
  'order_cancelled',
  'day_closed',
  'cash_shift_closed',
  'labour_days',
] as const;
export type SalesFactType = (typeof SALES_FACT_TYPES)[number];

const MONEY = 'Minor units, as the site’s own GET /reports/sales counts them';

const timestamp = (description: string) =>
  z.string().refine(isTimestamp, TIMESTAMP_MESSAGE).meta({ format: 'date-time', description });

/** A fact's contribution to the sales report, in the site's currency. */
export const salesFactFiguresInput = z
  .strictObject({
    orders: z.int().min(0).max(1).meta({ description: 'Closed orders: 1 on a sale, else 0' }),
    gross: money(MONEY),
    discounts: money(MONEY),
    serviceCharge: money(MONEY),
    tax: money(MONEY),
    refunds: money(MONEY),
    netSales: money(MONEY),
    tips: money(MONEY),
  })
  .register(BODY_SCHEMAS, { id: 'SalesFactFiguresInput' });

/** One fact of the site's event log that headquarters' reports need. */
export const salesFactInput = z
  .strictObject({
    seq: z.int().min(1).max(Number.MAX_SAFE_INTEGER).meta({
      example: 1042,
      description:
        'Its seq in the site’s event log: headquarters keeps one fact per (site, stream, seq); unique in a batch',
    }),
    type: z.enum(SALES_FACT_TYPES),
    occurredAt: timestamp('When it happened at the site (UTC)'),
    businessDay: businessDay('The site’s business day it counts on'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .meta({ example: 'EUR', description: 'The site’s currency as headquarters registered it' }),
    channel: z.string().min(1).max(40).nullable().optional().meta({
      example: 'own',
      description:
        '`own` or the delivery channel’s code the order came from; null for a day, a drawer shift or labour days',
    }),
    orderId: z.uuid().nullable().optional(),
    figures: salesFactFiguresInput.meta({
      description:
        'Signed as the site’s report counts them. A sale: orders 1, refunds 0, no figure negative, discounts at ' +
        'most gross, netSales = gross − discounts + serviceCharge (+ tax where prices exclude it). A refund: ' +
        'orders, gross, discounts and serviceCharge 0, refunds ≥ 0, netSales = −refunds, tax and tips ≤ 0. ' +
        'Any other fact: every figure 0',
    }),
    detail: z.record(z.string(), z.unknown()).meta({
      description:
        'The fact as the site’s API shows it: the receipt, the cancelled order, the closed day (`businessDay`, ' +
        '`number` and `zReport`: its Z report as GET /business-days/{day}/z-report answers it), the closed drawer ' +
        'shift (as GET /shifts/{id} answers it), labour days (`days: [{businessDay, jobs: [{key, name, ' +
        'workedSeconds, overtimeSeconds, cost}], tips: {earned, givenOut, received, paidOut}}]`)',
    }),
    mix: salesFactMixInput.optional().meta({
      description:
        'What the fact adds to the site’s dish, payment-method and tax reports (absent: nothing). A day closed has ' +
        'none; its Z report is in `detail.zReport`. Its tax rows’ tax sums to `figures.tax`; dishes and modifiers ' +
        'only on a sale',
    }),
  })
  .superRefine((fact, context) => {
    for (const { path, message } of salesFactProblems(fact))
      context.addIssue({ code: 'custom', path, message });
  })
  .register(BODY_SCHEMAS, { id: 'SalesFactInput' });

/** POST /hq/sales-facts: a batch of a site's facts. */
export const salesFactsInput = z
  .strictObject({
    stream: z
      .uuid()
      .optional()
      .meta({
        description:
          'The site database’s own stream of facts, made when it first linked: a database replaced and linked ' +
          'again sends a new one, and its seqs start afresh. Absent: the stream headquarters last heard',
      }),
    facts: z
      .array(salesFactInput)
      .min(1)
      .max(MAX_FACTS_PER_BATCH)
      .superRefine((facts, context) => {
        const first = new Map<number, number>();
        facts.forEach((fact, i) => {
          const earlier = first.get(fact.seq);
          if (earlier === undefined) first.set(fact.seq, i);
          else
            context.addIssue({ code: 'custom', path: [i, 'seq'], message: `repeats facts[${earlier}].seq` });
        });
      })
      .meta({ description: 'In the order of the site’s log, each seq once' }),
    pendingBatches: z.int().min(0).max(MAX_PENDING_BATCHES).optional().meta({
      example: 0,
      description: 'Batches still waiting at the site behind this one: 0 once it is caught up',
    }),
    pendingSince: timestamp('When the oldest of them was made at the site; null once it is caught up')
      .nullable()
      .optional(),
  })
  .register(BODY_SCHEMAS, { id: 'SalesFactsInput' });

export type SalesFactFiguresInput = z.infer<typeof salesFactFiguresInput>;
export type SalesFactInput = z.infer<typeof salesFactInput>;
export type SalesFactsInput = z.infer<typeof salesFactsInput>;
