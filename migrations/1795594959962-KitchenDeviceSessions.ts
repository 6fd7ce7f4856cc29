import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column } from './columns';

/** The kitchen screen a cook's session was signed in on: revoking the screen ends the session (issue 47). */
export class KitchenDeviceSessions1795594959962 implements MigrationInterface {
  name = 'KitchenDeviceSessions1795594959962';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'auth_sessions',
      new TableColumn(column.reference('kitchen_device_id', true)),
    );
    await queryRunner.createIndex(
      'auth_sessions',
      new TableIndex({ name: 'auth_sessions_kitchen_device_id', columnNames: ['kitchen_device_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('auth_sessions', 'auth_sessions_kitchen_device_id');
    await queryRunner.dropColumn('auth_sessions', 'kitchen_device_id');
  }
}
