import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

const money = (name: string): TableColumnOptions => ({ name, type: 'bigint', default: 0 });
const count = (name: string): TableColumnOptions => ({ name, type: 'bigint', default: 0 });
const key = (options: TableColumnOptions): TableColumnOptions => ({ ...options, isPrimary: true });

/** A site's day in its currency: the first keys of every per-day table. */
const siteDay = () => [
  key(column.reference('site_id')),
  key(column.text('business_day', 10)),
  key(column.text('currency', 3)),
];

const byDay = (table: string) => [
  new TableIndex({ name: `${table}_business_day`, columnNames: ['business_day'] }),
];

/**
 * Headquarters' dish, payment-method and tax reports read per-day sums kept as the facts arrive (like
 * hq_sales_days), and it keeps each site's Z reports as the sites send them with their days closed.
 */
export class ChainReports1795850000000 implements MigrationInterface {
  name = 'ChainReports1795850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'hq_sales_dish_days',
        columns: [
          ...siteDay(),
          key(column.text('kind', 8)),
          key(column.text('name', 200)),
          key(column.text('detail', 200)),
          count('quantity'),
          money('revenue'),
          money('price_rule_discount'),
        ],
        indices: byDay('hq_sales_dish_days'),
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_sales_payment_days',
        columns: [
          ...siteDay(),
          key(column.text('method', 200)),
          key(column.text('kind', 16)),
          count('payments'),
          money('received'),
          money('change_given'),
          money('tips'),
          count('refunds'),
          money('refunded'),
        ],
        indices: byDay('hq_sales_payment_days'),
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_sales_tax_days',
        columns: [
          ...siteDay(),
          key(column.text('name', 200)),
          key({ name: 'parts_per_million', type: 'integer' }),
          money('net'),
          money('tax'),
          money('gross'),
        ],
        indices: byDay('hq_sales_tax_days'),
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_z_reports',
        columns: [
          key(column.reference('site_id')),
          key(column.text('business_day', 10)),
          { name: 'number', type: 'integer' },
          { name: 'seq', type: 'bigint' },
          timestamp(queryRunner, 'closed_at'),
          column.longText('report'),
          timestamp(queryRunner, 'received_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('hq_z_reports');
    await queryRunner.dropTable('hq_sales_tax_days');
    await queryRunner.dropTable('hq_sales_payment_days');
    await queryRunner.dropTable('hq_sales_dish_days');
  }
}
