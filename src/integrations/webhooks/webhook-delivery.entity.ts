import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { JobStatus } from '../../event-log/consumers/consumer';
import type { ConsumerJob } from '../../event-log/consumers/consumer-job.entity';
import { bigintAsNumber } from '../../event-log/event-record.entity';
import type { EventType } from '../../event-log/event-type';
import { InstantColumn } from '../../database/columns';

/**
 * `pending`: waiting for its first attempt or a retry. `delivered`: the receiver answered 2xx. `failed`: every
 * attempt failed and the subscription was disabled; only a redelivery sends it again.
 */
export enum DeliveryStatus {
  Pending = 'pending',
  Delivered = 'delivered',
  Failed = 'failed',
}

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = Object.values(DeliveryStatus);

/** A delivery's status is its job's, in the words of the API. */
export const DELIVERY_STATUS_OF_JOB: Readonly<Record<JobStatus, DeliveryStatus>> = {
  [JobStatus.Pending]: DeliveryStatus.Pending,
  [JobStatus.Done]: DeliveryStatus.Delivered,
  [JobStatus.Failed]: DeliveryStatus.Failed,
};

export const JOB_STATUS_OF_DELIVERY: Readonly<Record<DeliveryStatus, JobStatus>> = {
  [DeliveryStatus.Pending]: JobStatus.Pending,
  [DeliveryStatus.Delivered]: JobStatus.Done,
  [DeliveryStatus.Failed]: JobStatus.Failed,
};

/**
 * One event to POST to one subscription: the body as signed and the last response. It is a job of the `webhooks`
 * consumer under the same id; the job (consumer_jobs) holds its status, attempts, due time, lease and last error.
 */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_log', ['webhookId', 'createdAt'])
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

  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  responseSnippet!: string | null;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @InstantColumn()
  createdAt!: Date;

  /** Its job, when a query joined it (not a column of this table). */
  job?: ConsumerJob;
}

/** A delivery not yet attempted: of an event, or a manual resend of an earlier delivery. */
export function newDelivery(
  delivery: Pick<WebhookDelivery, 'id' | 'webhookId' | 'seq' | 'eventType' | 'payload' | 'redeliveryOf'>,
  now: Date,
): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    ...delivery,
    responseStatus: null,
    responseSnippet: null,
    durationMs: null,
    createdAt: now,
  });
}
