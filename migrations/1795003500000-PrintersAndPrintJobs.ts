import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * Printers, their print jobs (queued as jobs of the `printers` consumer), the kitchen's ledger of what it has been
 * sent, and the printers an agent key serves.
 */
export class PrintersAndPrintJobs1795003500000 implements MigrationInterface {
  name = 'PrintersAndPrintJobs1795003500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'printers',
        columns: [
          column.id(),
          column.text('name', 100),
          column.text('kind', 16),
          column.text('connection_type', 16),
          column.text('host', 255, true),
          { ...column.integer('port'), isNullable: true },
          column.integer('width_chars'),
          column.longText('station_ids'),
          column.reference('backup_printer_id', true),
          // SQLite must read back the 1 TypeORM declares for a true default, not `true`.
          { ...column.boolean('active', true), default: postgres ? true : 1 },
          timestamp(queryRunner, 'failing_since', true),
          column.text('last_error', 500, true),
          timestamp(queryRunner, 'failure_announced_at', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'print_jobs',
        columns: [
          column.id(),
          column.reference('printer_id'),
          column.reference('original_printer_id', true),
          column.text('kind', 16),
          column.reference('order_id', true),
          column.reference('reprint_of', true),
          column.text('status', 16),
          column.integer('attempts', 0),
          column.longText('bytes'),
          timestamp(queryRunner, 'sending_at', true),
          column.text('last_error', 500, true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'printed_at', true),
        ],
        foreignKeys: [
          {
            name: 'print_jobs_printer',
            columnNames: ['printer_id'],
            referencedTableName: 'printers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          new TableIndex({ name: 'print_jobs_by_printer', columnNames: ['printer_id', 'created_at'] }),
          new TableIndex({ name: 'print_jobs_order', columnNames: ['order_id'] }),
          new TableIndex({ name: 'print_jobs_created', columnNames: ['created_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'kitchen_ticketed_items',
        columns: [column.id('item_id'), column.reference('order_id'), column.integer('quantity')],
      }),
    );
    await queryRunner.addColumn('api_keys', new TableColumn(column.longText('printer_ids', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('api_keys', 'printer_ids');
    await queryRunner.dropTable('kitchen_ticketed_items');
    await queryRunner.dropTable('print_jobs');
    await queryRunner.dropTable('printers');
  }
}
