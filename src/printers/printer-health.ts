import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { PrintJob, PrintJobStatus } from './print-job.entity';
import { Printer } from './printer.entity';
import { audienceOf } from '../event-log/event-audiences';

/**
 * Printers' outages: when one started (its first failed attempt), when it is long enough to fail over
 * (PRINTER_FAILOVER_SECONDS on the Clock), which printer of its backup chain takes over, and telling people.
 */
@Injectable()
export class PrinterHealth {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly config: AppConfig,
  ) {}

  /** Whether the printer has failed long enough for its kitchen tickets to go to a backup. */
  failedOver(printer: Printer, now: Date): boolean {
    return (
      printer.failingSince !== null &&
      now.getTime() - printer.failingSince.getTime() >= this.config.printerFailoverMs
    );
  }

  /** The first printer of its backup chain that is active and not failed over itself; null when there is none. */
  async backupOf(printer: Printer, now: Date): Promise<Printer | null> {
    const seen = new Set([printer.id]);
    for (let id = printer.backupPrinterId; id && !seen.has(id);) {
      seen.add(id);
      const candidate = await this.database.reader.findOneBy(Printer, { id });
      if (!candidate) return null;
      if (candidate.active && !this.failedOver(candidate, now)) return candidate;
      id = candidate.backupPrinterId;
    }
    return null;
  }

  /** Managers hear `printer.failed` once per outage, from whichever instance sees it first. */
  async announceFailure(printerId: string, backupPrinterId: string | null, now: Date): Promise<void> {
    await this.database.transaction(async (tx) => {
      const printer = await tx.manager.findOne(Printer, {
        where: { id: printerId },
        ...this.database.forUpdate,
      });
      if (!printer || printer.failureAnnouncedAt || !this.failedOver(printer, now)) return;
      await tx.manager.update(Printer, { id: printerId }, { failureAnnouncedAt: now });
      this.eventLog.append(tx, {
        type: EventType.PrinterFailed,
        data: { printerId, name: printer.name, error: printer.lastError, backupPrinterId },
        audience: audienceOf(EventType.PrinterFailed),
      });
    });
  }

  /** An attempt on the printer failed: its outage starts now, unless it started before. */
  async outage(tx: Tx, printerId: string, now: Date, error: string): Promise<void> {
    await tx.manager.update(Printer, { id: printerId, failingSince: IsNull() }, { failingSince: now });
    await tx.manager.update(Printer, { id: printerId }, { lastError: error.slice(0, 500) });
  }

  /** The printer printed (or a probe reached it): its outage is over. */
  async recover(tx: Tx, printerId: string): Promise<void> {
    await tx.manager.update(
      Printer,
      { id: printerId },
      { failingSince: null, failureAnnouncedAt: null, lastError: null },
    );
  }

  /** The job will never print: marked failed, and people told (`print_job.failed`). */
  async fail(tx: Tx, job: PrintJob, error: string): Promise<void> {
    await tx.manager.update(
      PrintJob,
      { id: job.id },
      { status: PrintJobStatus.Failed, sendingAt: null, lastError: error.slice(0, 500) },
    );
    this.eventLog.append(tx, {
      type: EventType.PrintJobFailed,
      data: { jobId: job.id, printerId: job.printerId, kind: job.kind, orderId: job.orderId, error },
      audience: audienceOf(EventType.PrintJobFailed),
    });
  }
}
