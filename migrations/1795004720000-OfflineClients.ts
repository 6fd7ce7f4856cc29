import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * Offline clients: the client ids used (each once, for good), devices' outbox states (X-Device-Id), and when an
 * order's guest check was last printed.
 */
export class OfflineClients1795004720000 implements MigrationInterface {
  name = 'OfflineClients1795004720000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'client_ids',
        columns: [column.id(), column.text('used_by', 300), timestamp(queryRunner, 'created_at')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'client_devices',
        columns: [
          { ...column.text('device_id', 100), isPrimary: true },
          column.integer('writes_applied'),
          column.text('last_key', 200),
          column.text('last_method', 10),
          column.text('last_path', 300),
          column.integer('last_status'),
          column.reference('last_user_id', true),
          column.reference('last_api_key_id', true),
          timestamp(queryRunner, 'last_applied_at'),
        ],
      }),
    );
    await queryRunner.addColumn('orders', new TableColumn(timestamp(queryRunner, 'bill_printed_at', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('orders', 'bill_printed_at');
    await queryRunner.dropTable('client_devices');
    await queryRunner.dropTable('client_ids');
  }
}
