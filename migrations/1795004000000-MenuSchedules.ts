import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { column, timestamp } from './columns';

/**
 * Menu schedules (dayparts), named by categories and dishes (`schedule_id`, null: always on), and the window
 * edges already announced, one row each, so two instances announce an edge once.
 */
export class MenuSchedules1795004000000 implements MigrationInterface {
  name = 'MenuSchedules1795004000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'menu_schedules',
        columns: [
          column.id(),
          column.text('name', 100),
          column.longText('windows'),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'menu_schedule_edges',
        columns: [{ ...column.text('edge', 24), isPrimary: true }, timestamp(queryRunner, 'announced_at')],
      }),
    );
    for (const table of ['categories', 'dishes']) {
      await queryRunner.addColumn(table, new TableColumn(column.reference('schedule_id', true)));
      await queryRunner.createIndex(
        table,
        new TableIndex({ name: `${table}_schedule_id`, columnNames: ['schedule_id'] }),
      );
      // The API refuses to delete a schedule in use (409); a soft-deleted dish lets go of it.
      await queryRunner.createForeignKey(
        table,
        new TableForeignKey({
          name: `${table}_schedule_fk`,
          columnNames: ['schedule_id'],
          referencedTableName: 'menu_schedules',
          referencedColumnNames: ['id'],
          onDelete: 'SET NULL',
        }),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['dishes', 'categories']) {
      await queryRunner.dropForeignKey(table, `${table}_schedule_fk`);
      await queryRunner.dropIndex(table, `${table}_schedule_id`);
      await queryRunner.dropColumn(table, 'schedule_id');
    }
    await queryRunner.dropTable('menu_schedule_edges');
    await queryRunner.dropTable('menu_schedules');
  }
}
