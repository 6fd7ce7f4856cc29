import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/** The signing unit's certificate, for the DSFinV-K's tse.csv (TSE_ZERTIFIKAT_I and _II). */
export class FiscalUnitCertificates1795600000001 implements MigrationInterface {
  name = 'FiscalUnitCertificates1795600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('fiscal_units', new TableColumn(column.longText('certificate', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('fiscal_units', 'certificate');
  }
}
