import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { column, flag, timestamp } from './columns';

/**
 * Sales channels (aggregators and our own web shop) with their item mappings; API keys bound to one channel; the
 * price source of an order item (`channel` when an aggregator's price was kept).
 */
export class Channels1795004400000 implements MigrationInterface {
  name = 'Channels1795004400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'channels',
        columns: [
          column.id(),
          column.text('code', 40),
          column.text('name', 100),
          flag(queryRunner, 'active', true),
          flag(queryRunner, 'paused', false),
          flag(queryRunner, 'auto_accept', false),
          column.integer('prep_buffer_minutes', 0),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'channels_code_unique', columnNames: ['code'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'channel_items',
        columns: [
          column.id(),
          column.reference('channel_id'),
          column.integer('position'),
          column.text('external_id', 100),
          column.reference('dish_id', true),
          column.reference('variation_id', true),
          { ...column.longText('option_ids'), default: "'[]'" },
        ],
        indices: [
          new TableIndex({
            name: 'channel_items_channel_external_unique',
            columnNames: ['channel_id', 'external_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'channel_items_dish_id', columnNames: ['dish_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'channel_items_channel_fk',
            columnNames: ['channel_id'],
            referencedTableName: 'channels',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.addColumn('api_keys', new TableColumn(column.text('channel_code', 40, true)));
    await queryRunner.addColumn(
      'order_items',
      new TableColumn({ ...column.text('price_source', 8), default: "'menu'" }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('order_items', 'price_source');
    await queryRunner.dropColumn('api_keys', 'channel_code');
    await queryRunner.dropTable('channel_items');
    await queryRunner.dropTable('channels');
  }
}
