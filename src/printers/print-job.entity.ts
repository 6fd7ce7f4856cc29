import { randomUUID } from 'node:crypto';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import type { KitchenTicketDocument } from '../documents/document-types';

export enum PrintJobKind {
  KitchenTicket = 'kitchen_ticket',
  Bill = 'bill',
  Receipt = 'receipt',
  Report = 'report',
}

/**
 * `pending`: waiting for its printer (first attempt or a retry). `printing`: being sent (a network printer took the
 * connection, or an agent was handed it). `printed`: the printer closed cleanly, or the agent acknowledged it.
 * `failed`: no printer could take it.
 */
export enum PrintJobStatus {
  Pending = 'pending',
  Printing = 'printing',
  Printed = 'printed',
  Failed = 'failed',
}

export const PRINT_JOB_KINDS: readonly PrintJobKind[] = Object.values(PrintJobKind);
export const PRINT_JOB_STATUSES: readonly PrintJobStatus[] = Object.values(PrintJobStatus);

/**
 * One document's ESC/POS bytes for one printer. Its place in the printer's queue, its lease and its retries are
 * those of the `printers` consumer's job of the same id (src/event-log/consumers); this row is what people see.
 */
@Entity('print_jobs')
@Index('print_jobs_by_printer', ['printerId', 'createdAt'])
@Index('print_jobs_order', ['orderId'])
@Index('print_jobs_created', ['createdAt'])
export class PrintJob {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey('Printer', { name: 'print_jobs_printer', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 36 })
  printerId!: string;

  /** The printer whose queue it is in, when failover printed it on a backup (then `printerId`). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  originalPrinterId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: PrintJobKind;

  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId!: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  reprintOf!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: PrintJobStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The ESC/POS bytes, base64: rendered once when the job is made, so every attempt sends the same bytes. */
  @Column({ type: 'text' })
  bytes!: string;

  /** A kitchen ticket's document, kept so that an erasure can render it again without the guest (null otherwise). */
  @Column({ type: 'simple-json', nullable: true })
  document!: KitchenTicketDocument | null;

  /**
   * Set once a network printer accepted the connection, before the bytes go: a job found `printing` with it set may
   * have printed (the instance died mid-send), so it fails rather than prints twice; without it, nothing was sent.
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

export type NewPrintJob = Pick<PrintJob, 'printerId' | 'kind' | 'orderId' | 'reprintOf'> & {
  bytes: Buffer;
  document?: KitchenTicketDocument | null;
};

/** A job due now. */
export function pendingJob(job: NewPrintJob, now: Date): PrintJob {
  return Object.assign(new PrintJob(), {
    ...job,
    id: randomUUID(),
    bytes: job.bytes.toString('base64'),
    document: job.document ?? null,
    originalPrinterId: null,
    status: PrintJobStatus.Pending,
    attempts: 0,
    sendingAt: null,
    lastError: null,
    createdAt: now,
    printedAt: null,
  });
}
