import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

const userForeignKey = (table: string) =>
  new TableForeignKey({
    name: `${table}_user_fk`,
    columnNames: ['user_id'],
    referencedTableName: 'users',
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

/** TOTP second factors of password logins, their recovery codes, and the login challenges between the two steps. */
export class SecondFactor1795001700000 implements MigrationInterface {
  name = 'SecondFactor1795001700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'second_factors',
        columns: [
          { ...column.reference('user_id'), isPrimary: true },
          column.longText('sealed_secret'),
          timestamp(queryRunner, 'enabled_at', true),
          { ...column.integer('last_used_step'), isNullable: true },
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        foreignKeys: [userForeignKey('second_factors')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'recovery_codes',
        columns: [
          column.id(),
          column.reference('user_id'),
          column.text('code_hash', 64),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'used_at', true),
        ],
        indices: [new TableIndex({ name: 'recovery_codes_user_id', columnNames: ['user_id'] })],
        foreignKeys: [userForeignKey('recovery_codes')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'login_challenges',
        columns: [
          column.id(),
          column.reference('user_id'),
          column.text('secret_hash', 64),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'expires_at'),
          timestamp(queryRunner, 'used_at', true),
        ],
        indices: [new TableIndex({ name: 'login_challenges_user_id', columnNames: ['user_id'] })],
        foreignKeys: [userForeignKey('login_challenges')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['login_challenges', 'recovery_codes', 'second_factors']) {
      await queryRunner.dropTable(table);
    }
  }
}
