import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * The menu: categories, kitchen stations, ingredients (with EU 14 allergen codes), dishes, their priced variations
 * and the dish-ingredient join. Dishes and variations are soft-deleted (`deleted_at`) because orders refer to them.
 * Modifier groups and courses will arrive as their own tables referencing `dishes` without changing these.
 */
export class Menu1795000300000 implements MigrationInterface {
  name = 'Menu1795000300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'categories',
        columns: [
          column.id(),
          column.text('name', 100),
          column.integer('sort_order', 0),
          column.boolean('active', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'categories_sort_order', columnNames: ['sort_order'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'stations',
        columns: [
          column.id(),
          column.text('name', 100),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'ingredients',
        columns: [
          column.id(),
          column.text('name', 100),
          column.longText('allergens'),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'dishes',
        columns: [
          column.id(),
          column.text('name', 100),
          { ...column.text('description', 1000), default: "''" },
          column.reference('category_id', true),
          column.reference('station_id', true),
          column.boolean('available', true),
          column.integer('prep_minutes', 10),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
          timestamp(queryRunner, 'deleted_at', true),
        ],
        indices: [
          new TableIndex({ name: 'dishes_category_id', columnNames: ['category_id'] }),
          new TableIndex({ name: 'dishes_station_id', columnNames: ['station_id'] }),
        ],
        foreignKeys: [
          // The API refuses to delete a category or station that live dishes use; deleted dishes let go of it.
          new TableForeignKey({
            name: 'dishes_category_fk',
            columnNames: ['category_id'],
            referencedTableName: 'categories',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
          new TableForeignKey({
            name: 'dishes_station_fk',
            columnNames: ['station_id'],
            referencedTableName: 'stations',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'dish_variations',
        columns: [
          column.id(),
          column.reference('dish_id'),
          column.text('name', 100),
          column.integer('price'),
          column.boolean('available', true),
          column.integer('sort_order', 0),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
          timestamp(queryRunner, 'deleted_at', true),
        ],
        indices: [
          new TableIndex({ name: 'dish_variations_dish_id', columnNames: ['dish_id'] }),
          new TableIndex({
            name: 'dish_variations_dish_name_unique',
            columnNames: ['dish_id', 'name'],
            isUnique: true,
            where: 'deleted_at IS NULL',
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'dish_variations_dish_fk',
            columnNames: ['dish_id'],
            referencedTableName: 'dishes',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'dish_ingredients',
        columns: [
          { ...column.reference('dish_id'), isPrimary: true },
          { ...column.reference('ingredient_id'), isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'dish_ingredients_ingredient_id', columnNames: ['ingredient_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'dish_ingredients_dish_fk',
            columnNames: ['dish_id'],
            referencedTableName: 'dishes',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          // The API refuses to delete an ingredient that live dishes use; deleted dishes let go of it.
          new TableForeignKey({
            name: 'dish_ingredients_ingredient_fk',
            columnNames: ['ingredient_id'],
            referencedTableName: 'ingredients',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'dish_ingredients',
      'dish_variations',
      'dishes',
      'ingredients',
      'stations',
      'categories',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
