import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, flag, timestamp } from './columns';

/**
 * What kitchen screens need: stations' timer thresholds, an order's rush flag, when a fired item last changed,
 * and the kitchen devices paired once with a code.
 */
export class KitchenScreens1795004700000 implements MigrationInterface {
  name = 'KitchenScreens1795004700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('stations', [
      new TableColumn(column.integer('warn_after_minutes', 5)),
      new TableColumn(column.integer('late_after_minutes', 8)),
    ]);
    await queryRunner.addColumn('orders', new TableColumn(flag(queryRunner, 'rush', false)));
    await queryRunner.addColumn('order_items', new TableColumn(timestamp(queryRunner, 'changed_at', true)));
    await queryRunner.createTable(
      new Table({
        name: 'kitchen_devices',
        columns: [
          column.id(),
          column.text('name', 100),
          column.longText('station_ids'),
          flag(queryRunner, 'expo', false),
          column.text('pairing_code_hash', 64, true),
          timestamp(queryRunner, 'pairing_code_expires_at', true),
          column.text('token_hash', 64, true),
          timestamp(queryRunner, 'paired_at', true),
          timestamp(queryRunner, 'last_seen_at', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'kitchen_devices_token_hash_unique',
            columnNames: ['token_hash'],
            isUnique: true,
          }),
          new TableIndex({ name: 'kitchen_devices_pairing_code_hash', columnNames: ['pairing_code_hash'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('kitchen_devices');
    await queryRunner.dropColumn('order_items', 'changed_at');
    await queryRunner.dropColumn('orders', 'rush');
    await queryRunner.dropColumns('stations', ['warn_after_minutes', 'late_after_minutes']);
  }
}
