import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { NO_SALES } from './sales-figures';
import type { PaymentMethodKind } from '../payments/payment.entities';
import type {
  DayRange,
  SalesSums,
  DishVariationSums,
  ModifierSums,
  WaiterSums,
  MethodSums,
  PrepTimeSums,
  StaffAdjustmentSums,
  DiscountEntry,
  VoidEntry,
  StatusSums,
} from './report-sums';
import {
  Raw,
  CLOSED_IN_RANGE,
  VOIDED,
  SALES_SUMS,
  REFUND_SUMS,
  REFUNDED_TAX,
  lessRefunds,
  ModifierSql,
  MODIFIER_SQL,
  salesSums,
  byKey,
  textOrNull,
  storedTime,
  PRICE_RULE_DISCOUNT,
  SOLD,
} from './report-sql';

/**
 * The reports' statements: every figure is an aggregate computed by the database over a range of business days
 * (orders.business_day, payments.business_day and refunds.business_day are indexed), so a report costs a few
 * statements whatever the number of orders. Integers only: PostgreSQL's sums come back as strings.
 */
@Injectable()
export class ReportQueries {
  constructor(private readonly database: Database) {}

  private get modifierSql(): ModifierSql {
    return MODIFIER_SQL[this.database.kind];
  }

  /** What one unit of item `i` cost: its unit price plus its modifiers' priceDeltas. */
  private get pricedUnit(): string {
    const { elements, delta } = this.modifierSql;
    return `(i.unit_price + (SELECT COALESCE(SUM(${delta}), 0) FROM ${elements}))`;
  }

  async salesByDay(range: DayRange): Promise<Map<string, SalesSums>> {
    const sums = await this.salesBy(range, {
      order: 'o.business_day',
      refund: 'r.business_day',
      ledger: 'l.business_day',
    });
    return new Map([...sums].map(([key, row]) => [String(key), row]));
  }

  /**
   * Sales per hour since `start` (the instant the range's first business day starts): the hour an order was
   * opened in (a refund after the close: the hour it was made in), counted from `start`, so local hours whatever
   * the zone's offset and two distinct rows for the repeated hour of a fall-back night.
   */
  async salesByHour(range: DayRange, start: Date): Promise<Map<number, SalesSums>> {
    const hourOf = (time: string) =>
      this.database.kind === 'postgres'
        ? `FLOOR((EXTRACT(EPOCH FROM ${time}) - $3) / 3600)`
        : `CAST((unixepoch(${time}, 'subsec') - $3) / 3600 AS INTEGER)`;
    const sums = await this.salesBy(
      range,
      { order: hourOf('o.created_at'), refund: hourOf('r.created_at'), ledger: hourOf('l.created_at') },
      [start.getTime() / 1000],
    );
    return new Map([...sums].map(([key, row]) => [Number(key), row]));
  }

  /**
   * Closed orders' sales grouped by `keys.order`, with the refunds after a close made in the range grouped by
   * `keys.refund` (and their tax, from the ledger, by `keys.ledger`) netted into the same groups: a refund lowers
   * the day (hour, channel) it was made in, never the sale's closed day. Three statements, each one aggregate.
   */
  async salesBy(
    range: DayRange,
    keys: { order: string; refund: string; ledger: string },
    params: unknown[] = [],
  ): Promise<Map<string, SalesSums>> {
    const bounds = [range.from, range.to, ...params];
    const [orders, refunds, taxes] = await Promise.all([
      this.database.read<Raw>(
        `SELECT ${keys.order} AS "key", ${SALES_SUMS} FROM orders o WHERE ${CLOSED_IN_RANGE} GROUP BY 1`,
        bounds,
      ),
      this.database.read<Raw>(`SELECT ${keys.refund} AS "key", ${REFUND_SUMS} GROUP BY 1`, bounds),
      this.database.read<Raw>(`SELECT ${keys.ledger} AS "key", ${REFUNDED_TAX} GROUP BY 1`, bounds),
    ]);
    const refundsOf = byKey(refunds, 'key');
    const taxOf = byKey(taxes, 'key');
    const sums = new Map<string, SalesSums>();
    for (const key of new Set([...orders, ...refunds, ...taxes].map((row) => String(row.key)))) {
      const sold = orders.find((row) => String(row.key) === key);
      sums.set(key, lessRefunds(sold ? salesSums(sold) : NO_SALES, refundsOf.get(key), taxOf.get(key)));
    }
    return sums;
  }

  async dishes(range: DayRange): Promise<DishVariationSums[]> {
    const rows = await this.database.read<Raw>(
      `SELECT i.dish_id AS "dishId", i.variation_id AS "variationId", MAX(i.name) AS "name",
         MAX(i.variation_name) AS "variationName", SUM(i.quantity) AS "quantity",
         SUM(i.unit_price * i.quantity) AS "revenue", SUM(${PRICE_RULE_DISCOUNT}) AS "priceRuleDiscount"
       FROM orders o JOIN order_items i ON i.order_id = o.id
       WHERE ${SOLD}
       GROUP BY i.dish_id, i.variation_id`,
      [range.from, range.to],
    );
    return rows.map((row) => ({
      dishId: String(row.dishId),
      variationId: String(row.variationId),
      name: String(row.name),
      variationName: String(row.variationName),
      quantity: Number(row.quantity),
      revenue: Number(row.revenue),
      priceRuleDiscount: Number(row.priceRuleDiscount),
    }));
  }

  /**
   * The options carried by the live items of closed orders: units of the items that carry each, and its
   * priceDelta × those units, one row per option (names as MAX picks them when it was renamed in the period).
   */
  async modifiers(range: DayRange): Promise<ModifierSums[]> {
    const { elements, field, delta } = this.modifierSql;
    const rows = await this.database.read<Raw>(
      `SELECT ${field('optionId')} AS "optionId", MAX(${field('groupName')}) AS "groupName",
         MAX(${field('name')}) AS "name", SUM(i.quantity) AS "quantity", SUM(${delta} * i.quantity) AS "revenue"
       FROM orders o JOIN order_items i ON i.order_id = o.id CROSS JOIN ${elements}
       WHERE ${CLOSED_IN_RANGE} AND i.status <> 'cancelled' AND i.modifiers <> '[]'
       GROUP BY ${field('optionId')}`,
      [range.from, range.to],
    );
    return rows.map((row) => ({
      optionId: String(row.optionId),
      groupName: String(row.groupName),
      name: String(row.name),
      quantity: Number(row.quantity),
      revenue: Number(row.revenue),
    }));
  }

  async waiters(range: DayRange): Promise<WaiterSums[]> {
    const rows = await this.database.read<Raw>(
      `SELECT o.waiter_id AS "waiterId", MAX(u.display_name) AS "displayName", COUNT(*) AS "orders",
         SUM(o.paid) AS "revenue", SUM(o.tips) AS "tips"
       FROM orders o LEFT JOIN users u ON u.id = o.waiter_id
       WHERE ${CLOSED_IN_RANGE}
       GROUP BY o.waiter_id`,
      [range.from, range.to],
    );
    return rows.map((row) => ({
      waiterId: textOrNull(row.waiterId),
      displayName: textOrNull(row.displayName),
      orders: Number(row.orders),
      revenue: Number(row.revenue),
      tips: Number(row.tips),
    }));
  }

  /** Payments and refunds (their tips too) on the business days they were made in, per method that moved money. */
  async methods(range: DayRange): Promise<MethodSums[]> {
    const params = [range.from, range.to];
    const [methods, payments, refunds] = await Promise.all([
      this.database.read<Raw>('SELECT id, name, kind FROM payment_methods'),
      this.database.read<Raw>(
        `SELECT p.method_id AS "methodId", COUNT(*) AS "payments", SUM(p.tendered + p.tip) AS "received",
           SUM(p."change") AS "change", SUM(p.tip) AS "tips"
         FROM payments p WHERE p.business_day >= $1 AND p.business_day <= $2
         GROUP BY p.method_id`,
        params,
      ),
      this.database.read<Raw>(
        `SELECT p.method_id AS "methodId", COUNT(*) AS "refunds", SUM(r.amount + r.tip) AS "refunded",
           SUM(r.tip) AS "tipsRefunded"
         FROM refunds r JOIN payments p ON p.id = r.payment_id
         WHERE r.business_day >= $1 AND r.business_day <= $2
         GROUP BY p.method_id`,
        params,
      ),
    ]);
    const paymentsOf = byKey(payments, 'methodId');
    const refundsOf = byKey(refunds, 'methodId');
    return methods
      .filter((method) => paymentsOf.has(String(method.id)) || refundsOf.has(String(method.id)))
      .map((method) => {
        const paid = paymentsOf.get(String(method.id)) ?? {};
        const refunded = refundsOf.get(String(method.id)) ?? {};
        return {
          methodId: String(method.id),
          name: String(method.name),
          kind: method.kind as PaymentMethodKind,
          payments: Number(paid.payments ?? 0),
          received: Number(paid.received ?? 0),
          change: Number(paid.change ?? 0),
          // A tip given back leaves the tips, not the restaurant's takings: it is in `refunded` and out of `tips`.
          tips: Number(paid.tips ?? 0) - Number(refunded.tipsRefunded ?? 0),
          refunds: Number(refunded.refunds ?? 0),
          refunded: Number(refunded.refunded ?? 0),
        };
      });
  }

  /**
   * Preparation times (readyAt - firedAt, milliseconds) of the range's items per station or per dish: count, sum,
   * and the 50th and 90th percentiles by nearest rank (the value at rank ⌈p × n⌉), computed by the database:
   * percentile_disc on PostgreSQL, ROW_NUMBER() and COUNT() windows on SQLite, which agree to the millisecond.
   */
  async prepTimes(range: DayRange, by: 'station' | 'dish'): Promise<PrepTimeSums[]> {
    const postgres = this.database.kind === 'postgres';
    const durationMs = postgres
      ? `ROUND(EXTRACT(EPOCH FROM (i.ready_at - i.fired_at)) * 1000)`
      : `CAST(ROUND((unixepoch(i.ready_at, 'subsec') - unixepoch(i.fired_at, 'subsec')) * 1000) AS INTEGER)`;
    const key = by === 'station' ? 'i.station_id' : 'i.dish_id';
    const name = by === 'station' ? 's.name' : 'i.name';
    const stationJoin = by === 'station' ? 'LEFT JOIN stations s ON s.id = i.station_id' : '';
    const prepared = `SELECT ${key} AS "key", ${name} AS "name", ${durationMs} AS "ms"
      FROM orders o JOIN order_items i ON i.order_id = o.id ${stationJoin}
      WHERE o.business_day >= $1 AND o.business_day <= $2
        AND i.fired_at IS NOT NULL AND i.ready_at IS NOT NULL`;
    const text = postgres
      ? `WITH prep AS (${prepared})
         SELECT "key", MAX("name") AS "name", COUNT(*) AS "items", SUM("ms") AS "totalMs",
           percentile_disc(0.5) WITHIN GROUP (ORDER BY "ms") AS "p50Ms",
           percentile_disc(0.9) WITHIN GROUP (ORDER BY "ms") AS "p90Ms"
         FROM prep GROUP BY "key"`
      : `WITH prep AS (${prepared}),
         ranked AS (
           SELECT "key", "name", "ms",
             ROW_NUMBER() OVER (PARTITION BY "key" ORDER BY "ms") AS "rank",
             COUNT(*) OVER (PARTITION BY "key") AS "n"
           FROM prep)
         SELECT "key", MAX("name") AS "name", COUNT(*) AS "items", SUM("ms") AS "totalMs",
           MIN(CASE WHEN "rank" >= ("n" * 50 + 99) / 100 THEN "ms" END) AS "p50Ms",
           MIN(CASE WHEN "rank" >= ("n" * 90 + 99) / 100 THEN "ms" END) AS "p90Ms"
         FROM ranked GROUP BY "key"`;
    const rows = await this.database.read<Raw>(text, [range.from, range.to]);
    return rows.map((row) => ({
      key: textOrNull(row.key),
      name: textOrNull(row.name),
      items: Number(row.items),
      totalMs: Number(row.totalMs),
      p50Ms: Number(row.p50Ms),
      p90Ms: Number(row.p90Ms),
    }));
  }

  /** Discounts (on orders not cancelled) and voids (items cancelled one by one), per staff member. */
  async adjustmentsByStaff(range: DayRange): Promise<StaffAdjustmentSums[]> {
    const params = [range.from, range.to];
    const [discounts, voids] = await Promise.all([
      this.database.read<Raw>(
        `SELECT o.discount_by AS "staffId", COUNT(*) AS "discounts", SUM(o.discount) AS "discountAmount"
         FROM orders o
         WHERE o.business_day >= $1 AND o.business_day <= $2 AND o.discount_kind IS NOT NULL
           AND o.status <> 'cancelled'
         GROUP BY o.discount_by`,
        params,
      ),
      this.database.read<Raw>(
        `SELECT i.voided_by AS "staffId", COUNT(*) AS "voids", SUM(i.quantity) AS "voidedQuantity",
           SUM(${this.pricedUnit} * i.quantity) AS "voidedValue"
         FROM orders o JOIN order_items i ON i.order_id = o.id
         WHERE o.business_day >= $1 AND o.business_day <= $2 AND ${VOIDED}
         GROUP BY i.voided_by`,
        params,
      ),
    ]);
    const staff = new Map<string | null, StaffAdjustmentSums>();
    const of = (id: string | null) => {
      let sums = staff.get(id);
      if (!sums) {
        sums = { staffId: id, discounts: 0, discountAmount: 0, voids: 0, voidedQuantity: 0, voidedValue: 0 };
        staff.set(id, sums);
      }
      return sums;
    };
    for (const row of discounts) {
      Object.assign(of(textOrNull(row.staffId)), {
        discounts: Number(row.discounts),
        discountAmount: Number(row.discountAmount),
      });
    }
    for (const row of voids) {
      Object.assign(of(textOrNull(row.staffId)), {
        voids: Number(row.voids),
        voidedQuantity: Number(row.voidedQuantity),
        voidedValue: Number(row.voidedValue),
      });
    }
    return [...staff.values()];
  }

  async discountEntries(range: DayRange): Promise<DiscountEntry[]> {
    const rows = await this.database.read<Raw>(
      `SELECT o.id AS "orderId", o.number AS "orderNumber", o.business_day AS "businessDay",
         o.discount_kind AS "kind", o.discount_value AS "storedValue", o.discount AS "amount",
         o.discount_reason AS "reason", o.discount_by AS "appliedBy"
       FROM orders o
       WHERE o.business_day >= $1 AND o.business_day <= $2 AND o.discount_kind IS NOT NULL
         AND o.status <> 'cancelled'
       ORDER BY o.business_day, o.number`,
      [range.from, range.to],
    );
    return rows.map((row) => ({
      orderId: String(row.orderId),
      orderNumber: Number(row.orderNumber),
      businessDay: String(row.businessDay),
      kind: row.kind as 'percent' | 'amount',
      storedValue: Number(row.storedValue),
      amount: Number(row.amount),
      reason: String(row.reason ?? ''),
      appliedBy: textOrNull(row.appliedBy),
    }));
  }

  async voidEntries(range: DayRange): Promise<VoidEntry[]> {
    const rows = await this.database.read<Raw>(
      `SELECT o.id AS "orderId", o.number AS "orderNumber", o.business_day AS "businessDay", i.id AS "itemId",
         i.dish_id AS "dishId", i.name AS "name", i.variation_name AS "variationName", i.quantity AS "quantity",
         ${this.pricedUnit} * i.quantity AS "value", i.void_reason AS "reason", i.voided_by AS "voidedBy",
         i.cancelled_at AS "voidedAt"
       FROM orders o JOIN order_items i ON i.order_id = o.id
       WHERE o.business_day >= $1 AND o.business_day <= $2 AND ${VOIDED}
       ORDER BY i.cancelled_at, i.id`,
      [range.from, range.to],
    );
    return rows.map((row) => ({
      orderId: String(row.orderId),
      orderNumber: Number(row.orderNumber),
      businessDay: String(row.businessDay),
      itemId: String(row.itemId),
      dishId: String(row.dishId),
      name: String(row.name),
      variationName: String(row.variationName),
      quantity: Number(row.quantity),
      value: Number(row.value),
      reason: textOrNull(row.reason),
      voidedBy: textOrNull(row.voidedBy),
      voidedAt: storedTime(row.voidedAt),
    }));
  }

  /** Display names of these staff members. */
  async staffNames(ids: Array<string | null>): Promise<Map<string, string>> {
    const known = [...new Set(ids.filter((id): id is string => id !== null))];
    if (known.length === 0) return new Map();
    const rows = await this.database.read<Raw>(
      `SELECT id, display_name AS "displayName" FROM users WHERE id IN (${known.map((_, i) => `$${i + 1}`).join(', ')})`,
      known,
    );
    return new Map(rows.map((row) => [String(row.id), String(row.displayName)]));
  }

  /** One business day's orders per status: how many, their totals, paid and due. */
  async ordersByStatus(day: string): Promise<StatusSums[]> {
    const rows = await this.database.read<Raw>(
      `SELECT o.status AS "status", COUNT(*) AS "orders", SUM(o.total) AS "total", SUM(o.paid) AS "paid",
         SUM(o.due) AS "due"
       FROM orders o WHERE o.business_day = $1 GROUP BY o.status`,
      [day],
    );
    return rows.map((row) => ({
      status: String(row.status),
      orders: Number(row.orders),
      total: Number(row.total),
      paid: Number(row.paid),
      due: Number(row.due),
    }));
  }
}
