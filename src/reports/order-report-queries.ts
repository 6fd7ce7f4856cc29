import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database.service';
import type { PaymentMethodKind } from '../payments/payment.entities';
import { MODIFIER_SQL, PRICE_RULE_DISCOUNT, Raw } from './report-sql';

/** What one dish and variation of an order adds to GET /reports/dishes. */
export interface OrderDishLine {
  /** What identifies the dish and variation (mixKey): the same row at headquarters whatever their names. */
  key: string;
  name: string;
  variationName: string;
  quantity: number;
  revenue: number;
  priceRuleDiscount: number;
}

/** What one modifier option carried by an order's items adds to GET /reports/dishes' `modifiers`. */
export interface OrderModifierLine {
  /** What identifies the option (mixKey). */
  key: string;
  groupName: string;
  name: string;
  quantity: number;
  revenue: number;
}

/** What an order's payments and refunds add to GET /reports/payment-methods, per business day and method. */
export interface OrderTakingLine {
  businessDay: string;
  /** What identifies the method: `site:<its id>`. */
  methodKey: string;
  method: string;
  kind: PaymentMethodKind;
  payments: number;
  received: number;
  change: number;
  tips: number;
  refunds: number;
  refunded: number;
}

/** One order's share of the site's dish and payment-method reports. */
export interface OrderReportLines {
  dishes: OrderDishLine[];
  modifiers: OrderModifierLine[];
  takings: OrderTakingLine[];
}

/** A payment method as the payment-method report names it. */
export interface MethodOfPayment {
  methodKey: string;
  method: string;
  kind: PaymentMethodKind;
}

/**
 * What given orders add to the site's dish and payment-method reports, counted by those reports' own rules
 * (report-queries.ts): the live items of a closed order per dish and variation (unitPrice × quantity, what price
 * rules took off) and per modifier option; every payment of the order on the business day it was made in
 * (tendered + tip received, change, tip), and the refunds made before its close on theirs (amount + tip refunded,
 * the tip out of the tips). A refund after the close is its own fact (its receipt). Read by the site's sales
 * upstream to send headquarters the same figures the site reports: a few statements per batch of orders.
 */
@Injectable()
export class OrderReportQueries {
  constructor(private readonly database: Database) {}

  /** Each order's lines: `sold` are closed orders (dishes and takings), `cancelled` ones have takings only. */
  async linesOf(tx: Tx, sold: string[], cancelled: string[]): Promise<Map<string, OrderReportLines>> {
    const lines = new Map<string, OrderReportLines>();
    const of = (orderId: string) => {
      let found = lines.get(orderId);
      if (!found) {
        found = { dishes: [], modifiers: [], takings: [] };
        lines.set(orderId, found);
      }
      return found;
    };
    const soldIds = [...new Set(sold)];
    const allIds = [...new Set([...sold, ...cancelled])];
    for (const orderId of allIds) of(orderId);
    if (allIds.length === 0) return lines;
    // One statement after another: a transaction's connection runs one at a time.
    const dishes = soldIds.length > 0 ? await tx.sql<Raw>(this.dishesSql(soldIds.length), soldIds) : [];
    const modifiers = soldIds.length > 0 ? await tx.sql<Raw>(this.modifiersSql(soldIds.length), soldIds) : [];
    const payments = await tx.sql<Raw>(PAYMENTS(placeholders(allIds.length)), allIds);
    const refunds = await tx.sql<Raw>(REFUNDS_BEFORE_CLOSE(placeholders(allIds.length)), allIds);
    for (const row of dishes) {
      of(String(row.orderId)).dishes.push({
        key: `${mixKey(row.dishHqKey, row.dishId)}/${row.variationId === null ? '' : mixKey(row.variationHqKey, row.variationId)}`,
        name: String(row.name),
        variationName: String(row.variationName),
        quantity: Number(row.quantity),
        revenue: Number(row.revenue),
        priceRuleDiscount: Number(row.priceRuleDiscount),
      });
    }
    for (const row of modifiers) {
      of(String(row.orderId)).modifiers.push({
        key: mixKey(row.optionHqKey, row.optionId),
        groupName: String(row.groupName),
        name: String(row.name),
        quantity: Number(row.quantity),
        revenue: Number(row.revenue),
      });
    }
    for (const row of payments) {
      of(String(row.orderId)).takings.push({
        ...taking(row),
        payments: Number(row.payments),
        received: Number(row.received),
        change: Number(row.change),
        tips: Number(row.tips),
      });
    }
    for (const row of refunds) {
      of(String(row.orderId)).takings.push({
        ...taking(row),
        tips: -Number(row.tipsRefunded),
        refunds: Number(row.refunds),
        refunded: Number(row.refunded),
      });
    }
    return lines;
  }

  /** The method of each payment, as the payment-method report names it. */
  async methodsOf(tx: Tx, paymentIds: string[]): Promise<Map<string, MethodOfPayment>> {
    const ids = [...new Set(paymentIds)];
    if (ids.length === 0) return new Map();
    const rows = await tx.sql<Raw>(
      `SELECT p.id AS "paymentId", m.id AS "methodId", m.name AS "method", m.kind AS "kind"
       FROM payments p JOIN payment_methods m ON m.id = p.method_id WHERE p.id IN (${placeholders(ids.length)})`,
      ids,
    );
    return new Map(
      rows.map((row) => [
        String(row.paymentId),
        {
          methodKey: `site:${String(row.methodId)}`,
          method: String(row.method),
          kind: row.kind as PaymentMethodKind,
        },
      ]),
    );
  }

  private dishesSql(count: number): string {
    return `SELECT i.order_id AS "orderId", MAX(i.name) AS "name", MAX(i.variation_name) AS "variationName",
        i.dish_id AS "dishId", i.variation_id AS "variationId", MAX(d.hq_key) AS "dishHqKey",
        MAX(v.hq_key) AS "variationHqKey", SUM(i.quantity) AS "quantity",
        SUM(i.unit_price * i.quantity) AS "revenue", SUM(${PRICE_RULE_DISCOUNT}) AS "priceRuleDiscount"
      FROM order_items i LEFT JOIN dishes d ON d.id = i.dish_id LEFT JOIN dish_variations v ON v.id = i.variation_id
      WHERE i.order_id IN (${placeholders(count)}) AND i.status <> 'cancelled'
      GROUP BY i.order_id, i.dish_id, i.variation_id`;
  }

  private modifiersSql(count: number): string {
    const { elements, field, delta } = MODIFIER_SQL[this.database.kind];
    return `SELECT i.order_id AS "orderId", MAX(${field('groupName')}) AS "groupName", MAX(${field('name')}) AS "name",
        ${field('optionId')} AS "optionId", MAX(o.hq_key) AS "optionHqKey",
        SUM(i.quantity) AS "quantity", SUM(${delta} * i.quantity) AS "revenue"
      FROM order_items i CROSS JOIN ${elements} LEFT JOIN modifier_options o ON o.id = ${field('optionId')}
      WHERE i.order_id IN (${placeholders(count)}) AND i.status <> 'cancelled' AND i.modifiers <> '[]'
      GROUP BY i.order_id, ${field('optionId')}`;
  }
}

const PAYMENTS = (ids: string) => `SELECT p.order_id AS "orderId", p.business_day AS "businessDay",
    p.method_id AS "methodId", MAX(m.name) AS "method", MAX(m.kind) AS "kind", COUNT(*) AS "payments", SUM(p.tendered + p.tip) AS "received",
    SUM(p."change") AS "change", SUM(p.tip) AS "tips"
  FROM payments p JOIN payment_methods m ON m.id = p.method_id
  WHERE p.order_id IN (${ids}) GROUP BY p.order_id, p.business_day, p.method_id`;

const REFUNDS_BEFORE_CLOSE = (
  ids: string,
) => `SELECT p.order_id AS "orderId", r.business_day AS "businessDay",
    p.method_id AS "methodId", MAX(m.name) AS "method", MAX(m.kind) AS "kind", COUNT(*) AS "refunds", SUM(r.amount + r.tip) AS "refunded",
    SUM(r.tip) AS "tipsRefunded"
  FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN payment_methods m ON m.id = p.method_id
  WHERE p.order_id IN (${ids}) AND NOT r.after_close GROUP BY p.order_id, r.business_day, p.method_id`;

/**
 * What identifies a dish, variation or option across the chain: the master catalog's key when it came from
 * headquarters (a dish renamed there stays one row in headquarters' report), else the site's own id.
 */
function mixKey(hqKey: Raw[string], id: Raw[string]): string {
  return hqKey === null || hqKey === undefined ? `site:${String(id)}` : `hq:${String(hqKey)}`;
}

const placeholders = (count: number) => Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ');

/** A taking's day and method, its figures zero. */
function taking(row: Raw): OrderTakingLine {
  return {
    businessDay: String(row.businessDay),
    methodKey: `site:${String(row.methodId)}`,
    method: String(row.method),
    kind: row.kind as PaymentMethodKind,
    payments: 0,
    received: 0,
    change: 0,
    tips: 0,
    refunds: 0,
    refunded: 0,
  };
}
