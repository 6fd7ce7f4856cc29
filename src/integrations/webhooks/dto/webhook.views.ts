import { ApiProperty } from '@nestjs/swagger';
import { EventType, INTEGRATION_EVENT_TYPES } from '../../../event-log/event-type';
import type { Webhook } from '../webhook.entity';

export class WebhookView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'https://hooks.example.com/pos' })
  url!: string;

  @ApiProperty({
    type: [String],
    enum: [...INTEGRATION_EVENT_TYPES],
    enumName: 'IntegrationEventType',
    example: [EventType.OrderCreated],
  })
  events!: EventType[];

  @ApiProperty({ description: 'false: nothing is sent; events still queue up and go out once it is enabled' })
  active!: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'Accounting sync' })
  description!: string | null;

  @ApiProperty({
    description:
      'Consent that it receives guests’ personal data (customer events; orders’ customer and contact)',
  })
  personalData!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the dispatcher disabled it (a delivery failed every attempt); null otherwise',
  })
  disabledReason!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when deliveries also carry a signature with the secret before the last rotation',
  })
  previousSecretExpiresAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static of(this: void, webhook: Webhook): WebhookView {
    return {
      id: webhook.id,
      url: webhook.url,
      events: [...webhook.events],
      active: webhook.active,
      description: webhook.description,
      personalData: webhook.personalData,
      disabledReason: webhook.disabledReason,
      previousSecretExpiresAt: webhook.previousSecretExpiresAt?.toISOString() ?? null,
      createdAt: webhook.createdAt.toISOString(),
      updatedAt: webhook.updatedAt.toISOString(),
    };
  }
}

/** A webhook with its signing secret: answered on creation and rotation only. */
export class WebhookWithSecretView extends WebhookView {
  @ApiProperty({
    example: 'whsec_t0Yqss939UG7I49qGQaQvyXbI8cbWtDT5Ypp5jElznQ=',
    description:
      'Signs every delivery (X-Webhook-Signature and the Standard Webhooks webhook-signature): `whsec_` and 32 ' +
      'random bytes in base64. Shown here once: it cannot be read again.',
  })
  secret!: string;
}
