import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * Price levels (another price list, by floor area or order type), the level an area names, and what an order item
 * keeps of its pricing: the list price it was ordered at, and the rule and level that set its unit price. Items
 * ordered before keep their unit price as their list price, set by nothing.
 */
export class PriceLevels1795004100000 implements MigrationInterface {
  name = 'PriceLevels1795004100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'price_levels',
        columns: [
          column.id(),
          column.text('name', 100),
          column.longText('prices'),
          column.longText('order_types'),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.addColumn('locations', new TableColumn(column.reference('price_level_id', true)));
    await queryRunner.createIndex(
      'locations',
      new TableIndex({ name: 'locations_price_level_id', columnNames: ['price_level_id'] }),
    );
    // The API refuses to delete a level an area names (409); the database refuses it too.
    await queryRunner.createForeignKey(
      'locations',
      new TableForeignKey({
        name: 'locations_price_level_fk',
        columnNames: ['price_level_id'],
        referencedTableName: 'price_levels',
        referencedColumnNames: ['id'],
        onDelete: 'RESTRICT',
      }),
    );

    await queryRunner.addColumn(
      'order_items',
      new TableColumn({ name: 'list_price', type: 'bigint', isNullable: true }),
    );
    await queryRunner.query('UPDATE order_items SET list_price = unit_price');
    await queryRunner.changeColumn(
      'order_items',
      'list_price',
      new TableColumn({ name: 'list_price', type: 'bigint', isNullable: false }),
    );
    await queryRunner.addColumns('order_items', [
      new TableColumn(column.reference('price_rule_id', true)),
      new TableColumn(column.reference('price_level_id', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['price_level_id', 'price_rule_id', 'list_price']) {
      await queryRunner.dropColumn('order_items', name);
    }
    await queryRunner.dropForeignKey('locations', 'locations_price_level_fk');
    await queryRunner.dropIndex('locations', 'locations_price_level_id');
    await queryRunner.dropColumn('locations', 'price_level_id');
    await queryRunner.dropTable('price_levels');
  }
}
