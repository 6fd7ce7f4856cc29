import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '../database/database.service';
import type { ConsumerDefinition, DerivedJob, JobOutcome } from '../event-log/consumers/consumer';
import { Consumers } from '../event-log/consumers/consumers.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventType } from '../event-log/event-type';
import { FiscalRecorder } from './fiscal-recorder';
import { FiscalSigning } from './fiscal-signing';
import { ConfiguredUnit } from './fiscal-units';

/** Every job asks the unit to sign what waits: one key, so rounds never overlap. */
const SIGNING_KEY = 'unit';

/**
 * Fiscal signing on the durable consumer (src/event-log/consumers): deriving records the batch's transactions
 * (FiscalRecorder) in the transaction that moves the cursor, so none is lost or recorded twice, and adds one job;
 * a job signs everything that waits (FiscalSigning). While the unit is unreachable the job fails and is retried,
 * 0.5 s doubling to 10 s, for as long as it takes. Registered only when FISCAL_SIGNER names a signing unit.
 */
@Injectable()
export class FiscalConsumer implements ConsumerDefinition<null>, OnModuleInit {
  readonly name = 'fiscal';
  readonly jobsLabel = 'fiscal signatures';
  readonly retry = { maxAttempts: 1_000_000, firstCapMs: 500, longestCapMs: 10_000 };
  readonly attemptTimeoutMs = 120_000;
  readonly concurrency = 1;

  constructor(
    private readonly consumers: Consumers,
    private readonly configured: ConfiguredUnit,
    private readonly recorder: FiscalRecorder,
    private readonly signing: FiscalSigning,
  ) {}

  onModuleInit(): void {
    if (this.configured.unit) this.consumers.register(this);
  }

  /**
   * Receipts are recorded at once, to be signed before they are printed; orders sent to the kitchen wait for the
   * next receipt or the 2-second round, so that a busy service records them in batches, not one commit each.
   */
  wakesOn(event: EventRecord): boolean {
    return event.type === EventType.ReceiptIssued;
  }

  async derive(events: readonly EventRecord[], tx: Tx): Promise<Array<DerivedJob<null>>> {
    const recorded = await this.recorder.record(tx, events);
    if (recorded === 0) return [];
    return [{ seq: events[events.length - 1].seq, key: SIGNING_KEY, payload: null }];
  }

  async run(): Promise<JobOutcome> {
    const round = await this.signing.signWaiting(this.configured.unit!);
    const record = (tx: Tx) => this.signing.write(tx, round);
    return round.unreachable === null
      ? { result: 'done', record }
      : { result: 'failed', error: round.unreachable, record };
  }
}
