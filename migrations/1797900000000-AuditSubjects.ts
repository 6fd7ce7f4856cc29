import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/**
 * An audit entry names its thing as staff know it ("Diavola (Regular)", "T1"), written when the change is made:
 * a variation's view alone does not carry its dish's name. Entries from before keep none.
 */
export class AuditSubjects1797900000000 implements MigrationInterface {
  name = 'AuditSubjects1797900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('audit_log', new TableColumn(column.text('subject', 200, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('audit_log', 'subject');
  }
}
