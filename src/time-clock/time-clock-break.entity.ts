import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** A break within one shift; open while the person is on it. A paid break counts as time worked. */
@Entity('time_clock_breaks')
@Index('time_clock_breaks_entry_id', ['entryId'])
export class TimeClockBreak {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  entryId!: string;

  @Column({ default: false })
  paid!: boolean;

  @InstantColumn()
  startedAt!: Date;

  @InstantColumn({ nullable: true })
  endedAt!: Date | null;
}
