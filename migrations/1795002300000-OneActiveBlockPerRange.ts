import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { column } from './columns';

interface BlockRow {
  id: string;
  range: string;
  expires_at: Date | string | null;
}

/**
 * A range is blocked once: `active_range` holds the range while a block may be in force (null once lifted or found
 * expired) under a unique index, which settles two admins blocking it at the same instant. Of the blocks of one
 * range that concurrent requests left in force together, the one that lasts longest stays and the others are
 * lifted: the same addresses stay blocked as long as before, and lifting that block now lets them in.
 */
export class OneActiveBlockPerRange1795002300000 implements MigrationInterface {
  name = 'OneActiveBlockPerRange1795002300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('ip_blocks', new TableColumn(column.text('active_range', 64, true)));
    const postgres = queryRunner.connection.options.type === 'postgres';
    const mark = (n: number) => (postgres ? `$${n}` : '?');
    const rows = (await queryRunner.query(
      'SELECT id, range, expires_at FROM ip_blocks WHERE lifted_at IS NULL',
    )) as BlockRow[];
    const now = Date.now();
    const lasting = new Map<string, { id: string; until: number }>();
    const superseded: string[] = [];
    for (const row of rows) {
      const until = row.expires_at === null ? Infinity : utcTime(row.expires_at);
      if (until <= now) continue;
      const kept = lasting.get(row.range);
      if (kept && kept.until >= until) {
        superseded.push(row.id);
        continue;
      }
      if (kept) superseded.push(kept.id);
      lasting.set(row.range, { id: row.id, until });
    }
    for (const [range, { id }] of lasting) {
      await queryRunner.query(`UPDATE ip_blocks SET active_range = ${mark(1)} WHERE id = ${mark(2)}`, [
        range,
        id,
      ]);
    }
    for (const id of superseded) {
      await queryRunner.query(`UPDATE ip_blocks SET lifted_at = CURRENT_TIMESTAMP WHERE id = ${mark(1)}`, [
        id,
      ]);
    }
    await queryRunner.createIndex(
      'ip_blocks',
      new TableIndex({
        name: 'ip_blocks_active_range_unique',
        columnNames: ['active_range'],
        isUnique: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ip_blocks', 'ip_blocks_active_range_unique');
    await queryRunner.dropColumn('ip_blocks', 'active_range');
  }
}

/** PostgreSQL answers a Date; SQLite the UTC text TypeORM writes (`2026-11-23 17:03:11.123`). */
function utcTime(value: Date | string): number {
  return value instanceof Date ? value.getTime() : Date.parse(`${value.replace(' ', 'T')}Z`);
}
