import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { column, timestamp } from './columns';

/** The devices that are tills of their own at the signing unit (a TSS takes 199 clients at most). */
export class FiscalTills1795595719561 implements MigrationInterface {
  name = 'FiscalTills1795595719561';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'fiscal_tills',
        columns: [{ ...column.text('name', 100), isPrimary: true }, timestamp(queryRunner, 'created_at')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('fiscal_tills');
  }
}
