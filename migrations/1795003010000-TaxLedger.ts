import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

const money = (name: string) => ({ name, type: 'bigint', isNullable: false });

/**
 * The tax ledger that /reports/taxes and the Z report sum: a closed order's breakdown rows, and negative rows for
 * refunds after the close, per business day. Orders closed before this migration have no rows: their tax was one
 * TAX_RATE, and the sales report keeps their figures.
 */
export class TaxLedger1795003010000 implements MigrationInterface {
  name = 'TaxLedger1795003010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'tax_ledger',
        columns: [
          column.id(),
          column.reference('order_id'),
          column.text('business_day', 10),
          column.text('kind', 8),
          column.reference('tax_rate_id', true),
          column.text('name', 100),
          column.integer('parts_per_million'),
          money('net'),
          money('tax'),
          money('gross'),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'tax_ledger_business_day', columnNames: ['business_day'] }),
          new TableIndex({ name: 'tax_ledger_order_id', columnNames: ['order_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('tax_ledger');
  }
}
