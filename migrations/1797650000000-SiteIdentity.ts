import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/** Headquarters keeps the identity a site kept when it linked having sold already, to show the difference. */
export class SiteIdentity1797650000000 implements MigrationInterface {
  name = 'SiteIdentity1797650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('hq_sites', new TableColumn(column.longText('site_identity', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('hq_sites', 'site_identity');
  }
}
