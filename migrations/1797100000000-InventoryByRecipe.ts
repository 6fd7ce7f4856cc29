import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

const money = (name: string) => ({ name, type: 'bigint', default: 0 });
const count = (name: string) => ({ name, type: 'integer', isNullable: true });
const byIngredient = (table: string) =>
  new TableForeignKey({
    name: `${table}_ingredient_fk`,
    columnNames: ['ingredient_id'],
    referencedTableName: 'ingredients',
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

/**
 * Inventory by recipe: what the inventory keeps about an ingredient (unit, packs, cost, levels), recipe lines of
 * variations, modifier options and prep recipes, and the append-only ledger of stock movements. A variation or an
 * option notes the ingredient it is short of (`short_of`): off the menu while set.
 */
export class InventoryByRecipe1797100000000 implements MigrationInterface {
  name = 'InventoryByRecipe1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ingredient_stock',
        columns: [
          { ...column.reference('ingredient_id'), isPrimary: true },
          { ...column.text('base_unit', 8), default: "'g'" },
          column.longText('pack_units'),
          money('cost_per_thousand'),
          column.text('storage_area', 100, true),
          column.integer('on_hand', 0),
          count('par'),
          count('reorder_point'),
          count('low_threshold'),
          timestamp(queryRunner, 'updated_at'),
        ],
        foreignKeys: [byIngredient('ingredient_stock')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'recipe_lines',
        columns: [
          column.id(),
          column.text('owner_kind', 16),
          column.reference('owner_id'),
          { ...column.integer('position'), isNullable: false },
          column.reference('ingredient_id'),
          column.reference('prep_recipe_id', true),
          { ...column.integer('quantity'), isNullable: false },
          column.text('unit', 8),
          column.integer('yield_percent', 100),
          { ...column.text('mode', 8), default: "'add'" },
          column.reference('replaces_ingredient_id', true),
          { ...column.integer('base_quantity'), isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'recipe_lines_owner', columnNames: ['owner_kind', 'owner_id', 'position'] }),
          new TableIndex({ name: 'recipe_lines_ingredient_id', columnNames: ['ingredient_id'] }),
        ],
        foreignKeys: [byIngredient('recipe_lines')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'prep_recipes',
        columns: [
          column.id(),
          column.text('name', 100),
          column.reference('ingredient_id'),
          { ...column.integer('yield_quantity'), isNullable: false },
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'prep_recipes_ingredient_id',
            columnNames: ['ingredient_id'],
            isUnique: true,
          }),
        ],
        foreignKeys: [byIngredient('prep_recipes')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'stock_movements',
        columns: [
          column.id(),
          column.reference('ingredient_id'),
          { ...column.integer('quantity'), isNullable: false },
          { name: 'cost', type: 'bigint' },
          column.text('reason', 16),
          column.text('ref', 100, true),
          column.text('note', 255, true),
          column.text('by', 60, true),
          timestamp(queryRunner, 'at'),
        ],
        indices: [
          new TableIndex({ name: 'stock_movements_ingredient_at', columnNames: ['ingredient_id', 'at'] }),
          new TableIndex({ name: 'stock_movements_at', columnNames: ['at'] }),
        ],
      }),
    );
    for (const table of ['dish_variations', 'modifier_options']) {
      await queryRunner.addColumn(table, new TableColumn(column.reference('short_of', true)));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['dish_variations', 'modifier_options'])
      await queryRunner.dropColumn(table, 'short_of');
    for (const table of ['stock_movements', 'prep_recipes', 'recipe_lines', 'ingredient_stock']) {
      await queryRunner.dropTable(table);
    }
  }
}
