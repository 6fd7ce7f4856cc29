import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/**
 * Combos (docs/combos.md): a dish's slots and choices (`dishes.combo`, JSON, null for a plain dish), and on each
 * order item that is a component of an ordered combo the combo line it belongs to (`order_items.combo`, JSON, null
 * for a plain item).
 */
export class Combos1795004200000 implements MigrationInterface {
  name = 'Combos1795004200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('dishes', new TableColumn(column.longText('combo', true)));
    await queryRunner.addColumn('order_items', new TableColumn(column.longText('combo', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('order_items', 'combo');
    await queryRunner.dropColumn('dishes', 'combo');
  }
}
