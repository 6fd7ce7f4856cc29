import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { isDatabaseUnreachable } from '../common/errors/database-unreachable';
import { CoalescingRunner } from '../common/loops/coalescing-runner';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import type { PrintJob } from './print-job.entity';
import { PrintAgents } from './print-agents';
import { PrintQueue } from './print-queue';
import { ConnectionType, Printer } from './printer.entity';
import { probeTcp, sendOverTcp } from './tcp-transport';

const POLL_EVERY_MS = 250;
/** One attempt: connection, bytes and the printer's clean close (or an agent's acknowledgement). */
export const PRINT_TIMEOUT_MS = 10_000;
/** A lease outlives an attempt by this much, so a live sender never loses its job to another instance. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Sends print jobs: per printer, one job at a time, its queue's head, leased in the database so that no two
 * instances send the same job or two jobs of one printer at once. Polls every 250 ms and is woken when jobs are
 * made or an attempt ends. A network printer is sent from any instance; an agent printer from the instance its
 * agent is connected to. Failing printers are retried with back-off, probed once their jobs have moved, and
 * failed over after PRINTER_FAILOVER_SECONDS. Time comes from the Clock, so tests can pass the failover at once.
 */
@Injectable()
export class PrintDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PrintDispatcher.name);
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly dispatching = new CoalescingRunner(() => this.dispatchDue(), {
    name: 'Dispatching print jobs',
    logger: this.logger,
    everyMs: POLL_EVERY_MS,
  });
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly queue: PrintQueue,
    private readonly agents: PrintAgents,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.dispatching.start();
  }

  wake(): void {
    void this.dispatching.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.dispatching.stop();
    await Promise.all(this.inFlight.values());
  }

  private async dispatchDue(): Promise<void> {
    const printerIds = await this.queue.printersToServe();
    for (const printerId of printerIds) {
      if (this.stopped) return;
      if (this.inFlight.has(printerId)) continue;
      const serve = this.serve(printerId).finally(() => {
        this.inFlight.delete(printerId);
        this.wake();
      });
      this.inFlight.set(printerId, serve);
    }
  }

  /**
   * Fails the printer over when its outage is long enough, then sends its head job or, with none, probes it. An
   * agent printer is served only where its agent is connected; every instance may fail it over.
   */
  private async serve(printerId: string): Promise<void> {
    try {
      const now = this.clock.now();
      await this.queue.failOver(printerId, now, this.config.printerFailoverMs);
      const printer = await this.database.reader.findOneBy(Printer, { id: printerId });
      if (!printer?.active) return;
      if (printer.connectionType === ConnectionType.Agent && !this.agents.agentOf(printerId)) return;
      const leaseUntil = new Date(now.getTime() + PRINT_TIMEOUT_MS + LEASE_MARGIN_MS);
      const claim = await this.queue.claim(printerId, now, leaseUntil);
      if (claim) await this.attempt(claim.job, claim.printer);
      else if (printer.failingSince) await this.probe(printer);
    } catch (error) {
      const level = isDatabaseUnreachable(error) ? 'warn' : 'error';
      this.logger[level]({ err: error, printerId }, 'A print attempt could not be recorded');
    }
  }

  private async attempt(job: PrintJob, printer: Printer): Promise<void> {
    try {
      await this.send(job, printer);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.queue.failedAttempt(job, printer.id, this.clock.now(), message);
      return;
    }
    await this.queue.printed(job, printer, this.clock.now());
  }

  private async send(job: PrintJob, printer: Printer): Promise<void> {
    const bytes = Buffer.from(job.bytes, 'base64');
    if (printer.connectionType === ConnectionType.Tcp) {
      await sendOverTcp(printer.host ?? '', printer.port ?? 0, bytes, PRINT_TIMEOUT_MS, () =>
        this.queue.sending(job.id, this.clock.now()),
      );
      return;
    }
    const agent = this.agents.agentOf(printer.id);
    if (!agent) throw new Error('no print agent is connected for this printer');
    const ack = await agent.send(
      { jobId: job.id, printerId: printer.id, bytes: job.bytes },
      PRINT_TIMEOUT_MS,
    );
    if (!ack.ok) throw new Error(`the agent could not print: ${ack.error ?? 'no reason given'}`);
  }

  /** A printer in an outage with nothing it may send now: is it back? */
  private async probe(printer: Printer): Promise<void> {
    const up =
      printer.connectionType === ConnectionType.Tcp
        ? await probeTcp(printer.host ?? '', printer.port ?? 0, PRINT_TIMEOUT_MS)
        : this.agents.agentOf(printer.id) !== null;
    if (up) await this.queue.recovered(printer.id);
  }
}
