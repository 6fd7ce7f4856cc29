import { Module } from '@nestjs/common';
import { DeliveryOutcomes } from './delivery-outcomes';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksConsumer } from './webhooks-consumer';
import { WebhooksService } from './webhooks.service';

/**
 * Webhook subscriptions, and the signed delivery of integration events to them as jobs of the `webhooks` consumer
 * (durable and ordered per subscription by src/event-log/consumers).
 */
@Module({
  controllers: [WebhooksController, WebhookDeliveriesController],
  providers: [
    WebhooksService,
    WebhookDeliveriesService,
    WebhookSecrets,
    WebhooksConsumer,
    DeliveryOutcomes,
    WebhookSender,
  ],
})
export class WebhooksModule {}
