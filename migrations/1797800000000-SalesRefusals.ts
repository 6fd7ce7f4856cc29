import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column, timestamp } from './columns';

/** Headquarters keeps the last batch of sales facts it refused from a site (a repeat that differs), to show it. */
export class SalesRefusals1797800000000 implements MigrationInterface {
  name = 'SalesRefusals1797800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('hq_sites', [
      new TableColumn(column.text('sales_refusal', 500, true)),
      new TableColumn(timestamp(queryRunner, 'sales_refused_at', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('hq_sites', 'sales_refused_at');
    await queryRunner.dropColumn('hq_sites', 'sales_refusal');
  }
}
