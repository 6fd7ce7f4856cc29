import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** A kind of work a person is paid for by the hour: waiter, cook, bartender, … */
@Entity('jobs')
@Index('jobs_name_unique', ['name'], { unique: true })
export class Job {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  /** An inactive job is no longer chosen at clock-in; shifts worked in it keep naming it. */
  @Column({ default: true })
  active!: boolean;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
