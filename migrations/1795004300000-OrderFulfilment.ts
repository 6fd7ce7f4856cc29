import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * The fulfilment of takeaway and delivery orders, on the order row: every order read and event carries it without
 * a join. The unique (channel, external_id) makes a channel's order one order however often it is posted; rows
 * without an external id (dine-in, orders taken by the restaurant) hold nulls, which never collide.
 */
export class OrderFulfilment1795004300000 implements MigrationInterface {
  name = 'OrderFulfilment1795004300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('orders', [
      new TableColumn(column.text('fulfilment_status', 20, true)),
      new TableColumn(column.text('fulfilment_name', 200, true)),
      new TableColumn(column.text('fulfilment_phone', 20, true)),
      new TableColumn(column.longText('fulfilment_address', true)),
      new TableColumn(column.text('fulfilment_reason', 500, true)),
      new TableColumn(timestamp(queryRunner, 'promised_at', true)),
      new TableColumn(column.text('channel', 40, true)),
      new TableColumn(column.text('external_id', 100, true)),
      new TableColumn(column.longText('courier', true)),
    ]);
    await queryRunner.createIndex(
      'orders',
      new TableIndex({
        name: 'orders_channel_external_id',
        columnNames: ['channel', 'external_id'],
        isUnique: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('orders', 'orders_channel_external_id');
    await queryRunner.dropColumns('orders', [
      'courier',
      'external_id',
      'channel',
      'promised_at',
      'fulfilment_reason',
      'fulfilment_address',
      'fulfilment_phone',
      'fulfilment_name',
      'fulfilment_status',
    ]);
  }
}
