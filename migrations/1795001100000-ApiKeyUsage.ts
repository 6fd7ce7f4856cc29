import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/** Per-key usage counters by UTC hour, route, status and latency bucket (issue 10). */
export class ApiKeyUsage1795001100000 implements MigrationInterface {
  name = 'ApiKeyUsage1795001100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'api_key_usage',
        columns: [
          { ...column.reference('key_id'), isPrimary: true },
          { ...timestamp(queryRunner, 'hour_start'), isPrimary: true },
          { ...column.text('route', 200), isPrimary: true },
          { ...column.integer('status'), isPrimary: true },
          { ...column.integer('latency_bucket_ms'), isPrimary: true },
          column.integer('requests'),
          { name: 'total_ms', type: 'double precision' },
          timestamp(queryRunner, 'last_request_at'),
        ],
      }),
    );
    // Pruning by age; reads by key and period use the primary key's leading columns.
    await queryRunner.createIndex(
      'api_key_usage',
      new TableIndex({ name: 'api_key_usage_hour_start', columnNames: ['hour_start'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_key_usage');
  }
}
