import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Scope } from '../../common/access/scope';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { Database, Tx } from '../../database/database.service';
import type {
  ConsumerDefinition,
  ConsumerHandle,
  DerivedJob,
  Job,
  JobOutcome,
} from '../../event-log/consumers/consumer';
import { Consumers } from '../../event-log/consumers/consumers.service';
import type { EventRecord } from '../../event-log/event-record.entity';
import { INTEGRATION_EVENT_TYPES } from '../../event-log/event-type';
import { visibleTo } from '../../visibility/visibility';
import { randomUUID } from 'node:crypto';
import { DeliveryOutcomes } from './delivery-outcomes';
import { WEBHOOK_RETRIES } from './retry-schedule';
import { newDelivery, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSender } from './webhook-sender';
import { signatureHeader, standardWebhookHeaders } from './webhook-signer';
import { Webhook } from './webhook.entity';

const USER_AGENT = 'restaurant-pos-webhooks/1';
const INTEGRATION_TYPES: ReadonlySet<string> = new Set(INTEGRATION_EVENT_TYPES);

/**
 * Webhook deliveries as jobs of the `webhooks` consumer (src/event-log/consumers): each committed event a
 * subscription wants and may see becomes a delivery, keyed by the subscription so its events leave in seq order;
 * an attempt signs and POSTs it. The job holds the queue state; the delivery row the body and the response. A
 * disabled subscription's jobs are held until it is enabled again.
 */
@Injectable()
export class WebhooksConsumer implements ConsumerDefinition<null>, OnModuleInit {
  readonly name = 'webhooks';
  readonly jobsLabel = 'webhook deliveries';
  readonly retry = WEBHOOK_RETRIES;
  readonly attemptTimeoutMs: number;
  private handle?: ConsumerHandle<null>;

  constructor(
    private readonly consumers: Consumers,
    private readonly database: Database,
    private readonly outcomes: DeliveryOutcomes,
    private readonly sender: WebhookSender,
    private readonly secrets: WebhookSecrets,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.attemptTimeoutMs = config.webhookTimeoutMs;
  }

  onModuleInit(): void {
    this.handle = this.consumers.register(this);
  }

  /** The registered consumer: adding redeliveries, holding the cursor, waking it. */
  get jobs(): ConsumerHandle<null> {
    if (!this.handle) throw new Error('The webhooks consumer is not registered yet');
    return this.handle;
  }

  wakesOn(event: EventRecord): boolean {
    return INTEGRATION_TYPES.has(event.type);
  }

  /** No subscription at all: a disabled one still queues its deliveries. Subscribing holds the cursor. */
  async idle(manager: EntityManager): Promise<boolean> {
    return !(await manager.exists(Webhook));
  }

  async derive(events: readonly EventRecord[], tx: Tx): Promise<Array<DerivedJob<null>>> {
    const webhooks = await tx.manager.find(Webhook);
    const now = this.clock.now();
    const deliveries: WebhookDelivery[] = [];
    for (const webhook of webhooks) {
      for (const event of events) {
        if (event.seq <= webhook.subscribedAtSeq || !webhook.events.includes(event.type)) continue;
        const body = visibleTo(event, viewerOf(webhook));
        if (!body) continue;
        deliveries.push(
          newDelivery(
            {
              id: randomUUID(),
              webhookId: webhook.id,
              seq: event.seq,
              eventType: event.type,
              payload: JSON.stringify(body),
              redeliveryOf: null,
            },
            now,
          ),
        );
      }
    }
    await this.database.insertRows(tx, WebhookDelivery, deliveries);
    return deliveries.map(({ id, webhookId, seq }) => ({ id, key: webhookId, seq, payload: null }));
  }

  async heldKeys(): Promise<string[]> {
    const disabled = await this.database.reader.find(Webhook, {
      select: { id: true },
      where: { active: false },
    });
    return disabled.map(({ id }) => id);
  }

  async run(job: Job<null>): Promise<JobOutcome> {
    const reader = this.database.reader;
    const [webhook, delivery] = await Promise.all([
      reader.findOneBy(Webhook, { id: job.key }),
      reader.findOneBy(WebhookDelivery, { id: job.id }),
    ]);
    // Disabled since the round began (or deleted, its jobs with it).
    if (!webhook?.active || !delivery) return { result: 'held' };
    const attemptedAt = this.clock.now();
    const unixSeconds = Math.floor(attemptedAt.getTime() / 1000);
    const secrets = this.secrets.signingSecrets(webhook, attemptedAt);
    const outcome = await this.sender.send(webhook.url, delivery.payload, {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      'X-Webhook-Id': delivery.id,
      'X-Webhook-Event': delivery.eventType,
      'X-Webhook-Signature': signatureHeader(secrets, unixSeconds, delivery.payload),
      ...standardWebhookHeaders(secrets, delivery.id, unixSeconds, delivery.payload),
    });
    const record = this.outcomes.of(outcome);
    const delivered = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    return delivered
      ? { result: 'done', record }
      : { result: 'failed', error: outcome.error ?? `the receiver answered ${outcome.status}`, record };
  }
}

/**
 * A subscription sees what an API key with `events:read` sees: the integration viewer of the one visibility rule.
 * It has no key of its own; its id stands in for one. It receives guests' personal data only with the admin's
 * consent (`personalData`), as a key holding customers:read does.
 */
function viewerOf(webhook: Webhook) {
  return {
    kind: 'integration' as const,
    principal: {
      kind: 'apiKey' as const,
      keyId: webhook.id,
      name: 'webhook',
      scopes: webhook.personalData ? [Scope.EventsRead, Scope.CustomersRead] : [Scope.EventsRead],
    },
  };
}
