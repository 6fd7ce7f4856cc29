import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * One durable consumer mechanism in the event-log layer: a cursor per consumer and one job table. Webhook
 * deliveries become jobs of the `webhooks` consumer under their own ids: their queue state (status, attempts,
 * due time, lease, last error, finish) moves to consumer_jobs, while webhook_deliveries keeps what only a delivery
 * has (the signed body, the response). The per-subscription cursor becomes the seq it was subscribed at; the
 * consumer's cursor starts at the lowest of them, and events up to a subscription's own old cursor are not derived
 * again for it. Existing deliveries keep their history and status.
 */
export class Consumers1795003400000 implements MigrationInterface {
  name = 'Consumers1795003400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'consumer_cursors',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'seq', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'consumer_jobs',
        columns: [
          column.id(),
          column.text('consumer', 64),
          column.text('ordering_key', 200),
          { name: 'seq', type: 'bigint', isNullable: true },
          column.integer('ordinal', 0),
          column.longText('payload'),
          column.text('status', 16),
          column.integer('attempts', 0),
          timestamp(queryRunner, 'next_attempt_at', true),
          timestamp(queryRunner, 'lease_until', true),
          timestamp(queryRunner, 'last_attempt_at', true),
          column.text('last_error', 500, true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'finished_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'consumer_jobs_due',
            columnNames: ['consumer', 'status', 'next_attempt_at'],
          }),
          new TableIndex({
            name: 'consumer_jobs_order',
            columnNames: ['consumer', 'ordering_key', 'status', 'seq'],
          }),
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO consumer_jobs (id, consumer, ordering_key, seq, ordinal, payload, status, attempts,
         next_attempt_at, lease_until, last_attempt_at, last_error, created_at, finished_at)
       SELECT id, 'webhooks', webhook_id, CASE WHEN redelivery_of IS NULL THEN seq END, 0, 'null',
         CASE status WHEN 'delivered' THEN 'done' ELSE status END, attempts, next_attempt_at, lease_until,
         last_attempt_at, error, created_at,
         CASE status WHEN 'delivered' THEN delivered_at WHEN 'failed' THEN last_attempt_at END
       FROM webhook_deliveries`,
    );
    await queryRunner.query(
      `INSERT INTO consumer_cursors (name, seq)
       SELECT 'webhooks', COALESCE((SELECT MIN(last_enqueued_seq) FROM webhooks),
                                   (SELECT last_seq FROM event_sequence WHERE id = 1))`,
    );
    await queryRunner.renameColumn('webhooks', 'last_enqueued_seq', 'subscribed_at_seq');
    await queryRunner.dropIndex('webhook_deliveries', 'webhook_deliveries_queue');
    await queryRunner.dropIndex('webhook_deliveries', 'webhook_deliveries_due');
    await queryRunner.dropColumns('webhook_deliveries', MOVED_COLUMNS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('webhook_deliveries', [
      new TableColumn({ ...column.text('status', 16), default: "'pending'" }),
      new TableColumn(column.integer('attempts', 0)),
      new TableColumn(timestamp(queryRunner, 'next_attempt_at', true)),
      new TableColumn(timestamp(queryRunner, 'lease_until', true)),
      new TableColumn(timestamp(queryRunner, 'last_attempt_at', true)),
      new TableColumn(column.text('error', 500, true)),
      new TableColumn(timestamp(queryRunner, 'delivered_at', true)),
    ]);
    for (const [target, source] of [
      ['status', "CASE j.status WHEN 'done' THEN 'delivered' ELSE j.status END"],
      ['attempts', 'j.attempts'],
      ['next_attempt_at', 'j.next_attempt_at'],
      ['lease_until', 'j.lease_until'],
      ['last_attempt_at', 'j.last_attempt_at'],
      ['error', 'j.last_error'],
      ['delivered_at', "CASE j.status WHEN 'done' THEN j.finished_at END"],
    ]) {
      await queryRunner.query(
        `UPDATE webhook_deliveries SET ${target} =
           (SELECT ${source} FROM consumer_jobs j WHERE j.id = webhook_deliveries.id)
         WHERE EXISTS (SELECT 1 FROM consumer_jobs j WHERE j.id = webhook_deliveries.id)`,
      );
    }
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'webhook_deliveries_queue', columnNames: ['webhook_id', 'status', 'seq'] }),
    );
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'webhook_deliveries_due', columnNames: ['status', 'next_attempt_at'] }),
    );
    await queryRunner.renameColumn('webhooks', 'subscribed_at_seq', 'last_enqueued_seq');
    await queryRunner.query(
      `UPDATE webhooks SET last_enqueued_seq = (SELECT seq FROM consumer_cursors WHERE name = 'webhooks')
       WHERE last_enqueued_seq < (SELECT seq FROM consumer_cursors WHERE name = 'webhooks')`,
    );
    await queryRunner.dropTable('consumer_jobs');
    await queryRunner.dropTable('consumer_cursors');
  }
}

const MOVED_COLUMNS = [
  'status',
  'attempts',
  'next_attempt_at',
  'lease_until',
  'last_attempt_at',
  'error',
  'delivered_at',
];
