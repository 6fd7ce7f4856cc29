import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column } from './columns';

/** The site's tables headquarters' catalog now fills too: modifier groups, their options, and tax rates. */
const TABLES = ['modifier_groups', 'modifier_options', 'tax_rates'];

/**
 * `hq_key` on modifier groups, modifier options and tax rates, as on the menu's other tables (MenuHqKeys): the key
 * of the headquarters row (a modifier group, an option, a tax mapping) a site's row was made from, null for the
 * site's own, unique. At headquarters, an override may now set a dish's tax mapping (`tax_rate_key`) and a tax
 * mapping's percent (`parts_per_million`, the percent × 10,000 as tax rates keep it).
 */
export class ChainCatalogModifiersAndTaxes1795861000000 implements MigrationInterface {
  name = 'ChainCatalogModifiersAndTaxes1795861000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.addColumn(table, new TableColumn(column.text('hq_key', 100, true)));
      await queryRunner.createIndex(
        table,
        new TableIndex({ name: `${table}_hq_key`, columnNames: ['hq_key'], isUnique: true }),
      );
    }
    await queryRunner.addColumn('hq_overrides', new TableColumn(column.text('tax_rate_key', 100, true)));
    await queryRunner.addColumn(
      'hq_overrides',
      new TableColumn({ name: 'parts_per_million', type: 'integer', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('hq_overrides', 'parts_per_million');
    await queryRunner.dropColumn('hq_overrides', 'tax_rate_key');
    for (const table of [...TABLES].reverse()) {
      await queryRunner.dropIndex(table, `${table}_hq_key`);
      await queryRunner.dropColumn(table, 'hq_key');
    }
  }
}
