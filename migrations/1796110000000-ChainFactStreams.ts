import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * Headquarters keeps a site's facts per stream (one database's log: a site whose database is replaced and linked
 * again starts a new one, its seqs from 1) with a digest of each, so a fact sent again with other content is told
 * from a repeat; the site keeps its database's stream beside its link. Facts kept before are of stream '' (the
 * site's first named stream takes them over).
 */
export class ChainFactStreams1796110000000 implements MigrationInterface {
  name = 'ChainFactStreams1796110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuildFacts(queryRunner, true);
    await queryRunner.addColumn('hq_sites', new TableColumn(column.text('sales_stream', 36, true)));
    await queryRunner.addColumn('hq_link', new TableColumn(column.text('sales_stream', 36, true)));
    // A site linked already: its database's stream begins now (at most one row).
    const mark = (n: number) => (queryRunner.connection.options.type === 'postgres' ? `$${n}` : '?');
    for (const { id } of (await queryRunner.query('SELECT id FROM hq_link')) as Array<{ id: number }>) {
      await queryRunner.query(`UPDATE hq_link SET sales_stream = ${mark(1)} WHERE id = ${mark(2)}`, [
        randomUUID(),
        id,
      ]);
    }
    await queryRunner.changeColumn(
      'hq_link',
      'sales_stream',
      new TableColumn(column.text('sales_stream', 36)),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('hq_link', 'sales_stream');
    await queryRunner.dropColumn('hq_sites', 'sales_stream');
    await queryRunner.query(`DELETE FROM hq_sales_facts WHERE stream <> ''`);
    await rebuildFacts(queryRunner, false);
  }
}

/** The figures of a site's sales report, as ChainSalesFacts made them. */
const SUMS = ['orders', 'gross', 'discounts', 'service_charge', 'tax', 'refunds', 'net_sales', 'tips'];
const KEPT = [
  'site_id',
  'seq',
  'type',
  'occurred_at',
  'business_day',
  'currency',
  'channel',
  'order_id',
  ...SUMS,
];

/**
 * hq_sales_facts built anew with the stream in its primary key (or without it), its rows copied: a primary key
 * changes alike on both databases (TypeORM's updatePrimaryKeys leaves SQLite's as it was).
 */
async function rebuildFacts(queryRunner: QueryRunner, withStream: boolean): Promise<void> {
  const money = (name: string): TableColumnOptions => ({ name, type: 'bigint', default: 0 });
  await queryRunner.createTable(
    new Table({
      name: 'hq_sales_facts_rebuilt',
      columns: [
        { ...column.reference('site_id'), isPrimary: true },
        ...(withStream ? [{ ...column.text('stream', 36), default: "''", isPrimary: true }] : []),
        { name: 'seq', type: 'bigint', isPrimary: true },
        ...(withStream ? [column.text('digest', 64, true)] : []),
        column.text('type', 32),
        timestamp(queryRunner, 'occurred_at'),
        column.text('business_day', 10),
        column.text('currency', 3),
        column.text('channel', 40, true),
        column.reference('order_id', true),
        column.integer('orders', 0),
        ...SUMS.slice(1).map(money),
        column.longText('detail'),
        timestamp(queryRunner, 'received_at'),
      ],
    }),
  );
  const copied = [...KEPT, 'detail', 'received_at'].join(', ');
  await queryRunner.query(
    `INSERT INTO hq_sales_facts_rebuilt (${copied}) SELECT ${copied} FROM hq_sales_facts`,
  );
  await queryRunner.dropTable('hq_sales_facts');
  await queryRunner.renameTable('hq_sales_facts_rebuilt', 'hq_sales_facts');
}
