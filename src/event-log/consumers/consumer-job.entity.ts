import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns';
import { bigintAsNumber } from '../event-record.entity';
import { JobStatus } from './consumer';

/** One job of one consumer, with the state of its attempts: the queue every consumer shares. */
@Entity('consumer_jobs')
@Index('consumer_jobs_due', ['consumer', 'status', 'nextAttemptAt'])
@Index('consumer_jobs_order', ['consumer', 'key', 'status', 'seq'])
export class ConsumerJob {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  consumer!: string;

  /** What orders jobs among themselves (a subscription, a printer). */
  @Column({ name: 'ordering_key', type: 'varchar', length: 200 })
  key!: string;

  /** The event it was derived from; null when added outside the log (it then stands outside its key's order). */
  @Column({ type: 'bigint', transformer: bigintAsNumber, nullable: true })
  seq!: number | null;

  /** Its place among the jobs of its key derived from the same event. */
  @Column({ type: 'integer', default: 0 })
  ordinal!: number;

  /** What the consumer's run() needs, as JSON. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: JobStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When it is due; null once done or failed. */
  @InstantColumn({ nullable: true })
  nextAttemptAt!: Date | null;

  /** While an instance runs it, until when no other may. */
  @InstantColumn({ nullable: true })
  leaseUntil!: Date | null;

  @InstantColumn({ nullable: true })
  lastAttemptAt!: Date | null;

  /** Why the last attempt failed. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @InstantColumn()
  createdAt!: Date;

  /** When it was done or given up. */
  @InstantColumn({ nullable: true })
  finishedAt!: Date | null;
}
