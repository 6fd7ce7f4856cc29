import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

export class Webhooks1795001200000 implements MigrationInterface {
  name = 'Webhooks1795001200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'webhooks',
        columns: [
          column.id(),
          column.text('url', 2000),
          column.longText('events'),
          column.boolean('active', true),
          column.text('description', 500, true),
          column.text('disabled_reason', 500, true),
          column.longText('sealed_secret'),
          column.longText('sealed_previous_secret', true),
          timestamp(queryRunner, 'previous_secret_expires_at', true),
          { name: 'last_enqueued_seq', type: 'bigint', default: 0 },
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          column.id(),
          column.reference('webhook_id'),
          { name: 'seq', type: 'bigint' },
          column.text('event_type', 64),
          column.longText('payload'),
          column.reference('redelivery_of', true),
          column.text('status', 16),
          column.integer('attempts', 0),
          timestamp(queryRunner, 'next_attempt_at', true),
          timestamp(queryRunner, 'lease_until', true),
          timestamp(queryRunner, 'last_attempt_at', true),
          { ...column.integer('response_status'), isNullable: true },
          column.text('response_snippet', 500, true),
          { ...column.integer('duration_ms'), isNullable: true },
          column.text('error', 500, true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'delivered_at', true),
        ],
        foreignKeys: [
          {
            name: 'webhook_deliveries_webhook',
            columnNames: ['webhook_id'],
            referencedTableName: 'webhooks',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          // An event becomes at most one delivery per subscription, whichever instance enqueues it.
          new TableIndex({
            name: 'webhook_deliveries_event',
            columnNames: ['webhook_id', 'seq'],
            isUnique: true,
            where: 'redelivery_of IS NULL',
          }),
          new TableIndex({ name: 'webhook_deliveries_log', columnNames: ['webhook_id', 'created_at'] }),
          new TableIndex({ name: 'webhook_deliveries_queue', columnNames: ['webhook_id', 'status', 'seq'] }),
          new TableIndex({ name: 'webhook_deliveries_due', columnNames: ['status', 'next_attempt_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhooks');
  }
}
