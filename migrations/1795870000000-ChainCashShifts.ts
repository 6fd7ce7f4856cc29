import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { column, timestamp } from './columns';

const money = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const key = (options: TableColumnOptions): TableColumnOptions => ({ ...options, isPrimary: true });

/** Headquarters keeps each site's drawer shifts as the sites count and close them. */
export class ChainCashShifts1795870000000 implements MigrationInterface {
  name = 'ChainCashShifts1795870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'hq_cash_shifts',
        columns: [
          key(column.reference('site_id')),
          key(column.reference('shift_id')),
          column.text('business_day', 10),
          column.text('currency', 3),
          { name: 'seq', type: 'bigint' },
          timestamp(queryRunner, 'closed_at'),
          money('expected_cash'),
          money('counted_cash'),
          money('difference'),
          column.longText('shift'),
          timestamp(queryRunner, 'received_at'),
        ],
        indices: [{ name: 'hq_cash_shifts_site_day', columnNames: ['site_id', 'business_day'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('hq_cash_shifts');
  }
}
