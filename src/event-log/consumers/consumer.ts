/**
 * # Consumers: the one home for asynchronous work
 *
 * A consumer turns committed events of the log into durable jobs and runs them: webhook deliveries, print jobs,
 * e-mail. It knows no domain; a domain module describes its consumer with a {@link ConsumerDefinition} and registers
 * it once, at module init, with `Consumers.register(definition)`, which answers a {@link ConsumerHandle}.
 *
 * What the mechanism guarantees (docs/consumers.md has the details):
 * - **A durable cursor.** Each consumer keeps the last seq it has derived work from (`consumer_cursors`). One
 *   transaction locks it, inserts the jobs `derive()` gives for the events after it and moves it past them: across
 *   kill -9 and any number of instances, no event's jobs are lost or made twice. A new consumer starts at the log's
 *   end. A consumer with nothing to do (`idle()`) costs reads only: its cursor is stored every 1,000 events.
 * - **Leases.** An instance leases a job before running it (`consumer_jobs.lease_until`); another instance never
 *   takes a leased job. The lease outlives `attemptTimeoutMs`; if the instance dies, the lease runs out and the job
 *   is run again (at least once: receivers drop a repeat by the job id).
 * - **Order per key.** Jobs derived from events are ordered per `key` by (seq, their order in `derive()`'s answer):
 *   a key's next job waits until the previous one is done or given up. Jobs added outside the log (`add()`) stand
 *   outside that order. Per instance, a key has at most one job running.
 * - **Retry with back-off.** A failed attempt is retried after a random delay up to the `retry` schedule's cap
 *   (Clock-driven, so tests skip time); once `retry.maxAttempts` are spent the job is `failed`.
 * - **One wake-up loop per phase.** Deriving runs after each commit the event feed hands over (and every 2 s);
 *   running runs when jobs were derived, added or finished (and every 250 ms for due retries). Both back off quietly
 *   while the database is unreachable (CoalescingRunner).
 *
 * The API below is stable: the printers module builds on it.
 */
import type { EntityManager } from 'typeorm';
import type { Tx } from '../../database/database.service';
import type { EventRecord } from '../event-record.entity';
import type { RetrySchedule } from './retry-schedule';

export type { RetrySchedule } from './retry-schedule';

/** `pending`: waiting for an attempt or a retry; `done`: run succeeded; `failed`: every attempt failed. */
export enum JobStatus {
  Pending = 'pending',
  Done = 'done',
  Failed = 'failed',
}

/** A job `derive()` makes from one of the events it was given. */
export interface DerivedJob<P> {
  /** The event it comes from: orders the job within its key. */
  seq: number;
  /** What orders jobs among themselves: a subscription id, a printer id. At most 200 characters. */
  key: string;
  /** What `run()` needs, stored as JSON. */
  payload: P;
  /** Its id, when the domain keeps a row of its own under the same id; a new UUID otherwise. */
  id?: string;
}

/** A job added outside the log (a manual resend, a reprint): due now, outside its key's order. */
export type AddedJob<P> = Omit<DerivedJob<P>, 'seq'>;

/** A job as `run()` gets it. */
export interface Job<P> {
  id: string;
  key: string;
  /** The event it was derived from; null when it was added outside the log. */
  seq: number | null;
  payload: P;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: Date;
}

/** A job once an attempt's outcome is recorded. */
export interface SettledJob {
  id: string;
  key: string;
  seq: number | null;
  status: JobStatus;
  attempts: number;
  lastAttemptAt: Date;
  nextAttemptAt: Date | null;
  lastError: string | null;
}

/** Domain writes that go with an outcome, in the transaction that records it (a delivery's response). */
export type RecordOutcome = (tx: Tx, job: SettledJob) => Promise<void>;

/**
 * What an attempt came to. `done` and `failed` count as an attempt (`failed` is retried, or given up once the
 * attempts are spent: then `record` sees status `failed`); `held` was not tried and goes back to the queue
 * untouched (its key was held meanwhile).
 */
export type JobOutcome =
  | { result: 'done'; record?: RecordOutcome }
  | { result: 'failed'; error: string; record?: RecordOutcome }
  | { result: 'held' };

export interface ConsumerDefinition<P = unknown> {
  /** Stable and unique: it names the cursor row and the jobs' rows ('webhooks', 'printers'). At most 64 characters. */
  name: string;
  /** What its jobs are, for the logs: 'webhook deliveries' logs "Dispatching webhook deliveries failed: ...". */
  jobsLabel: string;
  /**
   * Jobs for a batch of committed events, in seq order, inside the transaction that inserts them (with any rows
   * the domain keeps beside them) and moves the cursor past the batch. An event may give no job, or several.
   */
  derive(events: readonly EventRecord[], tx: Tx): Promise<Array<DerivedJob<P>>>;
  /**
   * Runs one job, within `attemptTimeoutMs`. A throw counts as a failed attempt, except when the database is
   * unreachable: then the lease runs out and the job is tried again.
   */
  run(job: Job<P>): Promise<JobOutcome>;
  /**
   * Whether `derive()` would now make no job and write nothing, whatever the events (no subscription, no active
   * kitchen printer), read with `manager`. An idle consumer passes events without a write transaction and stores
   * its cursor only every so often; so whatever gives it work again (a new subscription, a printer made an active
   * kitchen printer) must call `holdCursor(tx)` before writing it: that moves an idle consumer's cursor to the
   * log's end, and the events before the change never give it a job.
   */
  idle?(manager: EntityManager): Promise<boolean>;
  /** Whether an event may give jobs: others do not wake deriving (its cursor passes them with the next batch). */
  wakesOn?(event: EventRecord): boolean;
  /** Keys whose jobs wait untried for now (a disabled subscription, a paused printer); asked before each round. */
  heldKeys?(): Promise<readonly string[]>;
  retry: RetrySchedule;
  /** The longest an attempt takes: its lease is longer, and shutdown waits this long for it. */
  attemptTimeoutMs: number;
  /** Jobs running at once on one instance, across keys. Default 8. */
  concurrency?: number;
}

/** What a domain module does with its registered consumer. */
export interface ConsumerHandle<P = unknown> {
  /** Inserts jobs outside the log's order in `tx` (due now); call `wake()` after the commit. */
  add(tx: Tx, jobs: Array<AddedJob<P>>): Promise<Array<Job<P>>>;
  /** Deletes every job of `key` in `tx` (its subscription or printer is deleted). */
  discardKey(tx: Tx, key: string): Promise<void>;
  /**
   * Locks the consumer's cursor in `tx`: no batch is derived while `tx` runs, so a change to what `derive()` reads
   * (a new subscription) falls cleanly between two batches; an idle consumer's cursor moves to the log's end. Then
   * read the log's end, if the change needs it.
   */
  holdCursor(tx: Tx): Promise<void>;
  /** Runs due jobs now, or once more after the round in progress (a key was released, a job added). */
  wake(): void;
  /** The pending jobs of `key` other than `exceptJobId` (the one running): how many, and when the oldest was made. */
  backlog(key: string, exceptJobId: string): Promise<Backlog>;
}

export interface Backlog {
  jobs: number;
  oldestAt: Date | null;
}
