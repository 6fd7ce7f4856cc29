import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every money column, by table: what validation allows (99 × 100,000,000 on one line) must fit. */
const MONEY_COLUMNS: Record<string, string[]> = {
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
  ],
  order_items: ['unit_price'],
  payments: ['amount', 'tendered', 'change', 'tip', 'refunded'],
  refunds: ['amount'],
  dish_variations: ['price'],
};

/**
 * Money becomes 64-bit on PostgreSQL, where `integer` is 32-bit and an order worth more than 21,474,836.47 was a
 * 500. SQLite stores every integer in up to 8 bytes whatever the declared type, so it has nothing to change.
 */
export class MoneyAsBigint1795000800000 implements MigrationInterface {
  name = 'MoneyAsBigint1795000800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.retype(queryRunner, 'bigint');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.retype(queryRunner, 'integer');
  }

  private async retype(queryRunner: QueryRunner, type: 'bigint' | 'integer'): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const [table, columns] of Object.entries(MONEY_COLUMNS)) {
      const changes = columns.map((name) => `ALTER COLUMN "${name}" TYPE ${type}`).join(', ');
      await queryRunner.query(`ALTER TABLE "${table}" ${changes}`);
    }
  }
}
