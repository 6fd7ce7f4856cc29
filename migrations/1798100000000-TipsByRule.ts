import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

const money = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const day = (name: string, isPrimary = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '10',
  isPrimary,
});

/**
 * Tips by rule (docs/tips.md): the manager's ordered rules, the facts a day's tips are shared from, the payouts,
 * and the ledger kept per business day and person with the rules the day was shared by.
 */
export class TipsByRule1798100000000 implements MigrationInterface {
  name = 'TipsByRule1798100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'tip_rules',
        columns: [
          column.id(),
          column.integer('position'),
          column.text('kind', 16),
          { name: 'percent_ppm', type: 'integer', isNullable: true },
          column.longText('category_ids'),
          column.reference('to_job_id', true),
          column.longText('job_ids'),
          column.text('split_by', 8, true),
          column.text('eligibility', 8),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'tip_rules_position', columnNames: ['position'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tip_facts',
        columns: [
          column.id(),
          column.text('kind', 16),
          day('business_day'),
          column.reference('user_id'),
          money('amount'),
          column.reference('category_id', true),
          column.reference('payment_id', true),
          timestamp(queryRunner, 'occurred_at'),
        ],
        indices: [
          new TableIndex({ name: 'tip_facts_business_day', columnNames: ['business_day'] }),
          new TableIndex({ name: 'tip_facts_payment_id', columnNames: ['payment_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tip_payouts',
        columns: [
          column.id(),
          day('business_day'),
          column.reference('user_id'),
          money('amount'),
          column.text('method', 8),
          column.reference('cash_shift_id', true),
          column.reference('paid_by', true),
          timestamp(queryRunner, 'paid_at'),
        ],
        indices: [new TableIndex({ name: 'tip_payouts_business_day', columnNames: ['business_day'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tip_ledger',
        columns: [
          day('business_day', true),
          { ...column.reference('user_id'), isPrimary: true },
          money('earned'),
          money('given_out'),
          money('received'),
          money('paid_out'),
          money('balance'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tip_days',
        columns: [day('business_day', true), column.longText('rules'), timestamp(queryRunner, 'computed_at')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tip_days', 'tip_ledger', 'tip_payouts', 'tip_facts', 'tip_rules']) {
      await queryRunner.dropTable(table);
    }
  }
}
