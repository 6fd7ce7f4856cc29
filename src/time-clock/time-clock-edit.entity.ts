import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** A manager's correction of a shift, with the reason and the shift's times before and after: the original stays. */
@Entity('time_clock_edits')
@Index('time_clock_edits_entry_id', ['entryId'])
export class TimeClockEdit {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  entryId!: string;

  /** The principal who edited, as the audit log names it (staff:<id>). */
  @Column({ type: 'varchar', length: 80 })
  editedBy!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'simple-json' })
  before!: ShiftTimes;

  @Column({ type: 'simple-json' })
  after!: ShiftTimes;

  @InstantColumn()
  editedAt!: Date;
}

/** What an edit may change of a shift, as ISO instants. */
export interface ShiftTimes {
  clockedInAt: string;
  clockedOutAt: string | null;
  jobId: string | null;
}
