import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

export class StaffAndAuth1795000000000 implements MigrationInterface {
  name = 'StaffAndAuth1795000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          column.id(),
          column.text('username', 64),
          column.text('display_name', 100),
          column.text('role', 16),
          column.text('password_hash', 255, true),
          column.text('pin_hash', 255, true),
          column.boolean('active', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'users_username_unique', columnNames: ['username'], isUnique: true }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'auth_sessions',
        columns: [
          column.id(),
          column.reference('user_id'),
          column.text('method', 8),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'revoked_at', true),
          column.text('revoked_reason', 32, true),
        ],
        indices: [new TableIndex({ name: 'auth_sessions_user_id', columnNames: ['user_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'auth_sessions_user_fk',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          column.id(),
          column.reference('session_id'),
          column.text('secret_hash', 64),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'expires_at'),
          timestamp(queryRunner, 'used_at', true),
        ],
        indices: [new TableIndex({ name: 'refresh_tokens_session_id', columnNames: ['session_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'refresh_tokens_session_fk',
            columnNames: ['session_id'],
            referencedTableName: 'auth_sessions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'login_attempts',
        columns: [
          { ...column.text('scope', 8), isPrimary: true },
          { ...column.text('subject', 200), isPrimary: true },
          column.integer('failures', 0),
          timestamp(queryRunner, 'window_started_at', true),
          column.integer('lockouts', 0),
          timestamp(queryRunner, 'locked_until', true),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'security_events',
        columns: [
          column.id(),
          column.text('type', 40),
          column.reference('user_id', true),
          column.text('subject', 200, true),
          column.text('ip', 64, true),
          column.longText('details', true),
          timestamp(queryRunner, 'occurred_at'),
        ],
        indices: [new TableIndex({ name: 'security_events_occurred_at', columnNames: ['occurred_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['security_events', 'login_attempts', 'refresh_tokens', 'auth_sessions', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}
