import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { SecretBox } from '../src/common/crypto/secret-box';
import { loadConfig } from '../src/config/app-config';
import { CredentialHasher } from '../src/users/credential-hasher';
import { column, flag, timestamp } from './columns';

/**
 * Headquarters keeps a PIN verifier instead of the sealed PIN it could open (each sealed PIN is opened once here
 * and replaced by its verifier), notes erasures, and holds the problems each site reports with the directory's
 * entries and which sites were given each person; a site holds those problems per person, with whether
 * headquarters has heard them. Sites never kept a
 * directory PIN in clear (they hashed it with their pepper), so their users stay as they are.
 */
export class HqStaffTrust1796571000000 implements MigrationInterface {
  name = 'HqStaffTrust1796571000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('hq_staff', [
      new TableColumn(column.text('pin_verifier', 255, true)),
      new TableColumn(timestamp(queryRunner, 'erased_at', true)),
    ]);
    const sealed = (await queryRunner.query(
      'SELECT id, pin_sealed FROM hq_staff WHERE pin_sealed IS NOT NULL',
    )) as Array<{ id: string; pin_sealed: string }>;
    if (sealed.length > 0) {
      const config = loadConfig(process.env);
      const box = new SecretBox(config.encryptionKey);
      const hasher = new CredentialHasher(config);
      const placeholder = queryRunner.connection.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
      for (const { id, pin_sealed } of sealed) {
        const verifier = await hasher.hashSharedPin(box.open(pin_sealed, id));
        await queryRunner.query(
          `UPDATE hq_staff SET pin_verifier = ${placeholder[0]} WHERE id = ${placeholder[1]}`,
          [verifier, id],
        );
      }
    }
    await queryRunner.dropColumn('hq_staff', 'pin_sealed');
    await queryRunner.createTable(
      new Table({
        name: 'hq_staff_problems',
        columns: [
          { ...column.reference('staff_id'), isPrimary: true },
          { ...column.reference('site_id'), isPrimary: true },
          column.longText('problem'),
          timestamp(queryRunner, 'reported_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'hq_staff_reach',
        columns: [
          { ...column.reference('staff_id'), isPrimary: true },
          { ...column.reference('site_id'), isPrimary: true },
        ],
      }),
    );
    // Every site had every person so far (each pull gave it the whole directory).
    await queryRunner.query(
      'INSERT INTO hq_staff_reach (staff_id, site_id) SELECT hq_staff.id, hq_sites.id FROM hq_staff, hq_sites',
    );
    await queryRunner.dropColumn('hq_link', 'staff_problem');
    await queryRunner.addColumns('hq_link', [
      new TableColumn(column.longText('staff_problems', true)),
      new TableColumn(flag(queryRunner, 'staff_problems_reported', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('hq_link', 'staff_problems_reported');
    await queryRunner.dropColumn('hq_link', 'staff_problems');
    await queryRunner.addColumn('hq_link', new TableColumn(column.longText('staff_problem', true)));
    await queryRunner.dropTable('hq_staff_reach');
    await queryRunner.dropTable('hq_staff_problems');
    // A verifier gives no PIN back: the people keep their password, and an admin sets their PIN again.
    await queryRunner.addColumn('hq_staff', new TableColumn(column.longText('pin_sealed', true)));
    await queryRunner.dropColumn('hq_staff', 'erased_at');
    await queryRunner.dropColumn('hq_staff', 'pin_verifier');
  }
}
