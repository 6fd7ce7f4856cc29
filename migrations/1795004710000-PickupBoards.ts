import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/** Pickup boards: public screens of takeaway and channel order numbers, each opened by its own token. */
export class PickupBoards1795004710000 implements MigrationInterface {
  name = 'PickupBoards1795004710000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'pickup_boards',
        columns: [
          column.id(),
          column.text('name', 100),
          column.text('token', 64),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'pickup_boards_token_unique', columnNames: ['token'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pickup_boards');
  }
}
