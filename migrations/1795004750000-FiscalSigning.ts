import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, flag, timestamp } from './columns';

/**
 * Fiscal signing: each till's transactions as the signing unit signed them (or not yet), the units used, and what
 * of each order has been recorded as sent to the kitchen; the device each order was opened on (its till).
 */
export class FiscalSigning1795004750000 implements MigrationInterface {
  name = 'FiscalSigning1795004750000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'fiscal_transactions',
        columns: [
          column.id(),
          column.text('subject', 64),
          { name: 'seq', type: 'bigint' },
          column.integer('position'),
          column.text('process_type', 20),
          column.longText('process_data'),
          column.text('client_id', 100),
          column.reference('order_id'),
          column.reference('receipt_id', true),
          timestamp(queryRunner, 'occurred_at'),
          column.text('state', 12),
          column.text('error', 500, true),
          flag(queryRunner, 'refused', false),
          column.text('unit_serial', 64, true),
          { name: 'transaction_number', type: 'integer', isNullable: true },
          timestamp(queryRunner, 'started_at', true),
          timestamp(queryRunner, 'finished_at', true),
          { name: 'signature_counter', type: 'integer', isNullable: true },
          column.longText('signature', true),
          column.longText('log_message', true),
        ],
        indices: [
          new TableIndex({ name: 'fiscal_transactions_subject', columnNames: ['subject'], isUnique: true }),
          new TableIndex({
            name: 'fiscal_transactions_state_seq',
            columnNames: ['state', 'seq', 'position'],
          }),
          new TableIndex({ name: 'fiscal_transactions_occurred_at', columnNames: ['occurred_at'] }),
          new TableIndex({ name: 'fiscal_transactions_receipt_id', columnNames: ['receipt_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fiscal_units',
        columns: [
          { ...column.text('serial', 64), isPrimary: true },
          column.text('kind', 20),
          column.longText('public_key'),
          column.text('algorithm', 40),
          column.text('time_format', 20),
          flag(queryRunner, 'reachable', true),
          column.text('last_error', 500, true),
          timestamp(queryRunner, 'first_used_at'),
          timestamp(queryRunner, 'checked_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fiscal_order_ledgers',
        columns: [column.id('order_id'), column.text('client_id', 100), column.longText('recorded')],
      }),
    );
    await queryRunner.addColumn('orders', new TableColumn(column.text('device_id', 100, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('orders', 'device_id');
    await queryRunner.dropTable('fiscal_order_ledgers');
    await queryRunner.dropTable('fiscal_units');
    await queryRunner.dropTable('fiscal_transactions');
  }
}
