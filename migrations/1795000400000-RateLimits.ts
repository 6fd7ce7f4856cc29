import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { column, timestamp } from './columns';

export class RateLimits1795000400000 implements MigrationInterface {
  name = 'RateLimits1795000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rate_limit_buckets',
        columns: [
          { ...column.text('bucket', 200), isPrimary: true },
          timestamp(queryRunner, 'window_started_at'),
          column.integer('hits', 0),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limit_buckets');
  }
}
