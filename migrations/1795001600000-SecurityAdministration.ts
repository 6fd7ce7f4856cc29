import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/** The IP block list; the user agent of login events; indexes for filtering security events. */
export class SecurityAdministration1795001600000 implements MigrationInterface {
  name = 'SecurityAdministration1795001600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ip_blocks',
        columns: [
          column.id(),
          column.text('range', 64),
          column.text('reason', 200),
          column.text('source', 16),
          column.reference('created_by', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'expires_at', true),
          timestamp(queryRunner, 'lifted_at', true),
          column.reference('lifted_by', true),
        ],
        indices: [
          new TableIndex({ name: 'ip_blocks_created_at', columnNames: ['created_at'] }),
          new TableIndex({ name: 'ip_blocks_range', columnNames: ['range'] }),
        ],
      }),
    );
    await queryRunner.addColumn(
      'security_events',
      new TableColumn({ name: 'user_agent', type: 'varchar', length: '255', isNullable: true }),
    );
    await queryRunner.createIndices('security_events', [
      new TableIndex({ name: 'security_events_type_occurred_at', columnNames: ['type', 'occurred_at'] }),
      new TableIndex({
        name: 'security_events_user_id_occurred_at',
        columnNames: ['user_id', 'occurred_at'],
      }),
      new TableIndex({ name: 'security_events_ip_occurred_at', columnNames: ['ip', 'occurred_at'] }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'security_events_type_occurred_at',
      'security_events_user_id_occurred_at',
      'security_events_ip_occurred_at',
    ]) {
      await queryRunner.dropIndex('security_events', index);
    }
    await queryRunner.dropColumn('security_events', 'user_agent');
    await queryRunner.dropTable('ip_blocks');
  }
}
