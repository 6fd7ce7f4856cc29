import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * The fiscal journal: `receipts`, append-only, and `receipt_sequence`, the one-row counter (with the last hash) whose
 * lock numbers them without a gap and orders the hash chain. The database itself refuses to change or delete a receipt: a trigger
 * on each database raises an error on UPDATE and DELETE, whoever sends them.
 */
export class Receipts1795003300000 implements MigrationInterface {
  name = 'Receipts1795003300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'receipt_sequence',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'last_number', type: 'integer', default: 0 },
          // The hash of receipt `last_number`, so that the next number and the hash to chain to come in one statement.
          column.text('last_hash', 64),
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO receipt_sequence (id, last_number, last_hash) VALUES (1, 0, '${'0'.repeat(64)}')`,
    );
    await queryRunner.createTable(
      new Table({
        name: 'receipts',
        columns: [
          column.id(),
          { name: 'number', type: 'integer' },
          column.text('kind', 8),
          column.reference('order_id'),
          column.reference('refund_of', true),
          column.text('issued_for', 48),
          timestamp(queryRunner, 'issued_at'),
          { name: 'total', type: 'bigint' },
          column.longText('content'),
          column.text('previous_hash', 64),
          column.text('hash', 64),
          column.longText('signature', true),
          column.text('token', 64),
        ],
        indices: [
          new TableIndex({ name: 'receipts_number', columnNames: ['number'], isUnique: true }),
          new TableIndex({ name: 'receipts_issued_for', columnNames: ['issued_for'], isUnique: true }),
          new TableIndex({ name: 'receipts_token', columnNames: ['token'], isUnique: true }),
          new TableIndex({ name: 'receipts_order_id', columnNames: ['order_id'] }),
          new TableIndex({ name: 'receipts_issued_at', columnNames: ['issued_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'receipts_order_fk',
            columnNames: ['order_id'],
            referencedTableName: 'orders',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'receipts_refund_of_fk',
            columnNames: ['refund_of'],
            referencedTableName: 'receipts',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION receipts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'receipts are append-only: % refused', TG_OP; END $$`);
      await queryRunner.query(`CREATE TRIGGER receipts_append_only BEFORE UPDATE OR DELETE ON receipts
        FOR EACH ROW EXECUTE FUNCTION receipts_append_only()`);
      // TRUNCATE skips row triggers: refuse it too.
      await queryRunner.query(`CREATE TRIGGER receipts_no_truncate BEFORE TRUNCATE ON receipts
        FOR EACH STATEMENT EXECUTE FUNCTION receipts_append_only()`);
      return;
    }
    for (const operation of ['UPDATE', 'DELETE']) {
      await queryRunner.query(`CREATE TRIGGER receipts_no_${operation.toLowerCase()} BEFORE ${operation} ON receipts
        BEGIN SELECT RAISE(ABORT, 'receipts are append-only: ${operation} refused'); END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('receipts');
    await queryRunner.dropTable('receipt_sequence');
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP FUNCTION receipts_append_only()');
    }
  }
}
