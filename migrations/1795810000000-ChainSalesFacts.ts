import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

const money = (name: string) => ({ name, type: 'bigint', default: 0 });
/** The figures of a site's sales report, in both tables that hold them. */
const salesSums = () => [
  column.integer('orders', 0),
  ...['gross', 'discounts', 'service_charge', 'tax', 'refunds', 'net_sales', 'tips'].map(money),
];

/**
 * Headquarters keeps every site's sales facts once per (site, seq of the site's log), their sums per site, day,
 * currency and channel (what the consolidated reports read), and how far each site has sent them.
 */
export class ChainSalesFacts1795810000000 implements MigrationInterface {
  name = 'ChainSalesFacts1795810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('hq_sites', [
      new TableColumn({ name: 'sales_cursor', type: 'bigint', default: 0 }),
      new TableColumn(timestamp(queryRunner, 'sales_received_at', true)),
      new TableColumn(column.integer('sales_pending_batches', 0)),
      new TableColumn(timestamp(queryRunner, 'sales_pending_since', true)),
      new TableColumn(column.text('current_business_day', 10, true)),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'hq_sales_facts',
        columns: [
          { ...column.reference('site_id'), isPrimary: true },
          { name: 'seq', type: 'bigint', isPrimary: true },
          column.text('type', 32),
          timestamp(queryRunner, 'occurred_at'),
          column.text('business_day', 10),
          column.text('currency', 3),
          column.text('channel', 40, true),
          column.reference('order_id', true),
          ...salesSums(),
          column.longText('detail'),
          timestamp(queryRunner, 'received_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_sales_days',
        columns: [
          { ...column.reference('site_id'), isPrimary: true },
          { ...column.text('business_day', 10), isPrimary: true },
          { ...column.text('currency', 3), isPrimary: true },
          { ...column.text('channel', 40), isPrimary: true },
          ...salesSums(),
        ],
        indices: [new TableIndex({ name: 'hq_sales_days_business_day', columnNames: ['business_day'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('hq_sales_days');
    await queryRunner.dropTable('hq_sales_facts');
    await queryRunner.dropColumn('hq_sites', 'current_business_day');
    await queryRunner.dropColumn('hq_sites', 'sales_pending_since');
    await queryRunner.dropColumn('hq_sites', 'sales_pending_batches');
    await queryRunner.dropColumn('hq_sites', 'sales_received_at');
    await queryRunner.dropColumn('hq_sites', 'sales_cursor');
  }
}
