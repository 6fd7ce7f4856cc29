import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

export class ApiKeys1795001000000 implements MigrationInterface {
  name = 'ApiKeys1795001000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          column.id(),
          column.text('name', 100),
          column.text('prefix', 16),
          column.text('secret_hash', 64),
          column.text('previous_secret_hash', 64, true),
          timestamp(queryRunner, 'previous_secret_expires_at', true),
          column.longText('scopes'),
          column.longText('allowed_ips', true),
          timestamp(queryRunner, 'expires_at', true),
          { ...column.integer('rate_limit_per_minute'), isNullable: true },
          { ...column.integer('rate_limit_per_hour'), isNullable: true },
          { ...column.integer('rate_limit_per_day'), isNullable: true },
          column.boolean('active', true),
          timestamp(queryRunner, 'last_used_at', true),
          column.reference('created_by', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'rotated_at', true),
        ],
        indices: [
          new TableIndex({ name: 'api_keys_secret_hash', columnNames: ['secret_hash'], isUnique: true }),
          new TableIndex({ name: 'api_keys_previous_secret_hash', columnNames: ['previous_secret_hash'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_keys');
  }
}
