import { ApiProperty } from '@nestjs/swagger';
import { EventType } from '../../../event-log/event-type';
import type { ConsumerJob } from '../../../event-log/consumers/consumer-job.entity';
import {
  DELIVERY_STATUS_OF_JOB,
  DELIVERY_STATUSES,
  DeliveryStatus,
  WebhookDelivery,
} from '../webhook-delivery.entity';

/** What a delivery's job says of its attempts. */
export type DeliveryJobState = Pick<
  ConsumerJob,
  'status' | 'attempts' | 'lastAttemptAt' | 'nextAttemptAt' | 'lastError' | 'finishedAt'
>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export class DeliveryView {
  @ApiProperty({ format: 'uuid', description: 'Sent as X-Webhook-Id, the same on every attempt' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  webhookId!: string;

  @ApiProperty({ example: 1042, description: "The event's seq" })
  seq!: number;

  @ApiProperty({ enum: EventType, enumName: 'EventType' })
  eventType!: EventType;

  @ApiProperty({
    enum: DELIVERY_STATUSES,
    enumName: 'DeliveryStatus',
    description:
      'pending: waiting for its first attempt or a retry. delivered: the receiver answered 2xx. failed: every ' +
      'attempt failed and the subscription was disabled; only a redelivery sends it again',
  })
  status!: DeliveryStatus;

  @ApiProperty({ example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastAttemptAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null unless pending' })
  nextAttemptAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 200 })
  responseStatus!: number | null;

  @ApiProperty({ type: String, nullable: true, description: "The reply's first 500 characters" })
  responseSnippet!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 84, description: 'Of the last attempt' })
  durationMs!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the last attempt failed: a status, a timeout, a network error or a refused target',
  })
  error!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'For a manual redelivery, the delivery it resends',
  })
  redeliveryOf!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;

  static of(this: void, delivery: WebhookDelivery, job: DeliveryJobState): DeliveryView {
    const status = DELIVERY_STATUS_OF_JOB[job.status];
    return {
      id: delivery.id,
      webhookId: delivery.webhookId,
      seq: delivery.seq,
      eventType: delivery.eventType,
      status,
      attempts: job.attempts,
      lastAttemptAt: iso(job.lastAttemptAt),
      nextAttemptAt: iso(job.nextAttemptAt),
      responseStatus: delivery.responseStatus,
      responseSnippet: delivery.responseSnippet,
      durationMs: delivery.durationMs,
      error: job.lastError,
      redeliveryOf: delivery.redeliveryOf,
      createdAt: delivery.createdAt.toISOString(),
      deliveredAt: status === DeliveryStatus.Delivered ? iso(job.finishedAt) : null,
    };
  }
}
