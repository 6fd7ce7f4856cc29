import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import {
  ConsumerDefinition,
  ConsumerHandle,
  DerivedJob,
  Job,
  JobOutcome,
  JobStatus,
  SettledJob,
} from '../event-log/consumers/consumer';
import { Consumers } from '../event-log/consumers/consumers.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { KITCHEN_EVENT_TYPES } from './kitchen-ticket-changes';
import { KitchenTickets } from './kitchen-tickets';
import { PrintAgents } from './print-agents';
import { PrintJob, PrintJobKind, PrintJobStatus } from './print-job.entity';
import { PrinterHealth } from './printer-health';
import { ConnectionType, Printer, PrinterKind } from './printer.entity';
import { probeTcp, sendOverTcp } from './tcp-transport';

/** One attempt: connection, bytes and the printer's clean close (or an agent's acknowledgement). */
export const PRINT_TIMEOUT_MS = 10_000;
const PROBE_TIMEOUT_MS = 2_000;
/** A failed-over network printer is probed at most this often, to take its tickets back once it is up again. */
const PROBE_EVERY_MS = 2_000;

/**
 * Print jobs as jobs of the `printers` consumer (src/event-log/consumers), keyed by printer: a printer's kitchen
 * tickets print one at a time in the order of the events they come from, each leased so no two instances send it,
 * retried with back-off (0.5 s doubling to 5 s) while the printer is down. Once a printer has failed for
 * PRINTER_FAILOVER_SECONDS its kitchen tickets print on its backup (probing it every 2 s to take them back);
 * what no printer can take fails with `print_job.failed`. An agent printer's jobs wait on instances its agent
 * is not connected to.
 */
@Injectable()
export class PrintConsumer implements ConsumerDefinition<null>, OnModuleInit {
  readonly name = 'printers';
  readonly jobsLabel = 'print jobs';
  /** Attempts are not what ends a job: failover is. The cap only stops a job that nothing else ends. */
  readonly retry = { maxAttempts: 10_000, firstCapMs: 500, longestCapMs: 5_000 };
  readonly attemptTimeoutMs = PRINT_TIMEOUT_MS + PROBE_TIMEOUT_MS;
  readonly concurrency = 16;
  private handle?: ConsumerHandle<null>;
  private readonly probedAt = new Map<string, number>();

  constructor(
    private readonly consumers: Consumers,
    private readonly database: Database,
    private readonly tickets: KitchenTickets,
    private readonly health: PrinterHealth,
    private readonly agents: PrintAgents,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handle = this.consumers.register(this);
  }

  /** The registered consumer: queuing reprints and bills, dropping a deleted printer's queue, waking it. */
  get jobs(): ConsumerHandle<null> {
    if (!this.handle) throw new Error('The printers consumer is not registered yet');
    return this.handle;
  }

  wakesOn(event: EventRecord): boolean {
    return KITCHEN_EVENT_TYPES.has(event.type);
  }

  /**
   * No active kitchen printer: no ticket and no kitchen ledger (KitchenTickets writes neither then). A printer
   * created or changed holds the cursor first (PrintersService).
   */
  async idle(manager: EntityManager): Promise<boolean> {
    return !(await manager.exists(Printer, { where: { kind: PrinterKind.Kitchen, active: true } }));
  }

  async derive(events: readonly EventRecord[], tx: Tx): Promise<Array<DerivedJob<null>>> {
    const jobs = await this.tickets.derive(tx, events);
    return jobs.map((job) => ({ seq: job.seq, key: job.printerId, payload: null, id: job.id }));
  }

  /** Inactive printers, and agent printers whose agent is not connected here. */
  async heldKeys(): Promise<readonly string[]> {
    const printers = await this.database.reader.find(Printer, {
      select: { id: true, active: true, connectionType: true },
    });
    return printers
      .filter(
        (printer) =>
          !printer.active ||
          (printer.connectionType === ConnectionType.Agent && !this.agents.agentOf(printer.id)),
      )
      .map((printer) => printer.id);
  }

  async run(job: Job<null>): Promise<JobOutcome> {
    const printJob = await this.database.reader.findOneBy(PrintJob, { id: job.id });
    const queued = await this.database.reader.findOneBy(Printer, { id: job.key });
    if (!printJob || !queued || [PrintJobStatus.Printed, PrintJobStatus.Failed].includes(printJob.status)) {
      return { result: 'done' };
    }
    if (printJob.status === PrintJobStatus.Printing && printJob.sendingAt) {
      // The instance sending it died after the printer took the connection: it may have printed.
      const error = 'interrupted while sending: it may have printed; reprint it if not';
      return { result: 'done', record: (tx) => this.health.fail(tx, printJob, error) };
    }
    const now = this.clock.now();
    const target = await this.targetOf(queued, printJob, now);
    if (!target) {
      const error = `printer "${queued.name}" failed and no backup could take the job`;
      return { result: 'done', record: (tx) => this.health.fail(tx, printJob, error) };
    }
    if (target.connectionType === ConnectionType.Agent && !this.agents.agentOf(target.id))
      return { result: 'held' };
    try {
      await this.send(printJob, target);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        result: 'failed',
        error: message,
        record: (tx, settled) => this.failed(tx, settled, printJob, target, message),
      };
    }
    return { result: 'done', record: (tx, settled) => this.printed(tx, settled, printJob, target, queued) };
  }

  /**
   * The printer to send to: the queue's own, or, once it has failed over and a probe does not find it back, its
   * backup for a kitchen ticket (nothing for a bill: the guest's check does not go to the kitchen).
   */
  private async targetOf(queued: Printer, printJob: PrintJob, now: Date): Promise<Printer | null> {
    if (!this.health.failedOver(queued, now)) return queued;
    if (await this.probe(queued)) {
      await this.database.transaction((tx) => this.health.recover(tx, queued.id));
      return queued;
    }
    const backup =
      printJob.kind === PrintJobKind.KitchenTicket ? await this.health.backupOf(queued, now) : null;
    await this.health.announceFailure(queued.id, backup?.id ?? null, now);
    return backup;
  }

  private async probe(printer: Printer): Promise<boolean> {
    if (printer.connectionType !== ConnectionType.Tcp) return false;
    const last = this.probedAt.get(printer.id) ?? 0;
    if (Date.now() - last < PROBE_EVERY_MS) return false;
    this.probedAt.set(printer.id, Date.now());
    return probeTcp(printer.host ?? '', printer.port ?? 0, PROBE_TIMEOUT_MS);
  }

  private async send(printJob: PrintJob, target: Printer): Promise<void> {
    const printing = (sendingAt: Date | null) =>
      this.database.transaction((tx) =>
        tx.manager.update(PrintJob, { id: printJob.id }, { status: PrintJobStatus.Printing, sendingAt }),
      );
    if (target.connectionType === ConnectionType.Tcp) {
      const bytes = Buffer.from(printJob.bytes, 'base64');
      await sendOverTcp(target.host ?? '', target.port ?? 0, bytes, PRINT_TIMEOUT_MS, () =>
        printing(this.clock.now()).then(() => undefined),
      );
      return;
    }
    const agent = this.agents.agentOf(target.id);
    if (!agent) throw new Error('no print agent is connected for this printer');
    // An agent drops a job id it has printed already, so a job resent after a crash prints once.
    await printing(null);
    const ack = await agent.send(
      { jobId: printJob.id, printerId: target.id, bytes: printJob.bytes },
      PRINT_TIMEOUT_MS,
    );
    if (!ack.ok) throw new Error(`the agent could not print: ${ack.error ?? 'no reason given'}`);
  }

  private async printed(
    tx: Tx,
    settled: SettledJob,
    printJob: PrintJob,
    target: Printer,
    queued: Printer,
  ): Promise<void> {
    await tx.manager.update(
      PrintJob,
      { id: printJob.id },
      {
        status: PrintJobStatus.Printed,
        printedAt: this.clock.now(),
        attempts: settled.attempts,
        lastError: null,
        printerId: target.id,
        originalPrinterId: target.id === queued.id ? printJob.originalPrinterId : queued.id,
      },
    );
    if (target.failingSince) await this.health.recover(tx, target.id);
  }

  private async failed(
    tx: Tx,
    settled: SettledJob,
    printJob: PrintJob,
    target: Printer,
    error: string,
  ): Promise<void> {
    await this.health.outage(tx, target.id, settled.lastAttemptAt, error);
    if (settled.status === JobStatus.Failed) {
      await this.health.fail(tx, printJob, error);
      return;
    }
    await tx.manager.update(
      PrintJob,
      { id: printJob.id },
      {
        status: PrintJobStatus.Pending,
        sendingAt: null,
        attempts: settled.attempts,
        lastError: error.slice(0, 500),
      },
    );
  }
}
