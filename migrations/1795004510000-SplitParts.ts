import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/**
 * A part split off an order names the order it came from: a channel's order keeps its external id alone, and its
 * parts point back to it.
 */
export class SplitParts1795004510000 implements MigrationInterface {
  name = 'SplitParts1795004510000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('orders', new TableColumn(column.reference('split_from', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('orders', 'split_from');
  }
}
