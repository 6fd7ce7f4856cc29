import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Database } from '../database/database.service';
import type { Tx } from '../database/database.service';
import { KITCHEN_EVENT_TYPES } from '../printers/kitchen-ticket-changes';
import type {
  ConsumerDefinition,
  ConsumerHandle,
  DerivedJob,
  JobOutcome,
} from '../event-log/consumers/consumer';
import { Consumers } from '../event-log/consumers/consumers.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventType } from '../event-log/event-type';
import { FiscalSigning } from './fiscal-signing';
import { ConfiguredUnit } from './fiscal-units';

/** Every job asks the unit to sign what waits: one key, so rounds never overlap. */
const SIGNING_KEY = 'unit';

/** Events of writes that may have recorded a fiscal transaction (FiscalRecorder, in the writer's transaction). */
const RECORDING_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  ...KITCHEN_EVENT_TYPES,
  EventType.ReceiptIssued,
]);

/**
 * Fiscal signing on the durable consumer (src/event-log/consumers): the writers recorded their transactions with
 * their change (FiscalRecorder); a batch of events that may have brought some adds one job, and a job signs
 * everything that waits (FiscalSigning). While the unit is unreachable the job fails and is retried,
 * 0.5 s doubling to 10 s, for as long as it takes. Each start adds a round of its own: the unit is reached (and
 * listed in GET /fiscal/units) before the first sale, and what waited across the restart is signed. Registered
 * only when FISCAL_SIGNER names a signing unit.
 */
@Injectable()
export class FiscalConsumer implements ConsumerDefinition<null>, OnModuleInit, OnApplicationBootstrap {
  readonly name = 'fiscal';
  readonly jobsLabel = 'fiscal signatures';
  readonly retry = { maxAttempts: 1_000_000, firstCapMs: 500, longestCapMs: 10_000 };
  readonly attemptTimeoutMs = 120_000;
  readonly concurrency = 1;
  private jobs: ConsumerHandle<null> | null = null;

  constructor(
    private readonly database: Database,
    private readonly consumers: Consumers,
    private readonly configured: ConfiguredUnit,
    private readonly signing: FiscalSigning,
  ) {}

  onModuleInit(): void {
    if (this.configured.unit) this.jobs = this.consumers.register(this);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.jobs) await this.database.transaction((tx) => this.signSoon(tx));
  }

  /** Adds a round in `tx`, run once it commits: for a start, and for writes no order event announces. */
  async signSoon(tx: Tx): Promise<void> {
    const jobs = this.jobs!;
    await jobs.add(tx, [{ key: SIGNING_KEY, payload: null }]);
    tx.afterCommit(() => jobs.wake());
  }

  /**
   * Receipts are signed at once, before they are printed; orders sent to the kitchen wait for the next receipt or
   * the 2-second round, so that a busy service signs them in batches, not one commit each.
   */
  wakesOn(event: EventRecord): boolean {
    return event.type === EventType.ReceiptIssued;
  }

  derive(events: readonly EventRecord[]): Promise<Array<DerivedJob<null>>> {
    if (!events.some((event) => RECORDING_EVENT_TYPES.has(event.type))) return Promise.resolve([]);
    return Promise.resolve([{ seq: events[events.length - 1].seq, key: SIGNING_KEY, payload: null }]);
  }

  async run(): Promise<JobOutcome> {
    const round = await this.signing.signWaiting(this.configured.unit!);
    const record = (tx: Tx) => this.signing.write(tx, round);
    return round.unreachable === null
      ? { result: 'done', record }
      : { result: 'failed', error: round.unreachable, record };
  }
}
