import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column, flag } from './columns';

/**
 * A webhook's consent to receive guests' personal data (subscriptions to the customer events had it implicitly and
 * keep it), and a kitchen ticket's document kept with its print job, so an erasure can render it without the guest.
 */
export class PersonalData1795004500000 implements MigrationInterface {
  name = 'PersonalData1795004500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('webhooks', new TableColumn(flag(queryRunner, 'personal_data', false)));
    const yes = queryRunner.connection.options.type === 'postgres' ? 'true' : '1';
    await queryRunner.query(
      `UPDATE webhooks SET personal_data = ${yes} WHERE events LIKE '%customer.updated%' OR events LIKE '%loyalty.activity%'`,
    );
    await queryRunner.addColumn('print_jobs', new TableColumn(column.longText('document', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('print_jobs', 'document');
    await queryRunner.dropColumn('webhooks', 'personal_data');
  }
}
