import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { column, flag, timestamp } from './columns';

/** The stored scale of a percent (4 decimals), as src/taxes/tax.entities.ts keeps it. */
const PARTS_PER_MILLION_PER_PERCENT = 10_000;

/**
 * Tax rates instead of one TAX_RATE: the rate catalogue, fiscal positions by order type, the rates categories and
 * dishes name, and the rates an order item was ordered with (JSON text `[{taxRateId, name, percent}]`).
 *
 * An install taxed by TAX_RATE gets that percent as its one default rate, and every existing item carries it, so
 * it behaves as before; an untaxed install (TAX_RATE 0 or unset) gets no rate. Closed orders keep their stored
 * totals: nothing here recomputes them.
 */
export class TaxRates1795003000000 implements MigrationInterface {
  name = 'TaxRates1795003000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'tax_rates',
        columns: [
          column.id(),
          column.text('name', 100),
          column.integer('parts_per_million'),
          flag(queryRunner, 'is_default', false),
          flag(queryRunner, 'active', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'tax_mappings',
        columns: [
          column.id(),
          column.text('name', 100),
          column.longText('order_types'),
          column.reference('from_tax_rate_id'),
          column.reference('to_tax_rate_id', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'tax_mappings_from_tax_rate_id', columnNames: ['from_tax_rate_id'] }),
          new TableIndex({ name: 'tax_mappings_to_tax_rate_id', columnNames: ['to_tax_rate_id'] }),
        ],
        foreignKeys: [
          // The API refuses to delete a rate that a mapping uses (409); the database refuses it too.
          new TableForeignKey({
            name: 'tax_mappings_from_tax_rate_fk',
            columnNames: ['from_tax_rate_id'],
            referencedTableName: 'tax_rates',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'tax_mappings_to_tax_rate_fk',
            columnNames: ['to_tax_rate_id'],
            referencedTableName: 'tax_rates',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );

    for (const table of ['categories', 'dishes']) {
      await queryRunner.addColumn(
        table,
        new TableColumn({ name: 'tax_rate_ids', type: 'text', default: "'[]'", isNullable: false }),
      );
    }
    await queryRunner.addColumn(
      'order_items',
      new TableColumn({ name: 'taxes', type: 'text', default: "'[]'", isNullable: false }),
    );

    await this.turnTaxRateIntoDefaultRate(queryRunner);
  }

  /** TAX_RATE as the config reads it (a number, 0 when unset), read here because migrations run before the app. */
  private async turnTaxRateIntoDefaultRate(queryRunner: QueryRunner): Promise<void> {
    const percent = Number(process.env.TAX_RATE ?? 0);
    if (!Number.isFinite(percent) || percent <= 0) return;
    const postgres = queryRunner.connection.options.type === 'postgres';
    const mark = (n: number) => (postgres ? `$${n}` : '?');
    const id = randomUUID();
    const name = `VAT ${percent} %`;
    await queryRunner.query(
      `INSERT INTO tax_rates (id, name, parts_per_million, is_default, active, created_at, updated_at)
       VALUES (${mark(1)}, ${mark(2)}, ${mark(3)}, TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      [id, name, Math.round(percent * PARTS_PER_MILLION_PER_PERCENT)],
    );
    await queryRunner.query(`UPDATE order_items SET taxes = ${mark(1)}`, [
      JSON.stringify([{ taxRateId: id, name, percent }]),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('order_items', 'taxes');
    for (const table of ['dishes', 'categories']) {
      await queryRunner.dropColumn(table, 'tax_rate_ids');
    }
    await queryRunner.dropTable('tax_mappings');
    await queryRunner.dropTable('tax_rates');
  }
}
