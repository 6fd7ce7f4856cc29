import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { isDatabaseUnreachable } from '../../common/errors/database-unreachable';
import { CoalescingRunner } from '../../common/loops/coalescing-runner';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { DeliveryOutcomes } from './delivery-outcomes';
import { DeliveryQueue } from './delivery-queue';
import type { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSender } from './webhook-sender';
import { signatureHeader } from './webhook-signer';
import { Webhook } from './webhook.entity';

/** Sends at once across all subscriptions; each subscription has at most one delivery on its way. */
export const MAX_CONCURRENT_SENDS = 8;
const POLL_EVERY_MS = 250;
/** A lease outlives the attempt's timeout by this much, so a live sender never loses its delivery to another. */
const LEASE_MARGIN_MS = 30_000;
/** On shutdown, in-flight sends get their timeout and this much more to finish and be recorded. */
const SHUTDOWN_MARGIN_MS = 2000;
const USER_AGENT = 'restaurant-pos-webhooks/1';

/**
 * Sends due deliveries: polls the queue every 250 ms (and at once when woken by the enqueuer, a redelivery, a
 * re-enabled subscription or a finished send), leases each delivery it takes, signs and POSTs it, and records the
 * outcome. Time comes from the Clock, so tests can skip the back-off.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatcher.name);
  /** The send in flight per subscription id. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly dispatching = new CoalescingRunner(() => this.dispatchDue(), {
    name: 'Dispatching webhook deliveries',
    logger: this.logger,
    everyMs: POLL_EVERY_MS,
  });
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly queue: DeliveryQueue,
    private readonly outcomes: DeliveryOutcomes,
    private readonly sender: WebhookSender,
    private readonly secrets: WebhookSecrets,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.dispatching.start();
  }

  /** Dispatches now, or once more after the dispatch in progress. */
  wake(): void {
    void this.dispatching.run();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Takes no new work; waits (bounded) for the sends in flight to finish and their outcomes to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.dispatching.stop();
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.config.webhookTimeoutMs + SHUTDOWN_MARGIN_MS);
    });
    await Promise.race([Promise.all(this.inFlight.values()), bound]);
    clearTimeout(timer);
  }

  private async dispatchDue(): Promise<void> {
    if (this.inFlight.size >= MAX_CONCURRENT_SENDS) return;
    const now = this.clock.now();
    const due = await this.queue.due(now, MAX_CONCURRENT_SENDS * 4);
    for (const delivery of due) {
      if (this.stopped || this.inFlight.size >= MAX_CONCURRENT_SENDS) return;
      if (this.inFlight.has(delivery.webhookId)) continue;
      const leaseUntil = new Date(now.getTime() + this.config.webhookTimeoutMs + LEASE_MARGIN_MS);
      if (!(await this.queue.claim(delivery, now, leaseUntil))) continue;
      const send = this.attempt(delivery).finally(() => {
        this.inFlight.delete(delivery.webhookId);
        this.wake();
      });
      this.inFlight.set(delivery.webhookId, send);
    }
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    try {
      const webhook = await this.database.reader.findOneBy(Webhook, { id: delivery.webhookId });
      if (!webhook) return;
      if (!webhook.active) {
        await this.queue.release(delivery.id);
        return;
      }
      const attemptedAt = this.clock.now();
      const unixSeconds = Math.floor(attemptedAt.getTime() / 1000);
      const outcome = await this.sender.send(webhook.url, delivery.payload, {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        'X-Webhook-Id': delivery.id,
        'X-Webhook-Event': delivery.eventType,
        'X-Webhook-Signature': signatureHeader(
          this.secrets.signingSecrets(webhook, attemptedAt),
          unixSeconds,
          delivery.payload,
        ),
      });
      await this.outcomes.record(delivery.id, attemptedAt, outcome);
    } catch (error) {
      // The lease runs out and the delivery is tried again: nothing is lost.
      const level = isDatabaseUnreachable(error) ? 'warn' : 'error';
      this.logger[level]({ err: error, deliveryId: delivery.id }, 'A webhook attempt could not be recorded');
    }
  }
}
