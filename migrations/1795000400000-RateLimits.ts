import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { column, timestamp } from './columns';

/** The table as this migration made it; a later one drops it and, going down, makes it again. */
export const rateLimitBuckets = (queryRunner: QueryRunner): Table =>
  new Table({
    name: 'rate_limit_buckets',
    columns: [
      { ...column.text('bucket', 200), isPrimary: true },
      timestamp(queryRunner, 'window_started_at'),
      column.integer('hits', 0),
    ],
  });

export class RateLimits1795000400000 implements MigrationInterface {
  name = 'RateLimits1795000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(rateLimitBuckets(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limit_buckets');
  }
}
