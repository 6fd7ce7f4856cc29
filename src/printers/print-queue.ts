import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Role } from '../common/access/role';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { PrintJob, PrintJobKind, PrintJobStatus } from './print-job.entity';
import { ConnectionType, Printer } from './printer.entity';

const QUEUED = [PrintJobStatus.Pending, PrintJobStatus.Printing];
const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 5000;

/** The wait after failed attempt number `attempts` (1-based): doubling from 0.5 s, at most 5 s. */
export function printRetryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
}

/** What claim() found at the head of a printer's queue. */
export type Claim = { job: PrintJob; printer: Printer } | null;

/**
 * The print queues, one per printer, in the database: taking a printer's head job (its row locked, so two instances
 * never take two jobs of one printer, nor one job twice), recording how the attempt went, and failing over.
 */
@Injectable()
export class PrintQueue {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
  ) {}

  /** Printers with queued jobs, and printers in an outage (which a probe may end). */
  async printersToServe(): Promise<string[]> {
    const rows = await this.database.reader
      .createQueryBuilder(PrintJob, 'j')
      .select('DISTINCT j.printerId', 'printerId')
      .where('j.status IN (:...queued)', { queued: QUEUED })
      .getRawMany<{ printerId: string }>();
    const failing = await this.database.reader.find(Printer, {
      select: { id: true },
      where: { failingSince: Not(IsNull()) },
    });
    return [...new Set([...rows.map((row) => row.printerId), ...failing.map((printer) => printer.id)])];
  }

  /**
   * Leases the printer's head job when it is due: the lowest position still pending or printing. A head another
   * instance is sending (lease running) holds the queue. A head whose lease ran out was being sent by an instance
   * that died: sent again, unless a network printer had already accepted its bytes (it may have printed): then it
   * fails, and people are told, rather than printing twice.
   */
  claim(printerId: string, now: Date, leaseUntil: Date): Promise<Claim> {
    return this.database.transaction(async (tx) => {
      const printer = await tx.manager.findOne(Printer, {
        where: { id: printerId },
        ...this.database.forUpdate,
      });
      if (!printer || !printer.active) return null;
      const head = await tx.manager.findOne(PrintJob, {
        where: { printerId, status: In(QUEUED) },
        order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' },
      });
      if (!head) return null;
      if (head.status === PrintJobStatus.Printing) {
        if (head.leaseUntil && head.leaseUntil > now) return null;
        if (head.sendingAt && printer.connectionType === ConnectionType.Tcp) {
          await this.fail(tx, [head], 'interrupted while sending: it may have printed; reprint it if not');
          return null;
        }
      } else if (head.nextAttemptAt && head.nextAttemptAt > now) {
        return null;
      }
      Object.assign(head, {
        status: PrintJobStatus.Printing,
        leaseUntil,
        sendingAt: null,
        attempts: head.attempts + 1,
      });
      await tx.manager.update(
        PrintJob,
        { id: head.id },
        { status: head.status, leaseUntil, sendingAt: null, attempts: head.attempts },
      );
      return { job: head, printer };
    });
  }

  /** The printer took the connection: from now on the job may print. */
  async sending(jobId: string, now: Date): Promise<void> {
    await this.database.transaction((tx) => tx.manager.update(PrintJob, { id: jobId }, { sendingAt: now }));
  }

  printed(job: PrintJob, printer: Printer, now: Date): Promise<void> {
    return this.database.transaction(async (tx) => {
      await tx.manager.update(
        PrintJob,
        { id: job.id },
        {
          status: PrintJobStatus.Printed,
          printedAt: now,
          leaseUntil: null,
          nextAttemptAt: null,
          lastError: null,
        },
      );
      if (printer.failingSince) await this.recover(tx, printer.id);
    });
  }

  /** The attempt failed: the job waits its back-off at the head of its queue; the printer's outage starts. */
  failedAttempt(job: PrintJob, printerId: string, now: Date, error: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      await tx.manager.update(
        PrintJob,
        { id: job.id },
        {
          status: PrintJobStatus.Pending,
          leaseUntil: null,
          sendingAt: null,
          nextAttemptAt: new Date(now.getTime() + printRetryDelayMs(job.attempts)),
          lastError: error.slice(0, 500),
        },
      );
      await this.outage(tx, printerId, now, error);
    });
  }

  /** A probe reached the printer: its outage is over. */
  async recovered(printerId: string): Promise<void> {
    await this.database.transaction((tx) => this.recover(tx, printerId));
  }

  /**
   * A printer failing for `failoverMs`: its pending kitchen tickets move to the first printer of its backup chain
   * that is active and not in an outage of its own; what nothing can take fails (`print_job.failed`); managers
   * hear `printer.failed` once per outage. Runs again while the outage lasts, for tickets made meanwhile.
   */
  async failOver(printerId: string, now: Date, failoverMs: number): Promise<void> {
    const due = async (manager: EntityManager, printer: Printer | null): Promise<boolean> => {
      const since = printer && (printer.failingSince ?? (await this.agentSilentSince(manager, printer)));
      return since !== null && now.getTime() - since.getTime() >= failoverMs;
    };
    // Looked at first without a lock: a printer that prints costs one read.
    if (!(await due(this.database.reader, await this.database.reader.findOneBy(Printer, { id: printerId }))))
      return;
    await this.database.transaction(async (tx) => {
      const printer = await tx.manager.findOne(Printer, {
        where: { id: printerId },
        ...this.database.forUpdate,
      });
      if (!printer || !(await due(tx.manager, printer))) return;
      const backup = await this.backupFor(tx, printer, now, failoverMs);
      const pending = await tx.manager.find(PrintJob, {
        where: { printerId, status: PrintJobStatus.Pending },
        order: { position: 'ASC' },
      });
      const moving = backup ? pending.filter((job) => job.kind === PrintJobKind.KitchenTicket) : [];
      for (const job of moving) {
        await tx.manager.update(
          PrintJob,
          { id: job.id },
          {
            printerId: backup!.id,
            originalPrinterId: job.originalPrinterId ?? printerId,
            nextAttemptAt: now,
          },
        );
      }
      await this.fail(
        tx,
        pending.filter((job) => !moving.includes(job)),
        `printer "${printer.name}" failed and no backup could take the job`,
      );
      if (printer.failureAnnouncedAt) return;
      await tx.manager.update(Printer, { id: printerId }, { failureAnnouncedAt: now });
      this.eventLog.append(tx, {
        type: EventType.PrinterFailed,
        data: {
          printerId,
          name: printer.name,
          error: printer.lastError,
          backupPrinterId: backup?.id ?? null,
          movedJobs: moving.length,
        },
        audience: { roles: [Role.Manager, Role.Admin] },
      });
    });
  }

  /**
   * An agent printer whose agent is connected nowhere is never attempted, so it never fails an attempt: its outage
   * starts when its oldest waiting job was made.
   */
  private async agentSilentSince(manager: EntityManager, printer: Printer): Promise<Date | null> {
    if (printer.connectionType !== ConnectionType.Agent) return null;
    const head = await manager.findOne(PrintJob, {
      where: { printerId: printer.id, status: PrintJobStatus.Pending, attempts: 0 },
      order: { position: 'ASC' },
    });
    return head?.createdAt ?? null;
  }

  private async backupFor(tx: Tx, printer: Printer, now: Date, failoverMs: number): Promise<Printer | null> {
    const seen = new Set([printer.id]);
    for (let id = printer.backupPrinterId; id && !seen.has(id);) {
      seen.add(id);
      const candidate = await tx.manager.findOneBy(Printer, { id });
      if (!candidate) return null;
      const healthy =
        !candidate.failingSince || now.getTime() - candidate.failingSince.getTime() < failoverMs;
      if (candidate.active && healthy) return candidate;
      id = candidate.backupPrinterId;
    }
    return null;
  }

  private async fail(tx: Tx, jobs: PrintJob[], error: string): Promise<void> {
    for (const job of jobs) {
      await tx.manager.update(
        PrintJob,
        { id: job.id },
        {
          status: PrintJobStatus.Failed,
          leaseUntil: null,
          nextAttemptAt: null,
          lastError: error.slice(0, 500),
        },
      );
      this.eventLog.append(tx, {
        type: EventType.PrintJobFailed,
        data: { jobId: job.id, printerId: job.printerId, kind: job.kind, orderId: job.orderId, error },
        audience: { roles: [Role.Waiter, Role.Manager, Role.Admin, Role.Kitchen] },
      });
    }
  }

  private async outage(tx: Tx, printerId: string, now: Date, error: string): Promise<void> {
    await tx.manager.update(Printer, { id: printerId, failingSince: IsNull() }, { failingSince: now });
    await tx.manager.update(Printer, { id: printerId }, { lastError: error.slice(0, 500) });
  }

  private async recover(tx: Tx, printerId: string): Promise<void> {
    await tx.manager.update(
      Printer,
      { id: printerId },
      { failingSince: null, failureAnnouncedAt: null, lastError: null },
    );
  }
}
