import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/**
 * A catalog row a site cannot take is set aside as a problem named on that row, and the rest of the publication
 * applies: the site keeps those problems with the version it applied, and headquarters keeps them per site and
 * publication.
 */
export class CatalogRowProblems1797700000000 implements MigrationInterface {
  name = 'CatalogRowProblems1797700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('hq_link', new TableColumn(column.longText('catalog_problems', true)));
    await queryRunner.addColumn('hq_publication_sites', new TableColumn(column.longText('problems', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('hq_publication_sites', 'problems');
    await queryRunner.dropColumn('hq_link', 'catalog_problems');
  }
}
