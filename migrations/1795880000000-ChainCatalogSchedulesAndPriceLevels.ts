import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column } from './columns';

/** The site's tables headquarters' catalog now fills too: menu schedules and price levels. */
const TABLES = ['menu_schedules', 'price_levels'];

/**
 * `hq_key` on menu schedules and price levels, as on the menu's other tables: the key of the headquarters schedule
 * or price level a site's row was made from, null for the site's own, unique.
 */
export class ChainCatalogSchedulesAndPriceLevels1795880000000 implements MigrationInterface {
  name = 'ChainCatalogSchedulesAndPriceLevels1795880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.addColumn(table, new TableColumn(column.text('hq_key', 100, true)));
      await queryRunner.createIndex(
        table,
        new TableIndex({ name: `${table}_hq_key`, columnNames: ['hq_key'], isUnique: true }),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await queryRunner.dropIndex(table, `${table}_hq_key`);
      await queryRunner.dropColumn(table, 'hq_key');
    }
  }
}
