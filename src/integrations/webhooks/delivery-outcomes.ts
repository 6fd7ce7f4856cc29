import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../../audit/audit-log.service';
import { auditedChange } from '../../audit/audited-change';
import { SecurityEventType } from '../../audit/security-event-type';
import { SecurityEventsService } from '../../audit/security-events.service';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { JobStatus, RecordOutcome, SettledJob } from '../../event-log/consumers/consumer';
import { WebhookView } from './dto/webhook.views';
import { WebhookDelivery } from './webhook-delivery.entity';
import type { SendOutcome } from './webhook-sender';
import { Webhook } from './webhook.entity';

/**
 * What an attempt leaves on the delivery, in the transaction that records its job's outcome: the response; and
 * once the job is given up (its attempts spent), the subscription disabled (audited, actor system, and a security
 * event). Its later deliveries stay queued, in order, for when an admin enables it again.
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

  of(outcome: SendOutcome): RecordOutcome {
    return async (tx, job) => {
      await tx.manager.update(
        WebhookDelivery,
        { id: job.id },
        { responseStatus: outcome.status, responseSnippet: outcome.snippet, durationMs: outcome.durationMs },
      );
      if (job.status === JobStatus.Failed) await this.disable(tx, job);
    };
  }

  private async disable(tx: Tx, job: SettledJob): Promise<void> {
    const webhook = await tx.manager.findOne(Webhook, {
      where: { id: job.key },
      ...this.database.forUpdate,
    });
    if (!webhook?.active) return;
    const delivery = await tx.manager.findOneByOrFail(WebhookDelivery, { id: job.id });
    const reason =
      `Delivery ${job.id} (event ${delivery.seq}) failed ${job.attempts} attempts; last: ` +
      `${job.lastError ?? 'unknown error'}`;
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
        deliveryId: job.id,
        seq: delivery.seq,
        reason,
      },
    });
    this.logger.warn({ webhookId: webhook.id, deliveryId: job.id }, 'Webhook disabled: retries exhausted');
  }
}
