import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

const money = (name: string, nullable = false) => ({ name, type: 'bigint', isNullable: nullable });

/**
 * Cash-drawer shifts and the staff time clock, and the indexes their sums and the audit log's filters read:
 * payments and refunds by time (a drawer's cash movements), audit entries by actor, action and entity, newest first.
 */
export class ShiftsTimeClockAndAuditIndexes1795001500000 implements MigrationInterface {
  name = 'ShiftsTimeClockAndAuditIndexes1795001500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'cash_shifts',
        columns: [
          column.id(),
          column.text('status', 8),
          column.text('business_day', 10),
          money('opening_cash'),
          column.reference('opened_by'),
          timestamp(queryRunner, 'opened_at'),
          money('counted_cash', true),
          column.text('note', 500, true),
          column.reference('closed_by', true),
          timestamp(queryRunner, 'closed_at', true),
          // The drawer's movements as summed at the close, so a closed shift never changes afterwards.
          money('cash_tendered', true),
          money('change_given', true),
          money('cash_refunds', true),
          money('cash_tips', true),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          // One drawer: at most one shift open at a time, whichever instance opens it.
          new TableIndex({
            name: 'cash_shifts_one_open',
            columnNames: ['status'],
            isUnique: true,
            where: "status = 'open'",
          }),
          new TableIndex({ name: 'cash_shifts_opened_at', columnNames: ['opened_at'] }),
          new TableIndex({ name: 'cash_shifts_business_day', columnNames: ['business_day'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'time_clock_entries',
        columns: [
          column.id(),
          column.reference('user_id'),
          timestamp(queryRunner, 'clocked_in_at'),
          timestamp(queryRunner, 'clocked_out_at', true),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          // A staff member is clocked in at most once at a time.
          new TableIndex({
            name: 'time_clock_entries_one_open',
            columnNames: ['user_id'],
            isUnique: true,
            where: 'clocked_out_at IS NULL',
          }),
          new TableIndex({ name: 'time_clock_entries_clocked_in_at', columnNames: ['clocked_in_at'] }),
          new TableIndex({
            name: 'time_clock_entries_user_id_clocked_in_at',
            columnNames: ['user_id', 'clocked_in_at'],
          }),
        ],
      }),
    );
    await queryRunner.createIndex(
      'payments',
      new TableIndex({ name: 'payments_created_at', columnNames: ['created_at'] }),
    );
    await queryRunner.createIndex(
      'refunds',
      new TableIndex({ name: 'refunds_created_at', columnNames: ['created_at'] }),
    );
    await queryRunner.dropIndex('audit_log', 'audit_log_entity');
    await queryRunner.createIndices('audit_log', [
      new TableIndex({
        name: 'audit_log_entity',
        columnNames: ['entity_type', 'entity_id', 'occurred_at'],
      }),
      new TableIndex({ name: 'audit_log_actor', columnNames: ['actor', 'occurred_at'] }),
      new TableIndex({ name: 'audit_log_action', columnNames: ['action', 'occurred_at'] }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['audit_log_action', 'audit_log_actor', 'audit_log_entity']) {
      await queryRunner.dropIndex('audit_log', name);
    }
    await queryRunner.createIndex(
      'audit_log',
      new TableIndex({ name: 'audit_log_entity', columnNames: ['entity_type', 'entity_id'] }),
    );
    await queryRunner.dropIndex('refunds', 'refunds_created_at');
    await queryRunner.dropIndex('payments', 'payments_created_at');
    await queryRunner.dropTable('time_clock_entries');
    await queryRunner.dropTable('cash_shifts');
  }
}
