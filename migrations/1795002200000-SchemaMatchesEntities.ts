import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** A column as the entities declare it, against what the earlier migrations built. */
interface Correction {
  column: string;
  built: Partial<TableColumn>;
  declared: Partial<TableColumn>;
}

const notNull = (column: string): Correction => ({
  column,
  built: { isNullable: true },
  declared: { isNullable: false },
});
const bigint = (column: string): Correction => ({
  column,
  built: { type: 'integer' },
  declared: { type: 'bigint' },
});
/** SQLite reads `DEFAULT (true)` back as `true`, where TypeORM declares a boolean default as 1. */
const booleanDefault = (column: string, value: boolean): Correction => ({
  column,
  built: { default: String(value) },
  declared: { default: value ? '1' : '0' },
});

/** Columns written without NOT NULL though every row has a value: nothing writes a null into them. */
const NOT_NULL: Record<string, string[]> = {
  idempotency_keys: ['response_status', 'response_body'],
  payments: ['business_day'],
  refunds: ['business_day'],
};

/**
 * What SQLite alone got otherwise than the entities say. Money was made bigint on PostgreSQL only (SQLite's integers
 * are 64-bit whatever the declared type), and booleans got defaults SQLite reads back as text.
 */
const SQLITE_ONLY: Record<string, Correction[]> = {
  users: [booleanDefault('active', true)],
  api_keys: [booleanDefault('active', true)],
  webhooks: [booleanDefault('active', true)],
  categories: [booleanDefault('active', true)],
  dishes: [booleanDefault('available', true)],
  dish_variations: [bigint('price'), booleanDefault('available', true), booleanDefault('sold_out', false)],
  modifier_options: [booleanDefault('available', true)],
  payment_methods: [booleanDefault('active', true)],
  order_items: [bigint('unit_price')],
  orders: [
    'discount_value',
    'subtotal',
    'discount',
    'service_charge',
    'tax',
    'total',
    'paid',
    'due',
    'tips',
    'refunded',
  ].map(bigint),
  payments: ['amount', 'tendered', 'change', 'tip', 'refunded'].map(bigint),
  refunds: [bigint('amount')],
};

/** The schema as the entities declare it, so that `migration:generate` on a migrated database finds nothing to do. */
export class SchemaMatchesEntities1795002200000 implements MigrationInterface {
  name = 'SchemaMatchesEntities1795002200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // ReportColumns filled them; a row written between that and this by an older build gets the same day.
    await queryRunner.query(
      'UPDATE payments SET business_day = (SELECT o.business_day FROM orders o WHERE o.id = payments.order_id) WHERE business_day IS NULL',
    );
    await queryRunner.query(
      'UPDATE refunds SET business_day = (SELECT p.business_day FROM payments p WHERE p.id = refunds.payment_id) WHERE business_day IS NULL',
    );
    await this.apply(queryRunner, 'declared');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.apply(queryRunner, 'built');
  }

  private async apply(queryRunner: QueryRunner, to: 'built' | 'declared'): Promise<void> {
    const sqlite = queryRunner.connection.options.type !== 'postgres';
    const corrections = new Map<string, Correction[]>();
    for (const [table, columns] of Object.entries(NOT_NULL)) corrections.set(table, columns.map(notNull));
    if (sqlite) {
      for (const [table, list] of Object.entries(SQLITE_ONLY)) {
        corrections.set(table, [...(corrections.get(table) ?? []), ...list]);
      }
    }
    for (const [name, list] of corrections) {
      const table = await queryRunner.getTable(name);
      if (!table) throw new Error(`Table ${name} is missing`);
      // One change per table: on SQLite each rebuilds the table (TypeORM turns foreign keys off while migrating).
      const changes = list.map((correction) => {
        const old = table.findColumnByName(correction.column);
        if (!old) throw new Error(`Column ${name}.${correction.column} is missing`);
        const changed = old.clone();
        Object.assign(changed, correction[to]);
        return { oldColumn: old, newColumn: changed };
      });
      await queryRunner.changeColumns(table, changes);
    }
  }
}
