import { MigrationInterface, QueryRunner } from 'typeorm';
import { rateLimitBuckets } from './1795000400000-RateLimits';

/** Rate-limit windows now live in Redis (several instances) or in the process (one instance). */
export class RateLimitsLeaveTheDatabase1795001300000 implements MigrationInterface {
  name = 'RateLimitsLeaveTheDatabase1795001300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limit_buckets');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(rateLimitBuckets(queryRunner));
  }
}
