import { ApiProperty } from '@nestjs/swagger';
import {
  PRINT_JOB_KINDS,
  PRINT_JOB_STATUSES,
  PrintJob,
  PrintJobKind,
  PrintJobStatus,
} from '../print-job.entity';

export class PrintJobView {
  @ApiProperty({ format: 'uuid', description: 'Also the jobId an agent receives: the same on every attempt' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The printer it is queued on (its backup after a failover)' })
  printerId!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Set when failover moved the job',
  })
  originalPrinterId!: string | null;

  @ApiProperty({ enum: PRINT_JOB_KINDS, enumName: 'PrintJobKind' })
  kind!: PrintJobKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  orderId!: string | null;

  @ApiProperty({
    enum: PRINT_JOB_STATUSES,
    enumName: 'PrintJobStatus',
    description:
      'pending: waiting for its printer; printing: being sent; printed: acknowledged (a clean close, or the ' +
      "agent's ok); failed: no printer could take it",
  })
  status!: PrintJobStatus;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The job this one reprints' })
  reprintOf!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  printedAt!: string | null;

  static of(this: void, job: PrintJob): PrintJobView {
    return {
      id: job.id,
      printerId: job.printerId,
      originalPrinterId: job.originalPrinterId,
      kind: job.kind,
      orderId: job.orderId,
      status: job.status,
      attempts: job.attempts,
      lastError: job.lastError,
      reprintOf: job.reprintOf,
      createdAt: job.createdAt.toISOString(),
      printedAt: job.printedAt?.toISOString() ?? null,
    };
  }
}
