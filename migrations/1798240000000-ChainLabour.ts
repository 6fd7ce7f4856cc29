import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { column, timestamp } from './columns';

const money = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const key = (options: TableColumnOptions): TableColumnOptions => ({ ...options, isPrimary: true });

/**
 * Headquarters keeps each site's labour per business day and job, and its tips per business day, as the site's
 * latest `labour_days` fact naming the day said (docs/chain.md, Labour and tips).
 */
export class ChainLabour1798240000000 implements MigrationInterface {
  name = 'ChainLabour1798240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'hq_labour_days',
        columns: [
          key(column.reference('site_id')),
          key(column.text('business_day', 10)),
          key(column.text('job_key', 100)),
          column.text('job', 100, true),
          column.text('currency', 3),
          { name: 'seq', type: 'bigint' },
          column.integer('worked_seconds'),
          column.integer('overtime_seconds'),
          money('cost'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_tip_days',
        columns: [
          key(column.reference('site_id')),
          key(column.text('business_day', 10)),
          column.text('currency', 3),
          { name: 'seq', type: 'bigint' },
          money('earned'),
          money('given_out'),
          money('received'),
          money('paid_out'),
          timestamp(queryRunner, 'received_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('hq_tip_days');
    await queryRunner.dropTable('hq_labour_days');
  }
}
