import { randomUUID } from 'node:crypto';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../event-log/event-record.entity';
import type { EventType } from '../../event-log/event-type';
import { InstantColumn } from '../../database/columns';

/**
 * `pending`: waiting for its first attempt or a retry. `delivered`: the receiver answered 2xx. `failed`: every
 * attempt failed and the dispatcher gave up (the subscription was disabled); only a redelivery sends it again.
 */
export enum DeliveryStatus {
  Pending = 'pending',
  Delivered = 'delivered',
  Failed = 'failed',
}

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = Object.values(DeliveryStatus);

/** One event to POST to one subscription, with the record of its attempts. */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_log', ['webhookId', 'createdAt'])
@Index('webhook_deliveries_queue', ['webhookId', 'status', 'seq'])
@Index('webhook_deliveries_due', ['status', 'nextAttemptAt'])
@Index('webhook_deliveries_event', ['webhookId', 'seq'], { unique: true, where: 'redelivery_of IS NULL' })
export class WebhookDelivery {
  /** Sent as X-Webhook-Id, the same on every attempt, so receivers can drop a repeat. */
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey('Webhook', { name: 'webhook_deliveries_webhook', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 36 })
  webhookId!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  eventType!: EventType;

  /** The request body, exactly as signed and sent: the envelope the integration viewer may see. */
  @Column({ type: 'text' })
  payload!: string;

  /** The delivery this one resends (a manual redelivery, outside the seq order); null for the event's own. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  redeliveryOf!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When it is due; null once delivered or failed. */
  @InstantColumn({ nullable: true })
  nextAttemptAt!: Date | null;

  /** While an instance is sending it, until when no other may. */
  @InstantColumn({ nullable: true })
  leaseUntil!: Date | null;

  @InstantColumn({ nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  responseSnippet!: string | null;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn({ nullable: true })
  deliveredAt!: Date | null;
}

/** A delivery waiting for its first attempt, due now: of an event, or a manual resend of an earlier delivery. */
export function pendingDelivery(
  event: Pick<WebhookDelivery, 'webhookId' | 'seq' | 'eventType' | 'payload' | 'redeliveryOf'>,
  now: Date,
): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    id: randomUUID(),
    ...event,
    status: DeliveryStatus.Pending,
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    lastAttemptAt: null,
    responseStatus: null,
    responseSnippet: null,
    durationMs: null,
    error: null,
    createdAt: now,
    deliveredAt: null,
  });
}
