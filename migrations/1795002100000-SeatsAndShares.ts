import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/**
 * Table service's checks: the seat an order line is for (`order_items.seat`, none by default), and the parts of an
 * order's money given to or received from other orders by an even split (`orders.shares`, JSON text kept on the
 * order row so that reading or changing an order costs no extra statement).
 */
export class SeatsAndShares1795002100000 implements MigrationInterface {
  name = 'SeatsAndShares1795002100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'order_items',
      new TableColumn({ name: 'seat', type: 'integer', isNullable: true }),
    );
    await queryRunner.addColumn('orders', new TableColumn({ ...column.longText('shares'), default: "'[]'" }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('orders', 'shares');
    await queryRunner.dropColumn('order_items', 'seat');
  }
}
