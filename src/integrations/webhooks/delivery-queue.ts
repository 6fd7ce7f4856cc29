import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { Webhook } from './webhook.entity';

/**
 * Which deliveries may go out now, and taking one. Per subscription only its oldest pending event delivery is
 * eligible (the head of its queue), so its events leave strictly in seq order and a failing one holds back the
 * rest of that subscription only; manual redeliveries stand outside that order.
 */
@Injectable()
export class DeliveryQueue {
  constructor(private readonly database: Database) {}

  /** Due deliveries of enabled subscriptions, not leased, heads and redeliveries only; oldest due first. */
  due(now: Date, limit: number): Promise<WebhookDelivery[]> {
    return this.database.reader
      .createQueryBuilder(WebhookDelivery, 'd')
      .innerJoin(Webhook, 'w', 'w.id = d.webhookId')
      .where('w.active = :active', { active: true })
      .andWhere('d.status = :pending', { pending: DeliveryStatus.Pending })
      .andWhere('d.nextAttemptAt <= :now', { now })
      .andWhere('(d.leaseUntil IS NULL OR d.leaseUntil < :now)')
      .andWhere(
        `(d.redeliveryOf IS NOT NULL OR NOT EXISTS (
           SELECT 1 FROM webhook_deliveries earlier
           WHERE earlier.webhook_id = d.webhook_id AND earlier.redelivery_of IS NULL
             AND earlier.status = :pending AND earlier.seq < d.seq))`,
      )
      .orderBy('d.nextAttemptAt', 'ASC')
      .addOrderBy('d.seq', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Leases the delivery until `until` if it is still pending and no one holds it: true when this caller got it.
   * Another instance that looked at the same moment gets false, so one delivery is never sent twice at once.
   */
  claim(delivery: WebhookDelivery, now: Date, until: Date): Promise<boolean> {
    return this.database.transaction(async (tx) => {
      const result = await tx.manager
        .createQueryBuilder()
        .update(WebhookDelivery)
        .set({ leaseUntil: until })
        .where('id = :id AND status = :pending', { id: delivery.id, pending: DeliveryStatus.Pending })
        .andWhere('(lease_until IS NULL OR lease_until < :now)', { now })
        .execute();
      return result.affected === 1;
    });
  }

  /** Gives a leased delivery back untried (its subscription was disabled meanwhile). */
  async release(deliveryId: string): Promise<void> {
    await this.database.transaction((tx) =>
      tx.manager.update(WebhookDelivery, { id: deliveryId }, { leaseUntil: null }),
    );
  }
}
