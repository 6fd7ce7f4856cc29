import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, flag, timestamp } from './columns';

/** Austria's cash registers (RKSV): one per till, with its receipt series, chain and turnover counter. */
export class RksvCashRegisters1797400000000 implements MigrationInterface {
  name = 'RksvCashRegisters1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'cash_registers',
        columns: [
          { ...column.text('id', 30), isPrimary: true },
          column.text('aes_key_sealed', 255),
          { name: 'turnover', type: 'bigint' },
          column.integer('last_receipt_number'),
          column.longText('last_jws', true),
          flag(queryRunner, 'device_available', true),
          timestamp(queryRunner, 'device_failed_at', true),
          timestamp(queryRunner, 'created_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rksv_receipts',
        columns: [
          column.id(),
          column.text('cash_register_id', 30),
          column.integer('receipt_number'),
          column.reference('receipt_id', true),
          column.text('kind', 12),
          column.longText('jws'),
          flag(queryRunner, 'device_failed', false),
          column.text('business_date', 10),
          timestamp(queryRunner, 'signed_at'),
        ],
        indices: [
          new TableIndex({
            name: 'rksv_receipts_register_number',
            columnNames: ['cash_register_id', 'receipt_number'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'rksv_receipts_register_date',
            columnNames: ['cash_register_id', 'business_date'],
          }),
          new TableIndex({ name: 'rksv_receipts_receipt_id', columnNames: ['receipt_id'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rksv_order_tills',
        columns: [column.id('order_id'), column.text('cash_register_id', 30)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rksv_order_tills');
    await queryRunner.dropTable('rksv_receipts');
    await queryRunner.dropTable('cash_registers');
  }
}
