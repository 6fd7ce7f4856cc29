import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { column } from './columns';

/**
 * Idempotency keys are now stored together with their reply, in the request's own transaction: a row is always a
 * finished request, so the reservation state and its owner go. An unfinished reservation belonged to a request
 * whose effects never committed: it is dropped.
 */
export class LeanIdempotencyKeys1795000600000 implements MigrationInterface {
  name = 'LeanIdempotencyKeys1795000600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM idempotency_keys WHERE state <> 'done'`);
    await queryRunner.dropColumns('idempotency_keys', ['state', 'owner']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('idempotency_keys', [
      new TableColumn({ ...column.text('state', 12), default: `'done'` }),
      new TableColumn({ ...column.text('owner', 36), default: `''` }),
    ]);
  }
}
