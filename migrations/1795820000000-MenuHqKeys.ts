import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column } from './columns';

/** The tables of the menu that headquarters' catalog fills: the HQ tables' rows they are, null for the site's own. */
const TABLES = ['categories', 'stations', 'dishes', 'dish_variations'];

/**
 * `hq_key` on categories, stations, dishes and variations: the stable key of the headquarters row a site's row was
 * made from (src/menu/hq-catalog), by which the next publication finds it again; null for a row the site made
 * itself. Unique, soft-deleted dishes and variations included: one is revived, never duplicated.
 */
export class MenuHqKeys1795820000000 implements MigrationInterface {
  name = 'MenuHqKeys1795820000000';

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
