import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/**
 * Courses, hold and fire, and counted stock:
 * - `order_items.course` (1 to 9): the course an item belongs to, fired together; existing items are course 1;
 * - `dish_variations.stock_count`: portions left, null when the variation is not counted;
 * - `dish_variations.sold_out`: the count took it off the menu (not a person), so a restock brings it back.
 */
export class CoursesAndCountedStock1795002000000 implements MigrationInterface {
  name = 'CoursesAndCountedStock1795002000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('order_items', new TableColumn(column.integer('course', 1)));
    await queryRunner.addColumn(
      'dish_variations',
      new TableColumn({ name: 'stock_count', type: 'integer', isNullable: true }),
    );
    await queryRunner.addColumn('dish_variations', new TableColumn(column.boolean('sold_out', false)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('dish_variations', 'sold_out');
    await queryRunner.dropColumn('dish_variations', 'stock_count');
    await queryRunner.dropColumn('order_items', 'course');
  }
}
