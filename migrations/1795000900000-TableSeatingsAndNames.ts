import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Two things a hostile probe found at the tables:
 * - seatings: a table counts its parties (the count grows when it becomes free) and an order keeps the seating it
 *   opened in, so a guest's QR socket sees only its own party's orders. Orders from before this migration have
 *   none and stay hidden from guests.
 * - names unique per location among live tables, case-insensitively. Existing duplicates are renamed first,
 *   keeping the oldest table's name and suffixing the others with " (2)", " (3)"...
 */
export class TableSeatingsAndNames1795000900000 implements MigrationInterface {
  name = 'TableSeatingsAndNames1795000900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'tables',
      new TableColumn({ name: 'seating', type: 'integer', default: 1, isNullable: false }),
    );
    await queryRunner.addColumn(
      'orders',
      new TableColumn({ name: 'seating', type: 'integer', isNullable: true }),
    );
    await this.renameDuplicateTables(queryRunner);
    await queryRunner.query(
      'CREATE UNIQUE INDEX tables_location_name_unique ON tables (location_id, lower(name)) WHERE deleted_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX tables_location_name_unique');
    await queryRunner.dropColumn('orders', 'seating');
    await queryRunner.dropColumn('tables', 'seating');
  }

  private async renameDuplicateTables(queryRunner: QueryRunner): Promise<void> {
    const tables = (await queryRunner.query(
      'SELECT id, location_id, name FROM tables WHERE deleted_at IS NULL ORDER BY created_at, id',
    )) as Array<{ id: string; location_id: string; name: string }>;
    const taken = new Set(tables.map((table) => `${table.location_id}\n${table.name.toLowerCase()}`));
    const kept = new Set<string>();
    for (const table of tables) {
      const key = `${table.location_id}\n${table.name.toLowerCase()}`;
      if (!kept.has(key)) {
        kept.add(key);
        continue;
      }
      let n = 2;
      while (taken.has(`${table.location_id}\n${`${table.name} (${n})`.toLowerCase()}`)) n += 1;
      const renamed = `${table.name} (${n})`;
      taken.add(`${table.location_id}\n${renamed.toLowerCase()}`);
      const placeholder = queryRunner.connection.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
      await queryRunner.query(`UPDATE tables SET name = ${placeholder[0]} WHERE id = ${placeholder[1]}`, [
        renamed,
        table.id,
      ]);
    }
  }
}
