import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column } from './columns';

/**
 * A drawer per device: each shift names the device (X-Device-Id) whose drawer it is, '' for the back office's
 * house drawer, and one shift is open per drawer instead of one in all; a payment names the device it was taken
 * on, so a tablet's cash goes to the drawer open there.
 */
export class DrawersOnDevices1797300000000 implements MigrationInterface {
  name = 'DrawersOnDevices1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'cash_shifts',
      new TableColumn({ ...column.text('drawer', 100), default: "''" }),
    );
    await queryRunner.dropIndex('cash_shifts', 'cash_shifts_one_open');
    await queryRunner.createIndex(
      'cash_shifts',
      new TableIndex({
        name: 'cash_shifts_one_open_per_drawer',
        columnNames: ['drawer'],
        isUnique: true,
        where: "status = 'open'",
      }),
    );
    await queryRunner.addColumn('payments', new TableColumn(column.text('device_id', 100, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('payments', 'device_id');
    await queryRunner.dropIndex('cash_shifts', 'cash_shifts_one_open_per_drawer');
    await queryRunner.createIndex(
      'cash_shifts',
      new TableIndex({
        name: 'cash_shifts_one_open',
        columnNames: ['status'],
        isUnique: true,
        where: "status = 'open'",
      }),
    );
    await queryRunner.dropColumn('cash_shifts', 'drawer');
  }
}
