import type { LoggerService } from '@nestjs/common';
import { isDatabaseUnreachable } from '../errors/database-unreachable';

/** The first retry after the database was found unreachable; each further failure doubles it, up to the cap. */
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 8_000;

export interface CoalescingRunnerOptions {
  /** What a run does, for the logs: "Dispatching webhook deliveries". */
  name: string;
  logger: Pick<LoggerService, 'log' | 'warn' | 'error'>;
  /** Also runs this often, between start() and stop(). */
  everyMs?: number;
}

/**
 * Runs a task one at a time: run() starts it now, or, while a run is out, once more after it (every call meanwhile
 * shares that one), because the run out may have begun before what the caller wants it to see. A run that fails
 * is logged and never rejects. While the database is unreachable the runner backs off: one warning for the whole
 * outage, periodic runs skipped, and a retry after a delay that doubles with each failure; the first run that
 * succeeds again says so.
 */
export class CoalescingRunner {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private stopped = false;
  private interval?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  /** Runs in a row that found the database unreachable. */
  private failures = 0;
  private resumeAt = 0;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly options: CoalescingRunnerOptions,
  ) {}

  /** Resolves once a run that started after the call has finished (at once after stop()). */
  run(): Promise<void> {
    if (this.stopped) return this.running ?? Promise.resolve();
    if (!this.running) {
      this.running = this.attempt().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.run();
    });
    return this.queued;
  }

  /** Starts the periodic runs, if the runner has a period. */
  start(): void {
    if (this.options.everyMs === undefined || this.interval || this.stopped) return;
    this.interval = setInterval(() => {
      if (Date.now() >= this.resumeAt) void this.run();
    }, this.options.everyMs);
    this.interval.unref();
  }

  /** Starts no more runs; resolves once the run out has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.interval);
    clearTimeout(this.retry);
    await this.running;
  }

  private async attempt(): Promise<void> {
    try {
      await this.task();
    } catch (error) {
      if (isDatabaseUnreachable(error)) this.backOff(error);
      else this.options.logger.error({ err: error }, `${this.options.name} failed`);
      return;
    }
    if (this.failures > 0) {
      this.options.logger.log(
        { failedRuns: this.failures },
        `${this.options.name} works again: the database is reachable`,
      );
      this.failures = 0;
      this.resumeAt = 0;
      clearTimeout(this.retry);
      this.retry = undefined;
    }
  }

  /** What failed is still to do: run again after the delay, and warn once per outage rather than on every run. */
  private backOff(error: unknown): void {
    this.failures += 1;
    if (this.failures === 1) {
      this.options.logger.warn(
        { err: error },
        `${this.options.name} failed: the database is unreachable; retrying with back-off`,
      );
    }
    if (this.stopped) return;
    const delay = Math.min(FIRST_RETRY_MS * 2 ** (this.failures - 1), MAX_RETRY_MS);
    this.resumeAt = Date.now() + delay;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.run();
    }, delay);
    this.retry.unref();
  }
}
