import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * Modifier groups ("Sauce", "Extras") with their priced options, the groups each dish offers (in order), and the
 * options an order item carries: copied onto it as JSON text (`[{optionId, groupName, name, priceDelta}]`), so
 * later menu edits leave the order as it was.
 */
export class ModifierGroups1795001900000 implements MigrationInterface {
  name = 'ModifierGroups1795001900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'modifier_groups',
        columns: [
          column.id(),
          column.text('name', 100),
          column.integer('min_choices', 0),
          column.integer('max_choices', 1),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'modifier_options',
        columns: [
          column.id(),
          column.reference('group_id'),
          column.text('name', 100),
          { name: 'price_delta', type: 'bigint', default: 0 },
          column.boolean('available', true),
          column.integer('sort_order', 0),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'modifier_options_group_id', columnNames: ['group_id'] }),
          new TableIndex({
            name: 'modifier_options_group_name_unique',
            columnNames: ['group_id', 'name'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'modifier_options_group_fk',
            columnNames: ['group_id'],
            referencedTableName: 'modifier_groups',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'dish_modifier_groups',
        columns: [
          { ...column.reference('dish_id'), isPrimary: true },
          { ...column.reference('group_id'), isPrimary: true },
          column.integer('position'),
        ],
        indices: [new TableIndex({ name: 'dish_modifier_groups_group_id', columnNames: ['group_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'dish_modifier_groups_dish_fk',
            columnNames: ['dish_id'],
            referencedTableName: 'dishes',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          // The API refuses to delete a group that live dishes offer; deleted dishes let go of it.
          new TableForeignKey({
            name: 'dish_modifier_groups_group_fk',
            columnNames: ['group_id'],
            referencedTableName: 'modifier_groups',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.addColumn(
      'order_items',
      new TableColumn({ name: 'modifiers', type: 'text', default: "'[]'", isNullable: false }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('order_items', 'modifiers');
    for (const table of ['dish_modifier_groups', 'modifier_options', 'modifier_groups']) {
      await queryRunner.dropTable(table);
    }
  }
}
