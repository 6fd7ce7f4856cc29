import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** One stretch of work of one staff member, from clock-in to clock-out; open while they are clocked in. */
@Entity('time_clock_entries')
@Index('time_clock_entries_one_open', ['userId'], { unique: true, where: 'clocked_out_at IS NULL' })
@Index('time_clock_entries_clocked_in_at', ['clockedInAt'])
@Index('time_clock_entries_user_id_clocked_in_at', ['userId', 'clockedInAt'])
export class TimeClockEntry {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  /** The job worked in; null when the person holds no job (their hours have no wage). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  jobId!: string | null;

  @InstantColumn()
  clockedInAt!: Date;

  /** Null while clocked in: a shift left open over night stays open until its clock-out. */
  @InstantColumn({ nullable: true })
  clockedOutAt!: Date | null;

  @InstantColumn()
  updatedAt!: Date;
}
