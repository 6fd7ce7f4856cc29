import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/**
 * The money module's allocations (docs/money.md): what each order line was allocated of its order's discount,
 * service charge and tax (`order_items.allocation`, JSON, null until allocated), and the order's tax breakdown
 * (`orders.taxes`, JSON rows kept with the totals). Orders from before keep their stored totals; an open one is
 * allocated at its next change, a closed one keeps an empty breakdown (history does not change).
 */
export class OrderMoneyAllocations1795003100000 implements MigrationInterface {
  name = 'OrderMoneyAllocations1795003100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('order_items', new TableColumn(column.longText('allocation', true)));
    await queryRunner.addColumn('orders', new TableColumn({ ...column.longText('taxes'), default: "'[]'" }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('orders', 'taxes');
    await queryRunner.dropColumn('order_items', 'allocation');
  }
}
