import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL: `pos_written_or_refuse(written, refusal)` raises `refusal` (SQLSTATE P0001) unless `written`. A
 * statement that must have written a row (an idempotency key stored unless a live one holds it) checks itself with
 * it, so a unit of work sends it without waiting for its answer and COMMIT fails when it wrote nothing
 * (Database.insertOrRefuse). SQLite units read such a statement's rows instead: nothing to create there.
 */
export class WrittenOrRefused1795890000000 implements MigrationInterface {
  name = 'WrittenOrRefused1795890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(`CREATE FUNCTION pos_written_or_refuse(written boolean, refusal text) RETURNS boolean
      LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT written THEN
          RAISE EXCEPTION '%', refusal;
        END IF;
        RETURN written;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP FUNCTION pos_written_or_refuse(boolean, text)');
  }
}
