import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { column, flag, timestamp } from './columns';

/**
 * Jobs (waiter, cook, …) with each person's hourly wage per job from a date on; the job a shift is worked in, its
 * breaks, a manager's audited edits of it, and the overtime rule in the restaurant's profile.
 */
export class JobsAndTimeClockDetail1797200000000 implements MigrationInterface {
  name = 'JobsAndTimeClockDetail1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'jobs',
        columns: [
          column.id(),
          column.text('name', 60),
          flag(queryRunner, 'active', true),
          timestamp(queryRunner, 'created_at'),
          timestamp(queryRunner, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'jobs_name_unique', columnNames: ['name'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_job_wages',
        columns: [
          column.id(),
          column.reference('user_id'),
          column.reference('job_id'),
          { name: 'hourly_wage', type: 'bigint' },
          column.text('effective_from', 10),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'staff_job_wages_user_job_from_unique',
            columnNames: ['user_id', 'job_id', 'effective_from'],
            isUnique: true,
          }),
          new TableIndex({ name: 'staff_job_wages_job_id', columnNames: ['job_id'] }),
        ],
      }),
    );
    await queryRunner.addColumn('time_clock_entries', new TableColumn(column.reference('job_id', true)));
    await queryRunner.createTable(
      new Table({
        name: 'time_clock_breaks',
        columns: [
          column.id(),
          column.reference('entry_id'),
          flag(queryRunner, 'paid', false),
          timestamp(queryRunner, 'started_at'),
          timestamp(queryRunner, 'ended_at', true),
        ],
        indices: [new TableIndex({ name: 'time_clock_breaks_entry_id', columnNames: ['entry_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'time_clock_edits',
        columns: [
          column.id(),
          column.reference('entry_id'),
          column.text('edited_by', 80),
          column.text('reason', 500),
          column.longText('before'),
          column.longText('after'),
          timestamp(queryRunner, 'edited_at'),
        ],
        indices: [new TableIndex({ name: 'time_clock_edits_entry_id', columnNames: ['entry_id'] })],
      }),
    );
    await queryRunner.addColumns('restaurant_profile', [
      new TableColumn({ name: 'overtime_daily_after_minutes', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'overtime_weekly_after_minutes', type: 'integer', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('restaurant_profile', [
      'overtime_daily_after_minutes',
      'overtime_weekly_after_minutes',
    ]);
    await queryRunner.dropTable('time_clock_edits');
    await queryRunner.dropTable('time_clock_breaks');
    await queryRunner.dropColumn('time_clock_entries', 'job_id');
    await queryRunner.dropTable('staff_job_wages');
    await queryRunner.dropTable('jobs');
  }
}
