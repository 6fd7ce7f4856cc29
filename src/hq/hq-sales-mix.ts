import { Injectable } from '@nestjs/common';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Tx } from '../database/database.service';
import { percentToPpm } from '../money';
import type { SalesFactInput } from './dto/sales-facts.inputs';
import { HqCashShift } from './hq-cash-shift.entity';
import { HqZReport } from './hq-sales-mix.entities';

/**
 * One table of per-day sums: its key columns, the labels a conflict sets to the latest sent (the names of what
 * the key identifies), and the columns added to on a conflict.
 */
interface DayTable {
  name: string;
  keys: readonly string[];
  labels: readonly string[];
  sums: readonly string[];
}

const DISH_DAYS: DayTable = {
  name: 'hq_sales_dish_days',
  keys: ['site_id', 'business_day', 'currency', 'kind', 'key'],
  labels: ['name', 'detail'],
  sums: ['quantity', 'revenue', 'price_rule_discount'],
};
const PAYMENT_DAYS: DayTable = {
  name: 'hq_sales_payment_days',
  keys: ['site_id', 'business_day', 'currency', 'method_key'],
  labels: ['method', 'kind'],
  sums: ['payments', 'received', 'change_given', 'tips', 'refunds', 'refunded'],
};
const TAX_DAYS: DayTable = {
  name: 'hq_sales_tax_days',
  keys: ['site_id', 'business_day', 'currency', 'name', 'parts_per_million'],
  labels: [],
  sums: ['net', 'tax', 'gross'],
};

/** Rows per statement: 11 columns × 50 stays well below SQLite's bound on parameters. */
const ROWS_PER_STATEMENT = 50;

/** A batch's rows of one table, summed by key before they are written. */
class DaySums {
  private readonly rows = new Map<string, { key: unknown[]; labels: unknown[]; sums: number[] }>();

  constructor(readonly table: DayTable) {}

  add(key: unknown[], labels: unknown[], sums: number[]): void {
    const id = JSON.stringify(key);
    const row = this.rows.get(id) ?? { key, labels, sums: sums.map(() => 0) };
    row.labels = labels;
    sums.forEach((value, i) => (row.sums[i] += value));
    this.rows.set(id, row);
  }

  /** Adds the batch's sums to the table: one upsert per 50 keys (usually one), each key once per statement. */
  async write(tx: Tx): Promise<void> {
    const { name, keys, labels, sums } = this.table;
    const rows = [...this.rows.values()];
    const width = keys.length + labels.length + sums.length;
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const values = chunk
        .map((_, r) => `(${Array.from({ length: width }, (__, c) => `$${r * width + c + 1}`).join(', ')})`)
        .join(', ');
      await tx.sql(
        `INSERT INTO ${name} (${[...keys, ...labels, ...sums].join(', ')}) VALUES ${values}
         ON CONFLICT (${keys.join(', ')}) DO UPDATE SET
         ${[
           ...labels.map((column) => `${column} = excluded.${column}`),
           ...sums.map((column) => `${column} = ${name}.${column} + excluded.${column}`),
         ].join(', ')}`,
        chunk.flatMap((row) => [...row.key, ...row.labels, ...row.sums]),
      );
    }
  }
}

/**
 * Adds new facts' mixes (what each adds to the site's dish, payment-method and tax reports) to headquarters'
 * per-day sums, and keeps the Z reports of days closed and the counts of drawer shifts closed, in the transaction
 * that keeps the facts: a fact held already never comes here, so each counts once. Dishes and taxes count on the
 * fact's business day, payments on the day each was made in, always in the fact's currency. Dishes, options and
 * methods are keyed by what identifies them (the row's `key`), never by name: their names are labels.
 */
@Injectable()
export class HqSalesMix {
  async add(tx: Tx, siteId: string, facts: readonly SalesFactInput[], receivedAt: Date): Promise<void> {
    const dishes = new DaySums(DISH_DAYS);
    const payments = new DaySums(PAYMENT_DAYS);
    const taxes = new DaySums(TAX_DAYS);
    for (const fact of facts) {
      if (fact.type === 'day_closed') await keepZReport(tx, siteId, fact, receivedAt);
      if (fact.type === 'cash_shift_closed') await keepCashShift(tx, siteId, fact, receivedAt);
      const mix = fact.mix;
      if (!mix) continue;
      const day = [siteId, fact.businessDay, fact.currency];
      for (const row of mix.dishes) {
        dishes.add(
          [...day, 'dish', row.key ?? byName(row.name, row.variationName)],
          [row.name, row.variationName],
          [row.quantity, row.revenue, row.priceRuleDiscount],
        );
      }
      for (const row of mix.modifiers) {
        dishes.add(
          [...day, 'modifier', row.key ?? byName(row.name, row.groupName)],
          [row.name, row.groupName],
          [row.quantity, row.revenue, 0],
        );
      }
      for (const row of mix.payments) {
        payments.add(
          [siteId, row.businessDay, fact.currency, row.methodKey ?? byName(row.method, row.kind)],
          [row.method, row.kind],
          [row.payments, row.received, row.change, row.tips, row.refunds, row.refunded],
        );
      }
      for (const row of mix.taxes) {
        taxes.add([...day, row.name, percentToPpm(row.percent)], [], [row.net, row.tax, row.gross]);
      }
    }
    await dishes.write(tx);
    await payments.write(tx);
    await taxes.write(tx);
  }
}

/** The key of a row from a site that sent none (an older version): its names, as headquarters keyed it before. */
const byName = (name: string, detail: string) => `name:${name}/${detail}`;

/** A day closed with its Z report: kept once per site and day (the first that came). */
async function keepZReport(tx: Tx, siteId: string, fact: SalesFactInput, receivedAt: Date): Promise<void> {
  const report = fact.detail.zReport;
  if (typeof report !== 'object' || report === null) return;
  const { number, closedAt } = report as { number?: unknown; closedAt?: unknown };
  const z = Number(number ?? fact.detail.number);
  await keepOnce(tx, HqZReport, {
    siteId,
    businessDay: fact.businessDay,
    number: Number.isSafeInteger(z) ? z : 0,
    seq: fact.seq,
    closedAt: instantOr(closedAt, fact.occurredAt),
    report: JSON.stringify(report),
    receivedAt,
  });
}

/** A drawer shift counted and closed: kept once per site and shift, as the site's GET /shifts/{id} answers it. */
async function keepCashShift(tx: Tx, siteId: string, fact: SalesFactInput, receivedAt: Date): Promise<void> {
  const { id, closedAt, expectedCash, countedCash } = fact.detail as {
    id?: unknown;
    closedAt?: unknown;
    expectedCash?: unknown;
    countedCash?: unknown;
  };
  if (typeof id !== 'string' || !Number.isSafeInteger(expectedCash) || !Number.isSafeInteger(countedCash))
    return;
  await keepOnce(tx, HqCashShift, {
    siteId,
    shiftId: id,
    businessDay: fact.businessDay,
    currency: fact.currency,
    seq: fact.seq,
    closedAt: instantOr(closedAt, fact.occurredAt),
    expectedCash: expectedCash as number,
    countedCash: countedCash as number,
    difference: (countedCash as number) - (expectedCash as number),
    shift: JSON.stringify(fact.detail),
    receivedAt,
  });
}

/** The instant a site's document names, or when its fact happened if it names none. */
function instantOr(value: unknown, occurredAt: string): Date {
  const instant = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  return Number.isNaN(instant.getTime()) ? new Date(occurredAt) : instant;
}

/** A site's document kept by its key: a second copy of it (a fact sent again) changes nothing. */
async function keepOnce<T extends ObjectLiteral>(
  tx: Tx,
  entity: EntityTarget<T>,
  row: QueryDeepPartialEntity<T>,
) {
  await tx.manager.createQueryBuilder().insert().into(entity).values(row).orIgnore().execute();
}
