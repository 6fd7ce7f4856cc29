import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../common/money';
import { InstantColumn } from '../database/columns';

/**
 * A person's hourly wage in one job from a local date on (the restaurant's time zone), until a later row of the
 * same person and job. A person holds the jobs they have a wage in.
 */
@Entity('staff_job_wages')
@Index('staff_job_wages_user_job_from_unique', ['userId', 'jobId', 'effectiveFrom'], { unique: true })
@Index('staff_job_wages_job_id', ['jobId'])
export class StaffJobWage {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 36 })
  jobId!: string;

  /** Minor units per hour. */
  @MoneyColumn()
  hourlyWage!: number;

  /** YYYY-MM-DD, the first local day this wage is paid. */
  @Column({ type: 'varchar', length: 10 })
  effectiveFrom!: string;

  @InstantColumn()
  createdAt!: Date;
}
