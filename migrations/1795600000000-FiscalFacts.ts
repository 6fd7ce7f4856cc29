import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * Fiscal transactions recorded from the writers' facts: numbered by the fiscal module as it records them (`seq`,
 * from a sequence on PostgreSQL, following the numbers already given), not by the event log; `order_id` empty for
 * what belongs to no order; the time a transaction first failed, kept once it is signed; each device till's id at
 * the unit, letters and digits (tillIdOf), mapped once.
 */
export class FiscalFacts1795600000000 implements MigrationInterface {
  name = 'FiscalFacts1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('fiscal_transactions', 'fiscal_transactions_state_seq');
    await queryRunner.dropColumn('fiscal_transactions', 'position');
    await queryRunner.changeColumn(
      'fiscal_transactions',
      'order_id',
      new TableColumn(column.reference('order_id', true)),
    );
    await queryRunner.addColumn(
      'fiscal_transactions',
      new TableColumn(timestamp(queryRunner, 'failed_at', true)),
    );
    await queryRunner.createIndex(
      'fiscal_transactions',
      new TableIndex({ name: 'fiscal_transactions_state_seq', columnNames: ['state', 'seq'] }),
    );
    await queryRunner.createIndex(
      'fiscal_transactions',
      new TableIndex({ name: 'fiscal_transactions_seq', columnNames: ['seq'] }),
    );
    const postgres = queryRunner.connection.options.type === 'postgres';
    const mark = (n: number) => (postgres ? `$${n}` : '?');
    await queryRunner.addColumn('fiscal_tills', new TableColumn(column.text('client_id', 30, true)));
    const tills = (await queryRunner.query('SELECT name FROM fiscal_tills')) as Array<{ name: string }>;
    for (const { name } of tills) {
      await queryRunner.query(`UPDATE fiscal_tills SET client_id = ${mark(1)} WHERE name = ${mark(2)}`, [
        tillIdOf(name),
        name,
      ]);
    }
    await queryRunner.changeColumn(
      'fiscal_tills',
      'client_id',
      new TableColumn(column.text('client_id', 30)),
    );
    if (postgres) {
      await queryRunner.query('CREATE SEQUENCE fiscal_recording_seq');
      await queryRunner.query(
        "SELECT setval('fiscal_recording_seq', COALESCE((SELECT MAX(seq) FROM fiscal_transactions), 0) + 1, false)",
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('fiscal_tills', 'client_id');
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP SEQUENCE fiscal_recording_seq');
    }
    await queryRunner.dropIndex('fiscal_transactions', 'fiscal_transactions_seq');
    await queryRunner.dropIndex('fiscal_transactions', 'fiscal_transactions_state_seq');
    await queryRunner.dropColumn('fiscal_transactions', 'failed_at');
    await queryRunner.query("UPDATE fiscal_transactions SET order_id = '' WHERE order_id IS NULL");
    await queryRunner.changeColumn(
      'fiscal_transactions',
      'order_id',
      new TableColumn(column.reference('order_id')),
    );
    await queryRunner.addColumn('fiscal_transactions', new TableColumn(column.integer('position', 0)));
    await queryRunner.createIndex(
      'fiscal_transactions',
      new TableIndex({ name: 'fiscal_transactions_state_seq', columnNames: ['state', 'seq', 'position'] }),
    );
  }
}

/**
 * A device's till id at the unit as src/fiscal/till-ids.ts mapped it when this migration was written (copied: a
 * migration is frozen history): the name when it is at most 30 letters and digits, else its letters and digits
 * cut to 22 and 8 hex digits of the SHA-256 of the whole name.
 */
function tillIdOf(name: string): string {
  if (/^[A-Za-z0-9]{1,30}$/.test(name)) return name;
  const kept = name.replace(/[^A-Za-z0-9]/g, '').slice(0, 22);
  return `${kept}${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}
