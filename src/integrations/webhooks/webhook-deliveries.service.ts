import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Page, pageOf } from '../../common/pagination/page';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { CustomerErased, eraseFromStoredCopies, CUSTOMER_ERASED } from '../../event-log/customer-erased';
import { EventLog } from '../../event-log/event-log.service';
import { JobStatus } from '../../event-log/consumers/consumer';
import { ConsumerJob } from '../../event-log/consumers/consumer-job.entity';
import { DeliveryView } from './dto/delivery.views';
import { DeliveryListQuery } from './dto/webhook.inputs';
import { JOB_STATUS_OF_DELIVERY, newDelivery, WebhookDelivery } from './webhook-delivery.entity';
import { Webhook } from './webhook.entity';
import { WebhooksConsumer } from './webhooks-consumer';

/** A subscription's delivery log (each delivery with its job's state), and manual redelivery. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly consumer: WebhooksConsumer,
    private readonly clock: Clock,
    eventLog: EventLog,
  ) {
    eventLog.on(CUSTOMER_ERASED, (tx, fact) => this.erase(tx, fact));
  }

  /** An erased customer leaves the stored bodies too: a redelivery sends them without the person. */
  private async erase(tx: Tx, fact: CustomerErased): Promise<void> {
    await eraseFromStoredCopies(tx, WebhookDelivery, ['payload'], fact);
  }

  /** Newest first. */
  async list(webhookId: string, query: DeliveryListQuery): Promise<Page<DeliveryView>> {
    const reader = this.database.reader;
    await this.findWebhook(reader, webhookId);
    const deliveries = this.withJobs(reader, webhookId);
    if (query.status !== undefined) {
      deliveries.andWhere('j.status = :status', { status: JOB_STATUS_OF_DELIVERY[query.status] });
    }
    const [page, total] = await deliveries
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.seq', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .skip(query.skip)
      .take(query.perPage)
      .getManyAndCount();
    return pageOf(page.map(viewOf), total, query);
  }

  async get(webhookId: string, deliveryId: string): Promise<DeliveryView> {
    const delivery = await this.withJobs(this.database.reader, webhookId)
      .andWhere('d.id = :deliveryId', { deliveryId })
      .getOne();
    if (!delivery) throw DomainError.notFound('Delivery');
    return viewOf(delivery);
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
      const delivery = newDelivery(
        {
          id: randomUUID(),
          webhookId,
          seq: original.seq,
          eventType: original.eventType,
          payload: original.payload,
          redeliveryOf: original.id,
        },
        now,
      );
      await this.database.insertRows(tx, WebhookDelivery, delivery);
      await this.consumer.jobs.add(tx, [{ id: delivery.id, key: webhookId, payload: null }]);
      const after = DeliveryView.of(delivery, {
        status: JobStatus.Pending,
        attempts: 0,
        lastAttemptAt: null,
        nextAttemptAt: now,
        lastError: null,
        finishedAt: null,
      });
      await this.audit.record(tx, principal, {
        action: 'webhook.redelivery_requested',
        entityType: 'webhook_delivery',
        entityId: delivery.id,
        after,
      });
      return after;
    });
    this.consumer.jobs.wake();
    return view;
  }

  /**
   * A subscription's deliveries, each with its job read in the same statement: an attempt's outcome (the job's
   * attempts, the delivery's response) commits in one transaction, and two statements could see either side of it.
   */
  private withJobs(manager: EntityManager, webhookId: string): SelectQueryBuilder<WebhookDelivery> {
    return manager
      .createQueryBuilder(WebhookDelivery, 'd')
      .innerJoinAndMapOne('d.job', ConsumerJob, 'j', 'j.id = d.id')
      .where('d.webhookId = :webhookId', { webhookId });
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

function viewOf(delivery: WebhookDelivery): DeliveryView {
  if (!delivery.job) throw new Error(`Delivery ${delivery.id} was read without its job`);
  return DeliveryView.of(delivery, delivery.job);
}
