import { Injectable } from '@nestjs/common';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Page, pageOf } from '../../common/pagination/page';
import { Clock } from '../../common/time/clock';
import { Database } from '../../database/database.service';
import { DeliveryView } from './dto/delivery.views';
import { DeliveryListQuery } from './dto/webhook.inputs';
import { pendingDelivery, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDispatcher } from './webhook-dispatcher';
import { Webhook } from './webhook.entity';

/** A subscription's delivery log, and manual redelivery. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: Clock,
  ) {}

  /** Newest first. */
  async list(webhookId: string, query: DeliveryListQuery): Promise<Page<DeliveryView>> {
    const reader = this.database.reader;
    await this.findWebhook(reader, webhookId);
    const where: FindOptionsWhere<WebhookDelivery> = { webhookId };
    if (query.status !== undefined) where.status = query.status;
    const [deliveries, total] = await reader.findAndCount(WebhookDelivery, {
      where,
      order: { createdAt: 'DESC', seq: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(deliveries.map(DeliveryView.of), total, query);
  }

  async get(webhookId: string, deliveryId: string): Promise<DeliveryView> {
    return DeliveryView.of(await this.findDelivery(this.database.reader, webhookId, deliveryId));
  }

  /**
   * A new delivery of the same event and body, due now and outside the seq order (a manual resend does not wait
   * behind the subscription's backlog). It gets its own X-Webhook-Id and is retried like any other.
   */
  async redeliver(principal: Principal, webhookId: string, deliveryId: string): Promise<DeliveryView> {
    const view = await this.database.transaction(async (tx) => {
      const webhook = await this.findWebhook(tx.manager, webhookId, true);
      if (!webhook.active) {
        throw new DomainError(ErrorCode.Conflict, 'The webhook is disabled: enable it before redelivering');
      }
      const original = await this.findDelivery(tx.manager, webhookId, deliveryId);
      const now = this.clock.now();
      const delivery = pendingDelivery(
        {
          webhookId,
          seq: original.seq,
          eventType: original.eventType,
          payload: original.payload,
          redeliveryOf: original.id,
        },
        now,
      );
      await this.database.insertRows(tx, WebhookDelivery, delivery);
      const after = DeliveryView.of(delivery);
      await this.audit.record(tx, principal, {
        action: 'webhook.redelivery_requested',
        entityType: 'webhook_delivery',
        entityId: delivery.id,
        after,
      });
      return after;
    });
    this.dispatcher.wake();
    return view;
  }

  private async findWebhook(manager: EntityManager, id: string, forUpdate = false): Promise<Webhook> {
    const webhook = await manager.findOne(Webhook, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!webhook) throw DomainError.notFound('Webhook');
    return webhook;
  }

  private async findDelivery(
    manager: EntityManager,
    webhookId: string,
    id: string,
  ): Promise<WebhookDelivery> {
    const delivery = await manager.findOneBy(WebhookDelivery, { id, webhookId });
    if (!delivery) throw DomainError.notFound('Delivery');
    return delivery;
  }
}
