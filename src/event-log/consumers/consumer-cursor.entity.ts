import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../event-record.entity';

/** How far a consumer has derived jobs from the event log: every event up to `seq` has given its jobs. */
@Entity('consumer_cursors')
export class ConsumerCursor {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;
}
