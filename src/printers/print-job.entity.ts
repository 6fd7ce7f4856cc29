import { randomUUID } from 'node:crypto';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import { bigintAsNumber } from '../event-log/event-record.entity';

export enum PrintJobKind {
  KitchenTicket = 'kitchen_ticket',
  Bill = 'bill',
  Receipt = 'receipt',
  Report = 'report',
}

/**
 * `pending`: waiting for its printer (first attempt or a retry). `printing`: leased by an instance sending it.
 * `printed`: the printer (or agent) acknowledged it. `failed`: no printer could take it.
 */
export enum PrintJobStatus {
  Pending = 'pending',
  Printing = 'printing',
  Printed = 'printed',
  Failed = 'failed',
}

export const PRINT_JOB_KINDS: readonly PrintJobKind[] = Object.values(PrintJobKind);
export const PRINT_JOB_STATUSES: readonly PrintJobStatus[] = Object.values(PrintJobStatus);

/** One document's ESC/POS bytes for one printer, sent once, in `position` order per printer. */
@Entity('print_jobs')
@Index('print_jobs_queue', ['printerId', 'status', 'position'])
@Index('print_jobs_due', ['status', 'nextAttemptAt'])
@Index('print_jobs_order', ['orderId'])
@Index('print_jobs_created', ['createdAt'])
export class PrintJob {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey('Printer', { name: 'print_jobs_printer', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 36 })
  printerId!: string;

  /** The printer it was made for, when failover moved it to a backup. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  originalPrinterId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: PrintJobKind;

  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  reprintOf!: string | null;

  /** The event a kitchen ticket was derived from; null for jobs people asked for. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  seq!: number | null;

  /** The printer's queue order: a job waits for every job of its printer with a lower position. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  position!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: PrintJobStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The ESC/POS bytes, base64: rendered once when the job is made, so every attempt sends the same bytes. */
  @Column({ type: 'text' })
  bytes!: string;

  @InstantColumn({ nullable: true })
  nextAttemptAt!: Date | null;

  /** While `printing`: until when no other instance may take it. */
  @InstantColumn({ nullable: true })
  leaseUntil!: Date | null;

  /**
   * Set once a network printer accepted the connection, before the bytes go: a job left `printing` with it set may
   * have printed (the instance died mid-send), so it is failed rather than sent twice; without it, nothing was sent.
   */
  @InstantColumn({ nullable: true })
  sendingAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn({ nullable: true })
  printedAt!: Date | null;
}

export type NewPrintJob = Pick<
  PrintJob,
  'printerId' | 'kind' | 'orderId' | 'reprintOf' | 'seq' | 'position'
> & {
  bytes: Buffer;
};

/** A job due now. */
export function pendingJob(job: NewPrintJob, now: Date): PrintJob {
  return Object.assign(new PrintJob(), {
    ...job,
    id: randomUUID(),
    bytes: job.bytes.toString('base64'),
    originalPrinterId: null,
    status: PrintJobStatus.Pending,
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    sendingAt: null,
    lastError: null,
    createdAt: now,
    printedAt: null,
  });
}
