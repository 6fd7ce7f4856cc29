import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CoalescingRunner } from '../../common/loops/coalescing-runner';
import { Clock } from '../../common/time/clock';
import { Database } from '../../database/database.service';
import { EventFeed } from '../event-feed';
import { EventLog } from '../event-log.service';
import type { ConsumerDefinition, ConsumerHandle } from './consumer';
import { JobDeriver } from './job-deriver';
import { JobQueue } from './job-queue';
import { JobRunner } from './job-runner';

/** Deriving also runs this often: a safety net under the feed's wake-ups (and its retries after an outage). */
const DERIVE_EVERY_MS = 2_000;
/** Running also runs this often: retries fall due, and other instances derive jobs this one must see. */
const RUN_EVERY_MS = 250;

/** One registered consumer and its two loops. */
class ConsumerLoops {
  readonly deriver: JobDeriver;
  readonly runner: JobRunner;
  readonly deriving: CoalescingRunner;
  readonly running: CoalescingRunner;
  private stopped = false;

  constructor(
    database: Database,
    eventLog: EventLog,
    feed: EventFeed,
    clock: Clock,
    readonly definition: ConsumerDefinition,
    readonly queue: JobQueue,
  ) {
    const logger = new Logger(`Consumer:${definition.name}`);
    this.deriver = new JobDeriver(database, eventLog, feed, clock, definition, queue);
    this.runner = new JobRunner(database, clock, definition, queue, logger, () => this.wakeRunning());
    this.deriving = new CoalescingRunner(() => this.derive(), {
      name: `Enqueuing ${definition.jobsLabel}`,
      logger,
      everyMs: DERIVE_EVERY_MS,
    });
    this.running = new CoalescingRunner(() => this.runner.runDue(), {
      name: `Dispatching ${definition.jobsLabel}`,
      logger,
      everyMs: RUN_EVERY_MS,
    });
  }

  wakeDeriving(): void {
    void this.deriving.run();
  }

  wakeRunning(): void {
    void this.running.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.deriving.stop();
    await this.running.stop();
    await this.runner.stop();
  }

  private async derive(): Promise<void> {
    if ((await this.deriver.deriveAll(() => this.stopped)) > 0) this.wakeRunning();
  }
}

/**
 * The registry of consumers and their loops: a domain module registers its consumer at module init; at bootstrap
 * each consumer's cursor is made (at the log's end) if missing and its loops start; the event feed wakes deriving
 * after every commit it hands over. On shutdown the loops stop and attempts in flight are waited for (bounded).
 */
@Injectable()
export class Consumers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loops = new Map<string, ConsumerLoops>();
  private unsubscribe?: () => void;
  private started = false;

  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly feed: EventFeed,
    private readonly clock: Clock,
  ) {}

  /** Call from a module's onModuleInit, before the application bootstraps. */
  register<P>(definition: ConsumerDefinition<P>): ConsumerHandle<P> {
    if (this.started) throw new Error(`Consumer ${definition.name} registered after bootstrap`);
    if (this.loops.has(definition.name)) throw new Error(`Consumer ${definition.name} registered twice`);
    const queue = new JobQueue(this.database, definition.name);
    const loops = new ConsumerLoops(this.database, this.eventLog, this.feed, this.clock, definition, queue);
    this.loops.set(definition.name, loops);
    return {
      add: (tx, jobs) => queue.insertAdded(tx, jobs, this.clock.now()),
      discardKey: (tx, key) => queue.discardKey(tx, key),
      holdCursor: (tx) => loops.deriver.hold(tx),
      wake: () => loops.wakeRunning(),
      backlog: (key, exceptJobId) => queue.backlog(key, exceptJobId),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    await Promise.all([...this.loops.values()].map((loops) => loops.deriver.start()));
    this.unsubscribe = this.feed.subscribe((event) => {
      for (const loops of this.loops.values()) {
        if (loops.definition.wakesOn?.(event) ?? true) loops.wakeDeriving();
      }
    });
    for (const loops of this.loops.values()) {
      loops.deriving.start();
      loops.running.start();
      loops.wakeDeriving();
      loops.wakeRunning();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Takes no more work: derives no more, starts no attempt, and waits (bounded) for those in flight. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all([...this.loops.values()].map((loops) => loops.stop()));
  }
}
