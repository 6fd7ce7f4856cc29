/** SQL pieces and row readers that the reports' statements share, for both dialects. */

import type { SalesSums } from './report-sums';

/** A row as the drivers answer it: PostgreSQL gives bigints and sums as strings, SQLite times as text. */
export type Raw = Record<string, string | number | Date | null>;

export const CLOSED_IN_RANGE = `o.business_day >= $1 AND o.business_day <= $2 AND o.status = 'closed'`;

/** Items cancelled one by one (a removal or a void), not with their whole order. */
export const VOIDED = `i.status = 'cancelled' AND i.voided_by IS NOT NULL`;

/**
 * Closed orders' money as it stood at their close, summed: closing needs paid = total, so the total is what was
 * taken, and the tips are the order's plus what refunds after the close gave back of them. A refund after the
 * close is reported on its own business day (REFUND_SUMS), so a closed day's figures never change.
 */
export const SALES_SUMS = `COUNT(*) AS "orders", SUM(o.subtotal) AS "gross", SUM(o.discount) AS "discounts",
  SUM(o.service_charge) AS "serviceCharge", SUM(o.tax) AS "tax", 0 AS "refunds", SUM(o.total) AS "netSales",
  SUM(o.tips + (SELECT COALESCE(SUM(r.tip), 0) FROM refunds r JOIN payments p ON p.id = r.payment_id
    WHERE p.order_id = o.id AND r.after_close)) AS "tips"`;

/** Refunds `r` after their order `o` closed, made in the range of business days $1 to $2: money and tips. */
export const REFUND_SUMS = `SUM(r.amount) AS "refunds", SUM(r.tip) AS "tips"
  FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN orders o ON o.id = p.order_id
  WHERE r.business_day >= $1 AND r.business_day <= $2 AND r.after_close`;

/** The tax that refunds took back, from the tax ledger's refund rows `l` of order `o` filed in $1 to $2. */
export const REFUNDED_TAX = `SUM(l.tax) AS "tax" FROM tax_ledger l JOIN orders o ON o.id = l.order_id
  WHERE l.business_day >= $1 AND l.business_day <= $2 AND l.kind = 'refund'`;

/** What a price rule took off order item `i`: (listPrice - unitPrice) × quantity when a rule priced it, else 0. */
export const PRICE_RULE_DISCOUNT = `(CASE WHEN i.price_rule_id IS NOT NULL
  THEN (i.list_price - i.unit_price) * i.quantity ELSE 0 END)`;

/** Item `i` of order `o` is live on an order closed in the range: what the dish report counts. */
export const SOLD = `${CLOSED_IN_RANGE} AND i.status <> 'cancelled'`;

/**
 * The modifiers (JSON text, `[{optionId, groupName, name, priceDelta}]`) of order item `i` as rows `m`, per
 * dialect: `elements` is the FROM item, `field(name)` reads one field as text, `delta` the priceDelta as a number.
 */
export interface ModifierSql {
  elements: string;
  field: (name: string) => string;
  delta: string;
}

export const MODIFIER_SQL: Record<'postgres' | 'sqlite', ModifierSql> = {
  postgres: {
    elements: 'json_array_elements(i.modifiers::json) m',
    field: (name) => `(m->>'${name}')`,
    delta: `(m->>'priceDelta')::bigint`,
  },
  sqlite: {
    elements: 'json_each(i.modifiers) m',
    field: (name) => `json_extract(m.value, '$.${name}')`,
    delta: `json_extract(m.value, '$.priceDelta')`,
  },
};

export function salesSums(row: Raw): SalesSums {
  return {
    orders: Number(row.orders),
    gross: Number(row.gross),
    discounts: Number(row.discounts),
    serviceCharge: Number(row.serviceCharge),
    tax: Number(row.tax),
    refunds: Number(row.refunds),
    netSales: Number(row.netSales),
    tips: Number(row.tips),
  };
}

/** Sales sums with what refunds after the close took (`refunds`, refunded `tips`, negative `tax`) netted in. */
export function lessRefunds(
  sums: SalesSums,
  refunded: Raw | undefined,
  refundedTax: Raw | undefined,
): SalesSums {
  const refunds = Number(refunded?.refunds ?? 0);
  return {
    ...sums,
    tax: sums.tax + Number(refundedTax?.tax ?? 0),
    refunds: sums.refunds + refunds,
    netSales: sums.netSales - refunds,
    tips: sums.tips - Number(refunded?.tips ?? 0),
  };
}

export function byKey(rows: Raw[], key: string): Map<string, Raw> {
  return new Map(rows.map((row) => [String(row[key]), row]));
}

export function textOrNull(value: Raw[string] | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A time read raw: a Date from PostgreSQL, UTC text (2026-11-22 18:03:11.123) from SQLite. */
export function storedTime(value: Raw[string] | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}
