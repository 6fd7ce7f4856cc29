import { Module } from '@nestjs/common';
import { DeliveryOutcomes } from './delivery-outcomes';
import { DeliveryQueue } from './delivery-queue';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEnqueuer } from './webhook-enqueuer';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Webhook subscriptions, and the durable, ordered, signed delivery of integration events to them. */
@Module({
  controllers: [WebhooksController, WebhookDeliveriesController],
  providers: [
    WebhooksService,
    WebhookDeliveriesService,
    WebhookSecrets,
    WebhookEnqueuer,
    WebhookDispatcher,
    DeliveryQueue,
    DeliveryOutcomes,
    WebhookSender,
  ],
})
export class WebhooksModule {}
