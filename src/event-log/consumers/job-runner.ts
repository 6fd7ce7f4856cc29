import type { Logger } from '@nestjs/common';
import { isDatabaseUnreachable } from '../../common/errors/database-unreachable';
import type { Clock } from '../../common/time/clock';
import type { Database } from '../../database/database.service';
import { ConsumerDefinition, JobOutcome, JobStatus, SettledJob } from './consumer';
import { ConsumerJob } from './consumer-job.entity';
import { jobOf, JobQueue } from './job-queue';
import { leaseUntil, shutdownWaitMs } from './lease';
import { nextAttemptAt } from './retry-schedule';

const DEFAULT_CONCURRENCY = 8;
const ERROR_LENGTH = 500;

/**
 * Runs one consumer's due jobs on this instance: takes up to `concurrency` at a time, at most one per key, leases
 * each before running it, and records what the attempt came to (done, a retry after the back-off, or given up) in
 * one transaction with the consumer's own writes. Time comes from the Clock, so tests can skip the back-off.
 */
export class JobRunner {
  /** The attempt in flight per key. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly definition: ConsumerDefinition,
    private readonly queue: JobQueue,
    private readonly logger: Logger,
    /** Called when an attempt has finished: the key's next job may be due. */
    private readonly finished: () => void,
  ) {}

  private get concurrency(): number {
    return this.definition.concurrency ?? DEFAULT_CONCURRENCY;
  }

  /** One round: leases and starts what may run now; does not wait for the attempts. */
  async runDue(): Promise<void> {
    if (this.stopped || this.inFlight.size >= this.concurrency) return;
    const held = (await this.definition.heldKeys?.()) ?? [];
    const now = this.clock.now();
    const due = await this.queue.due(now, held, this.concurrency * 4);
    for (const job of due) {
      if (this.stopped || this.inFlight.size >= this.concurrency) return;
      if (this.inFlight.has(job.key)) continue;
      if (!(await this.queue.claim(job.id, now, leaseUntil(now, this.definition.attemptTimeoutMs)))) continue;
      const attempt = this.attempt(job).finally(() => {
        this.inFlight.delete(job.key);
        this.finished();
      });
      this.inFlight.set(job.key, attempt);
    }
  }

  /** Takes no new job; waits (bounded) for the attempts in flight to finish and be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, shutdownWaitMs(this.definition.attemptTimeoutMs));
    });
    await Promise.race([Promise.all(this.inFlight.values()), bound]);
    clearTimeout(timer);
  }

  private async attempt(job: ConsumerJob): Promise<void> {
    try {
      const attemptedAt = this.clock.now();
      const outcome = await this.outcomeOf(job);
      if (outcome.result === 'held') await this.queue.release(job.id);
      else await this.record(job.id, attemptedAt, outcome);
    } catch (error) {
      // The lease runs out and the job is run again: nothing is lost.
      const level = isDatabaseUnreachable(error) ? 'warn' : 'error';
      this.logger[level](
        { err: error, consumer: this.definition.name, jobId: job.id },
        'An attempt could not be recorded',
      );
    }
  }

  /** A throw is a failed attempt, unless the database is away: then the lease runs out and it is run again. */
  private async outcomeOf(job: ConsumerJob): Promise<JobOutcome> {
    try {
      return await this.definition.run(jobOf(job));
    } catch (error) {
      if (isDatabaseUnreachable(error)) throw error;
      this.logger.error({ err: error, consumer: this.definition.name, jobId: job.id }, 'A job threw');
      return { result: 'failed', error: `threw: ${(error as Error).message}` };
    }
  }

  private record(
    id: string,
    attemptedAt: Date,
    outcome: Exclude<JobOutcome, { result: 'held' }>,
  ): Promise<void> {
    return this.database.transaction(async (tx) => {
      const job = await tx.manager.findOne(ConsumerJob, { where: { id }, ...this.database.forUpdate });
      // Discarded with its key while it was running.
      if (!job || job.status !== JobStatus.Pending) return;
      const now = this.clock.now();
      job.attempts += 1;
      job.lastAttemptAt = attemptedAt;
      job.leaseUntil = null;
      if (outcome.result === 'done') {
        job.status = JobStatus.Done;
        job.nextAttemptAt = null;
        job.lastError = null;
        job.finishedAt = now;
      } else {
        job.lastError = outcome.error.slice(0, ERROR_LENGTH);
        job.nextAttemptAt = nextAttemptAt(this.definition.retry, job.attempts, now);
        if (job.nextAttemptAt === null) {
          job.status = JobStatus.Failed;
          job.finishedAt = now;
        }
      }
      await tx.manager.save(job);
      await outcome.record?.(tx, settled(job, attemptedAt));
    });
  }
}

function settled(job: ConsumerJob, attemptedAt: Date): SettledJob {
  return {
    id: job.id,
    key: job.key,
    seq: job.seq,
    status: job.status,
    attempts: job.attempts,
    lastAttemptAt: attemptedAt,
    nextAttemptAt: job.nextAttemptAt,
    lastError: job.lastError,
  };
}
