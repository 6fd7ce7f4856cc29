import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, flag, timestamp } from './columns';

/**
 * Headquarters' staff directory (people, their sites and roles) with its version counter; at a site, the version it
 * holds and which users came from it.
 */
export class ChainStaff1795840000000 implements MigrationInterface {
  name = 'ChainStaff1795840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'hq_staff',
        columns: [
          column.id(),
          column.text('username', 64),
          column.text('display_name', 100),
          column.text('password_hash', 255, true),
          column.longText('pin_sealed', true),
          flag(queryRunner, 'active', true),
          column.text('all_sites_role', 16, true),
          { name: 'version', type: 'integer' },
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'hq_staff_username_unique', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'hq_staff_version', columnNames: ['version'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_staff_sites',
        columns: [
          { ...column.reference('staff_id'), isPrimary: true },
          { ...column.reference('site_id'), isPrimary: true },
          column.text('role', 16),
        ],
      }),
    );
    await queryRunner.addColumns('hq_link', [
      new TableColumn(column.integer('staff_version', 0)),
      new TableColumn(column.longText('staff_problem', true)),
    ]);
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'hq_staff_version', type: 'integer', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'hq_staff_version');
    await queryRunner.dropColumn('hq_link', 'staff_problem');
    await queryRunner.dropColumn('hq_link', 'staff_version');
    await queryRunner.dropTable('hq_staff_sites');
    await queryRunner.dropTable('hq_staff');
  }
}
