import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column } from './columns';

/**
 * What the reports need that the rows did not say:
 * - who applied an order's discount (`orders.discount_by`);
 * - the business day of each payment and refund, written when it is made, because money counts on the day it
 *   moved and SQLite has no time-zone database to work the day out from a timestamp. Rows from before this
 *   migration take their order's day, which is when nearly every payment is made;
 * - indexes for the reports' ranges of days: payments and refunds by day, an order's payments by method.
 */
export class ReportColumns1795001400000 implements MigrationInterface {
  name = 'ReportColumns1795001400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('orders', new TableColumn(column.reference('discount_by', true)));
    await queryRunner.addColumn('payments', new TableColumn(column.text('business_day', 10, true)));
    await queryRunner.addColumn('refunds', new TableColumn(column.text('business_day', 10, true)));
    await queryRunner.query(
      'UPDATE payments SET business_day = (SELECT o.business_day FROM orders o WHERE o.id = payments.order_id)',
    );
    await queryRunner.query(
      'UPDATE refunds SET business_day = (SELECT p.business_day FROM payments p WHERE p.id = refunds.payment_id)',
    );
    await queryRunner.createIndex(
      'payments',
      new TableIndex({ name: 'payments_business_day_method_id', columnNames: ['business_day', 'method_id'] }),
    );
    await queryRunner.createIndex(
      'refunds',
      new TableIndex({ name: 'refunds_business_day', columnNames: ['business_day'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('refunds', 'refunds_business_day');
    await queryRunner.dropIndex('payments', 'payments_business_day_method_id');
    await queryRunner.dropColumn('refunds', 'business_day');
    await queryRunner.dropColumn('payments', 'business_day');
    await queryRunner.dropColumn('orders', 'discount_by');
  }
}
