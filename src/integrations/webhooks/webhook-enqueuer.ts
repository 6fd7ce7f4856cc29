import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Scope } from '../../common/access/scope';
import { CoalescingRunner } from '../../common/loops/coalescing-runner';
import { Clock } from '../../common/time/clock';
import { Database } from '../../database/database.service';
import { EventFeed } from '../../event-log/event-feed';
import { EventLog } from '../../event-log/event-log.service';
import type { EventRecord } from '../../event-log/event-record.entity';
import { visibleTo } from '../../visibility/visibility';
import { pendingDelivery, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDispatcher } from './webhook-dispatcher';
import { Webhook } from './webhook.entity';

const BATCH = 200;
/** Events committed by another instance reach this one's feed late or not at all: look at the log this often. */
const POLL_EVERY_MS = 2000;

/**
 * Turns committed events into deliveries, durably: each subscription keeps a cursor (lastEnqueuedSeq) in the
 * database, and one transaction inserts the deliveries of the events after it and moves it on. Woken by the
 * event feed, by a timer, and on start (which catches up whatever a crash left), it can lose no event and, with the
 * subscription's row lock and the unique (webhook_id, seq) index, enqueue none twice, whichever instance runs it.
 */
@Injectable()
export class WebhookEnqueuer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookEnqueuer.name);
  /** On failure the cursors did not move for what failed: the next run starts from them again. */
  private readonly runs = new CoalescingRunner(() => this.enqueueAll(), {
    name: 'Enqueuing webhook deliveries',
    logger: this.logger,
    everyMs: POLL_EVERY_MS,
  });
  private stopped = false;
  private unsubscribe?: () => void;
  /** Whether the last look found any subscription: without one, commits do not wake the enqueuer (the timer does). */
  private anySubscription = true;

  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly feed: EventFeed,
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.feed.subscribe(() => {
      if (this.anySubscription) this.wake();
    });
    this.wake();
    this.runs.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Takes no more work and waits for the run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await this.runs.stop();
  }

  /** A subscription was created here: commits wake the enqueuer again from now on. */
  subscribed(): void {
    this.anySubscription = true;
    this.wake();
  }

  /** Runs now, or once more after the run in progress: wake-ups while running coalesce into one. */
  wake(): void {
    void this.runs.run();
  }

  private async enqueueAll(): Promise<void> {
    let enqueued = 0;
    for (let more = true; more && !this.stopped;) {
      const batch = await this.enqueueBatch();
      enqueued += batch.enqueued;
      more = batch.more;
    }
    if (enqueued > 0) this.dispatcher.wake();
  }

  /** One batch of events after the lowest cursor, for every subscription behind its end. */
  private async enqueueBatch(): Promise<{ enqueued: number; more: boolean }> {
    const cursors = await this.database.reader.find(Webhook, { select: { id: true, lastEnqueuedSeq: true } });
    this.anySubscription = cursors.length > 0;
    if (cursors.length === 0) return { enqueued: 0, more: false };
    const from = Math.min(...cursors.map((webhook) => webhook.lastEnqueuedSeq));
    const events = await this.eventLog.after(from, BATCH);
    if (events.length === 0) return { enqueued: 0, more: false };
    const last = events[events.length - 1].seq;
    let enqueued = 0;
    for (const { id, lastEnqueuedSeq } of cursors) {
      if (lastEnqueuedSeq < last) enqueued += await this.enqueueFor(id, events);
    }
    return { enqueued, more: events.length === BATCH };
  }

  private enqueueFor(webhookId: string, events: EventRecord[]): Promise<number> {
    return this.database.transaction(async (tx) => {
      // Locked, and its cursor read again: another instance may have moved it meanwhile.
      const webhook = await tx.manager.findOne(Webhook, {
        where: { id: webhookId },
        ...this.database.forUpdate,
      });
      if (!webhook) return 0;
      const now = this.clock.now();
      const fresh = events.filter((event) => event.seq > webhook.lastEnqueuedSeq);
      if (fresh.length === 0) return 0;
      const deliveries = fresh.flatMap((event) => {
        const body = webhook.events.includes(event.type) ? visibleTo(event, viewerOf(webhook)) : null;
        return body
          ? [
              pendingDelivery(
                {
                  webhookId: webhook.id,
                  seq: event.seq,
                  eventType: event.type,
                  payload: JSON.stringify(body),
                  redeliveryOf: null,
                },
                now,
              ),
            ]
          : [];
      });
      await this.database.insertRows(tx, WebhookDelivery, deliveries);
      await tx.manager.update(Webhook, { id: webhookId }, { lastEnqueuedSeq: fresh[fresh.length - 1].seq });
      return deliveries.length;
    });
  }
}

/**
 * A subscription sees what an API key with `events:read` sees: the integration viewer of the one visibility rule.
 * It has no key of its own; its id stands in for one. An admin subscribed it, so it may follow customers too.
 */
function viewerOf(webhook: Webhook) {
  return {
    kind: 'integration' as const,
    principal: {
      kind: 'apiKey' as const,
      keyId: webhook.id,
      name: 'webhook',
      scopes: [Scope.EventsRead, Scope.CustomersRead],
    },
  };
}
