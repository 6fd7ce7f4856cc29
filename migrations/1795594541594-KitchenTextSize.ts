import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/** A kitchen screen's text size, set by a manager per screen (a TV across the kitchen reads larger). */
export class KitchenTextSize1795594541594 implements MigrationInterface {
  name = 'KitchenTextSize1795594541594';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'kitchen_devices',
      new TableColumn({ ...column.text('text_size', 8), default: "'normal'" }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('kitchen_devices', 'text_size');
  }
}
