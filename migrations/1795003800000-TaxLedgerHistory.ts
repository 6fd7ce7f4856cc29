import { MigrationInterface, QueryRunner } from 'typeorm';

/** The dialect's pieces: a new UUID per row, and the first rate of an item's `taxes` JSON text. */
interface Dialect {
  uuid: string;
  rateId: (taxes: string) => string;
  rateName: (taxes: string) => string;
  ratePpm: (taxes: string) => string;
}

const POSTGRES: Dialect = {
  uuid: 'gen_random_uuid()::text',
  rateId: (taxes) => `(${taxes}::json->0->>'taxRateId')`,
  rateName: (taxes) => `(${taxes}::json->0->>'name')`,
  ratePpm: (taxes) => `ROUND((${taxes}::json->0->>'percent')::numeric * 10000)::integer`,
};

const SQLITE: Dialect = {
  // A version 4 UUID from random bytes, as the app's randomUUID() makes them.
  uuid: `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
    || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`,
  rateId: (taxes) => `json_extract(${taxes}, '$[0].taxRateId')`,
  rateName: (taxes) => `json_extract(${taxes}, '$[0].name')`,
  ratePpm: (taxes) => `CAST(ROUND(json_extract(${taxes}, '$[0].percent') * 10000) AS INTEGER)`,
};

/**
 * The tax ledger's history: orders closed before the ledger existed (TaxLedger1795003010000) get the rows they
 * would have had, so that /reports/taxes equals /reports/sales for their business days too.
 *
 * Such an order was taxed by one TAX_RATE, and the TaxRates migration gave its items that rate as the default
 * rate `VAT <percent> %`. Its sale is one row from the totals it was closed with: its tax at its items' rate
 * (net = total - tax), or the exempt row when it had no tax. What was refunded after its close (total - paid,
 * as the sales report counts it) is one negative row spread over that row's net and tax by largest remainder,
 * as refundRows in src/money spreads it (ties to the net), so later refunds continue from it exactly.
 *
 * Set-based: two statements whatever the number of orders. An order that has a sale row is left alone, so it
 * runs again harmlessly, and an order closed for nothing (total 0) has no rows, as the ledger writes none.
 */
export class TaxLedgerHistory1795003800000 implements MigrationInterface {
  name = 'TaxLedgerHistory1795003800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const sql = postgres ? POSTGRES : SQLITE;
    const history = historySql(sql);
    // PostgreSQL plans "no sale row" from the ledger's statistics: stale (an empty ledger, or before the refund
    // rows just written), they make it scan the whole ledger once per order.
    const analyze = () => (postgres ? queryRunner.query('ANALYZE tax_ledger') : Promise.resolve());
    await analyze();
    // Refunds first: they pick the orders that have no sale row yet, which the second statement then gives one.
    const refunded = 'h.total - h.paid';
    const refundedTax = `(${refunded}) * h.tax / h.total
      + CASE WHEN ((${refunded}) * h.tax) % h.total > ((${refunded}) * (h.total - h.tax)) % h.total
        THEN 1 ELSE 0 END`;
    await queryRunner.query(
      `INSERT INTO tax_ledger (${LEDGER_COLUMNS})
       SELECT ${sql.uuid}, h.id, h.business_day, 'refund', h.rate_id, h.rate_name, h.ppm,
         -((${refunded}) - (${refundedTax})), -(${refundedTax}), -(${refunded}), h.updated_at
       FROM (${history}) h WHERE h.total > h.paid`,
    );
    await analyze();
    await queryRunner.query(
      `INSERT INTO tax_ledger (${LEDGER_COLUMNS})
       SELECT ${sql.uuid}, h.id, h.business_day, 'sale', h.rate_id, h.rate_name, h.ppm,
         h.total - h.tax, h.tax, h.total, h.closed_at
       FROM (${history}) h`,
    );
  }

  /** The rows stay: they record sales made and refunds given, which undoing a migration does not take back. */
  async down(): Promise<void> {}
}

const LEDGER_COLUMNS =
  'id, order_id, business_day, kind, tax_rate_id, name, parts_per_million, net, tax, gross, created_at';

/**
 * Closed orders with money and no sale row, with the rate of their sale row: when they had tax, the first rate
 * their items carry (a row without a rate named "Tax" should none carry one: TAX_RATE was unset at the upgrade);
 * without tax, the exempt row.
 */
function historySql(sql: Dialect): string {
  const taxed = (expression: string, untaxed: string, unknown: string) =>
    `CASE WHEN c.tax = 0 THEN ${untaxed} ELSE COALESCE(${expression}, ${unknown}) END`;
  return `SELECT c.id, c.business_day, c.total, c.tax, c.paid, c.closed_at, c.updated_at,
      ${taxed(sql.rateId('c.taxes'), 'NULL', 'NULL')} AS rate_id,
      ${taxed(sql.rateName('c.taxes'), `'Exempt'`, `'Tax'`)} AS rate_name,
      ${taxed(sql.ratePpm('c.taxes'), '0', '0')} AS ppm
    FROM (
      SELECT o.id, o.business_day, o.total, o.tax, o.paid, o.closed_at, o.updated_at,
        (SELECT i.taxes FROM order_items i WHERE i.order_id = o.id AND i.taxes <> '[]'
         ORDER BY i.position LIMIT 1) AS taxes
      FROM orders o
      WHERE o.status = 'closed' AND o.total <> 0
        AND NOT EXISTS (SELECT 1 FROM tax_ledger l WHERE l.order_id = o.id AND l.kind = 'sale')
    ) c`;
}
