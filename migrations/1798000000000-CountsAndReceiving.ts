import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * Counts, waste and receiving (docs/inventory.md): count sheets with their lines, suppliers with their pack prices,
 * and purchase orders with theirs (the lines of each kept as JSON on their row, written whole).
 */
export class CountsAndReceiving1798000000000 implements MigrationInterface {
  name = 'CountsAndReceiving1798000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'stock_counts',
        columns: [
          column.id(),
          column.text('storage_area', 100, true),
          column.text('status', 16),
          column.longText('lines'),
          column.text('opened_by', 60, true),
          timestamp(queryRunner, 'opened_at'),
          column.text('posted_by', 60, true),
          timestamp(queryRunner, 'posted_at', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'suppliers',
        columns: [
          column.id(),
          column.text('name', 100),
          column.text('contact', 255, true),
          column.longText('prices'),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'purchase_orders',
        columns: [
          column.id(),
          column.reference('supplier_id'),
          column.text('status', 24),
          column.longText('lines'),
          column.text('created_by', 60, true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'purchase_orders_supplier_id', columnNames: ['supplier_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['purchase_orders', 'suppliers', 'stock_counts']) await queryRunner.dropTable(table);
  }
}
