import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Lookups that stay on an index however many orders a restaurant keeps (checked with EXPLAIN at 100,000 orders on
 * both databases: scripts/explain-plans.ts): a table's active orders (when one closes), lists filtered by status,
 * table or waiter in date order, a station's live kitchen items, and whether a payment method was ever used.
 */
export class OrderLookupIndexes1795000700000 implements MigrationInterface {
  name = 'OrderLookupIndexes1795000700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('orders', 'orders_table_id');
    await queryRunner.dropIndex('orders', 'orders_status');
    await queryRunner.createIndices('orders', [
      new TableIndex({ name: 'orders_table_id_status', columnNames: ['table_id', 'status'] }),
      new TableIndex({ name: 'orders_status_created_at', columnNames: ['status', 'created_at'] }),
      new TableIndex({ name: 'orders_waiter_id_created_at', columnNames: ['waiter_id', 'created_at'] }),
      new TableIndex({ name: 'orders_table_id_created_at', columnNames: ['table_id', 'created_at'] }),
    ]);
    await queryRunner.createIndex(
      'order_items',
      new TableIndex({ name: 'order_items_station_id_status', columnNames: ['station_id', 'status'] }),
    );
    await queryRunner.createIndex(
      'payments',
      new TableIndex({ name: 'payments_method_id', columnNames: ['method_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('order_items', 'order_items_station_id_status');
    for (const name of [
      'orders_waiter_id_created_at',
      'orders_status_created_at',
      'orders_table_id_status',
    ]) {
      await queryRunner.dropIndex('orders', name);
    }
    await queryRunner.createIndices('orders', [
      new TableIndex({ name: 'orders_status', columnNames: ['status'] }),
      new TableIndex({ name: 'orders_table_id', columnNames: ['table_id'] }),
    ]);
  }
}
