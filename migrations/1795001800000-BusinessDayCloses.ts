import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/** Closed business days: each with its numbered Z report, kept as the exact text it was first served as. */
export class BusinessDayCloses1795001800000 implements MigrationInterface {
  name = 'BusinessDayCloses1795001800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'business_day_closes',
        columns: [
          { ...column.text('business_day', 10), isPrimary: true },
          column.integer('number'),
          timestamp(queryRunner, 'closed_at'),
          column.reference('closed_by'),
          column.longText('report_json'),
          column.longText('report_csv'),
        ],
        indices: [
          // Z numbers never repeat: two closes racing for the same number leave one to retry.
          new TableIndex({ name: 'business_day_closes_number', columnNames: ['number'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('business_day_closes');
  }
}
