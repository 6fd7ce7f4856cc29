import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { flag, resizeText } from './columns';

/**
 * A channel's order keeps a phone that is not a valid number as given (up to the 40 characters its post allows),
 * marked unverified; every phone stored before was checked and kept as E.164.
 */
export class UnverifiedPhones1795004520000 implements MigrationInterface {
  name = 'UnverifiedPhones1795004520000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'orders',
      new TableColumn(flag(queryRunner, 'fulfilment_phone_verified', true)),
    );
    await resizeText(queryRunner, 'orders', 'fulfilment_phone', 40);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await resizeText(queryRunner, 'orders', 'fulfilment_phone', 20);
    await queryRunner.dropColumn('orders', 'fulfilment_phone_verified');
  }
}
