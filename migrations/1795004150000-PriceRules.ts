import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/** Price rules (happy hour): a percent off or a fixed price on a category, dish or variation, by schedule. */
export class PriceRules1795004150000 implements MigrationInterface {
  name = 'PriceRules1795004150000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'price_rules',
        columns: [
          column.id(),
          column.text('name', 100),
          column.reference('schedule_id'),
          column.reference('category_id', true),
          column.reference('dish_id', true),
          column.reference('variation_id', true),
          column.text('kind', 16),
          column.integer('amount'),
          column.longText('order_types'),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'price_rules_schedule_id', columnNames: ['schedule_id'] })],
        foreignKeys: [
          // The API refuses to delete a schedule a rule names (409); the database refuses it too.
          new TableForeignKey({
            name: 'price_rules_schedule_fk',
            columnNames: ['schedule_id'],
            referencedTableName: 'menu_schedules',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('price_rules');
  }
}
