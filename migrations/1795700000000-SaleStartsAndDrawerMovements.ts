import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * When a receipt's sale began (its order opened), kept with its fiscal transaction: the receipt's start time and
 * DSFinV-K's BON_START. Paid-in and paid-out cash of a drawer shift (deposits and withdrawals), each with its
 * reason.
 */
export class SaleStartsAndDrawerMovements1795700000000 implements MigrationInterface {
  name = 'SaleStartsAndDrawerMovements1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'fiscal_transactions',
      new TableColumn(timestamp(queryRunner, 'sale_started_at', true)),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cash_drawer_movements',
        columns: [
          column.id(),
          column.reference('shift_id'),
          column.text('kind', 10),
          { name: 'amount', type: 'bigint' },
          column.text('reason', 255),
          column.reference('recorded_by'),
          timestamp(queryRunner, 'recorded_at'),
        ],
        indices: [new TableIndex({ name: 'cash_drawer_movements_shift_id', columnNames: ['shift_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('cash_drawer_movements');
    await queryRunner.dropColumn('fiscal_transactions', 'sale_started_at');
  }
}
