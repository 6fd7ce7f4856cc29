import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column, flag } from './columns';

const money = (name: string): TableColumn => new TableColumn({ name, type: 'bigint', default: 0 });
const jsonList = (name: string): TableColumn =>
  new TableColumn({ ...column.longText(name), default: "'[]'" });

/**
 * Refunds that name what they return (the lines, the part of the tip given back) and whether they came after
 * their order's close (reported on their own business day then); a payment's refunded tip.
 */
export class RefundsByLinesAndTips1795004600000 implements MigrationInterface {
  name = 'RefundsByLinesAndTips1795004600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('payments', money('tip_refunded'));
    await queryRunner.addColumns('refunds', [
      money('tip'),
      jsonList('lines'),
      new TableColumn(flag(queryRunner, 'after_close', false)),
    ]);
    const yes = queryRunner.connection.options.type === 'postgres' ? 'true' : '1';
    await queryRunner.query(
      `UPDATE refunds SET after_close = ${yes} WHERE EXISTS (SELECT 1 FROM payments p JOIN orders o ON o.id = p.order_id
         WHERE p.id = refunds.payment_id AND o.closed_at IS NOT NULL AND refunds.created_at >= o.closed_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('refunds', ['tip', 'lines', 'after_close']);
    await queryRunner.dropColumn('payments', 'tip_refunded');
  }
}
