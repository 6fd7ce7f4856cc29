import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, flag, timestamp } from './columns';

/**
 * A site's record of the catalog it last pulled from headquarters; headquarters' master catalog (entries by kind and hqKey), its overrides per site or group, its publications with
 * each site's state, and the catalog version each site last applied.
 */
export class ChainCatalog1795830000000 implements MigrationInterface {
  name = 'ChainCatalog1795830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('hq_sites', [
      new TableColumn({ name: 'catalog_version', type: 'integer', isNullable: true }),
      new TableColumn(timestamp(queryRunner, 'catalog_applied_at', true)),
    ]);
    await queryRunner.addColumns('hq_link', [
      new TableColumn(column.reference('catalog_publication_id', true)),
      new TableColumn({ name: 'catalog_version', type: 'integer', isNullable: true }),
      new TableColumn(column.text('catalog_etag', 80, true)),
      new TableColumn(column.text('catalog_state', 10, true)),
      new TableColumn(column.longText('catalog_problem', true)),
      new TableColumn(timestamp(queryRunner, 'catalog_pulled_at', true)),
      new TableColumn(flag(queryRunner, 'catalog_reported', false)),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'hq_catalog_items',
        columns: [
          { ...column.text('kind', 20), isPrimary: true },
          { ...column.text('hq_key', 100), isPrimary: true },
          column.longText('entry'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_overrides',
        columns: [
          column.id(),
          column.text('kind', 20),
          column.text('hq_key', 100),
          column.text('scope_key', 45),
          { name: 'price', type: 'bigint', isNullable: true },
          { name: 'available', type: 'boolean', isNullable: true },
          { name: 'absent', type: 'boolean', isNullable: true },
          column.text('station_key', 100, true),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'hq_overrides_target_scope_unique',
            columnNames: ['kind', 'hq_key', 'scope_key'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_publications',
        columns: [
          column.id(),
          { name: 'version', type: 'integer' },
          column.text('note', 500),
          column.longText('snapshot'),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'hq_publications_version_unique',
            columnNames: ['version'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_publication_sites',
        columns: [
          { ...column.reference('publication_id'), isPrimary: true },
          { ...column.reference('site_id'), isPrimary: true },
          column.text('state', 10),
          column.longText('reason', true),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('hq_publication_sites');
    await queryRunner.dropTable('hq_publications');
    await queryRunner.dropTable('hq_overrides');
    await queryRunner.dropTable('hq_catalog_items');
    for (const name of [
      'catalog_reported',
      'catalog_pulled_at',
      'catalog_problem',
      'catalog_state',
      'catalog_etag',
      'catalog_version',
    ]) {
      await queryRunner.dropColumn('hq_link', name);
    }
    await queryRunner.dropColumn('hq_sites', 'catalog_applied_at');
    await queryRunner.dropColumn('hq_sites', 'catalog_version');
  }
}
