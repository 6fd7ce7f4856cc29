import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

export class EventLogAndAudit1795000100000 implements MigrationInterface {
  name = 'EventLogAndAudit1795000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_sequence',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'last_seq', type: 'bigint', default: 0 },
        ],
      }),
    );
    await queryRunner.query('INSERT INTO event_sequence (id, last_seq) VALUES (1, 0)');

    await queryRunner.createTable(
      new Table({
        name: 'events',
        columns: [
          { name: 'seq', type: 'bigint', isPrimary: true },
          column.text('type', 64),
          timestamp(queryRunner, 'occurred_at'),
          column.longText('data'),
          column.longText('audience'),
        ],
        indices: [new TableIndex({ name: 'events_occurred_at', columnNames: ['occurred_at'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          column.id(),
          column.text('actor', 80),
          column.reference('actor_user_id', true),
          column.text('action', 64),
          column.text('entity_type', 40),
          column.text('entity_id', 36),
          column.longText('before', true),
          column.longText('after', true),
          timestamp(queryRunner, 'occurred_at'),
        ],
        indices: [
          new TableIndex({ name: 'audit_log_entity', columnNames: ['entity_type', 'entity_id'] }),
          new TableIndex({ name: 'audit_log_occurred_at', columnNames: ['occurred_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'events', 'event_sequence']) await queryRunner.dropTable(table);
  }
}
