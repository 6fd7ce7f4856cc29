import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * The chain's first tables, in every database whatever its role (one schema for both: a role is a setting that
 * may change, a schema should not follow it). Headquarters writes its sites, their groups and memberships; a
 * site writes its one link row. Each stays empty in the other role.
 */
export class ChainSites1795800000000 implements MigrationInterface {
  name = 'ChainSites1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'hq_sites',
        columns: [
          column.id(),
          column.text('name', 100),
          column.text('timezone', 64),
          column.text('currency', 3),
          column.text('country', 2),
          column.text('tax_id', 40, true),
          column.longText('address'),
          column.text('link_code_hash', 64, true),
          timestamp(queryRunner, 'link_code_expires_at', true),
          column.text('credential_hash', 64, true),
          timestamp(queryRunner, 'linked_at', true),
          timestamp(queryRunner, 'credential_revoked_at', true),
          timestamp(queryRunner, 'last_contact_at', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'hq_sites_credential_hash_unique',
            columnNames: ['credential_hash'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'hq_sites_link_code_hash_unique',
            columnNames: ['link_code_hash'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_site_groups',
        columns: [
          column.id(),
          column.text('name', 100),
          column.reference('parent_id', true),
          timestamp(queryRunner, 'created_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_site_memberships',
        columns: [
          { ...column.reference('site_id'), isPrimary: true },
          { ...column.reference('group_id'), isPrimary: true },
          column.integer('position'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_link',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          column.longText('hq_url'),
          column.reference('site_id'),
          column.text('site_name', 100),
          column.longText('sealed_credential'),
          column.text('state', 20),
          timestamp(queryRunner, 'linked_at'),
          timestamp(queryRunner, 'last_contact_at', true),
          column.longText('last_problem', true),
          timestamp(queryRunner, 'last_problem_at', true),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['hq_link', 'hq_site_memberships', 'hq_site_groups', 'hq_sites']) {
      await queryRunner.dropTable(table);
    }
  }
}
