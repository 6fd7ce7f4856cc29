import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

export class Floor1795000200000 implements MigrationInterface {
  name = 'Floor1795000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'locations',
        columns: [
          column.id(),
          column.text('name', 100),
          column.integer('sort_order', 0),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tables',
        columns: [
          column.id(),
          column.text('name', 100),
          column.reference('location_id'),
          column.integer('seats'),
          { ...column.text('status', 16), default: "'free'" },
          column.text('qr_token', 64),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
          timestamp(queryRunner, 'deleted_at', true),
        ],
        indices: [
          new TableIndex({ name: 'tables_location_id', columnNames: ['location_id'] }),
          new TableIndex({ name: 'tables_qr_token_unique', columnNames: ['qr_token'], isUnique: true }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'tables_location_fk',
            columnNames: ['location_id'],
            referencedTableName: 'locations',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('tables');
    await queryRunner.dropTable('locations');
  }
}
