import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../../audit/audit-log.service';
import { auditedChange } from '../../audit/audited-change';
import { SecurityEventType } from '../../audit/security-event.entity';
import { SecurityEventsService } from '../../audit/security-events.service';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { WebhookView } from './dto/webhook.views';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-schedule';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import type { SendOutcome } from './webhook-sender';
import { Webhook } from './webhook.entity';

/**
 * Records what an attempt came to: delivered on 2xx; otherwise a retry after the back-off, or, once the attempts
 * are spent, `failed` and the subscription disabled (audited, actor system, and a security event). Its later
 * deliveries stay queued, in order, for when an admin enables it again.
 */
@Injectable()
export class DeliveryOutcomes {
  private readonly logger = new Logger(DeliveryOutcomes.name);

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly securityEvents: SecurityEventsService,
    private readonly clock: Clock,
  ) {}

  record(deliveryId: string, attemptedAt: Date, outcome: SendOutcome): Promise<void> {
    return this.database.transaction(async (tx) => {
      const delivery = await tx.manager.findOne(WebhookDelivery, {
        where: { id: deliveryId },
        ...this.database.forUpdate,
      });
      // Deleted with its subscription while it was on its way.
      if (!delivery) return;
      const delivered = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
      delivery.attempts += 1;
      delivery.lastAttemptAt = attemptedAt;
      delivery.responseStatus = outcome.status;
      delivery.responseSnippet = outcome.snippet;
      delivery.durationMs = outcome.durationMs;
      delivery.error = outcome.error;
      delivery.leaseUntil = null;
      if (delivered) {
        delivery.status = DeliveryStatus.Delivered;
        delivery.deliveredAt = this.clock.now();
        delivery.nextAttemptAt = null;
      } else if (delivery.attempts < MAX_ATTEMPTS) {
        delivery.nextAttemptAt = new Date(this.clock.now().getTime() + retryDelayMs(delivery.attempts));
      } else {
        delivery.status = DeliveryStatus.Failed;
        delivery.nextAttemptAt = null;
        await this.disable(tx, delivery);
      }
      await tx.manager.save(delivery);
    });
  }

  private async disable(tx: Tx, delivery: WebhookDelivery): Promise<void> {
    const webhook = await tx.manager.findOne(Webhook, {
      where: { id: delivery.webhookId },
      ...this.database.forUpdate,
    });
    if (!webhook?.active) return;
    const reason =
      `Delivery ${delivery.id} (event ${delivery.seq}) failed ${delivery.attempts} attempts; last: ` +
      `${delivery.error ?? 'unknown error'}`;
    await auditedChange(tx, this.audit, null, webhook, {
      action: 'webhook.disabled',
      entityType: 'webhook',
      view: WebhookView.of,
      change: () => {
        webhook.active = false;
        webhook.disabledReason = reason.slice(0, 500);
        webhook.updatedAt = this.clock.now();
      },
    });
    await this.securityEvents.record(tx.manager, {
      type: SecurityEventType.WebhookDisabled,
      subject: webhook.id,
      details: {
        webhookId: webhook.id,
        url: webhook.url,
        deliveryId: delivery.id,
        seq: delivery.seq,
        reason,
      },
    });
    this.logger.warn(
      { webhookId: webhook.id, deliveryId: delivery.id },
      'Webhook disabled: retries exhausted',
    );
  }
}
