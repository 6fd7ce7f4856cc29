import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import { auditedChange } from '../../audit/audited-change';
import type { Principal } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { Page, pageOf, PageQuery } from '../../common/pagination/page';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { EventLog } from '../../event-log/event-log.service';
import { EventType, PERSONAL_EVENT_TYPES } from '../../event-log/event-type';
import { CreateWebhookInput, UpdateWebhookInput } from './dto/webhook.inputs';
import { WebhookView, WebhookWithSecretView } from './dto/webhook.views';
import { ROTATION_GRACE_MS, WebhookSecrets } from './webhook-secrets';
import { newWebhookSecret } from './webhook-signer';
import { assertValidTarget } from './webhook-url';
import { Webhook } from './webhook.entity';
import { WebhooksConsumer } from './webhooks-consumer';

const ENTITY_TYPE = 'webhook';

/** Subscriptions: their targets, the events they want, their secrets, and being enabled or not. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly audit: AuditLog,
    private readonly secrets: WebhookSecrets,
    private readonly consumer: WebhooksConsumer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<WebhookView>> {
    const [webhooks, total] = await this.database.reader.findAndCount(Webhook, {
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(webhooks.map(WebhookView.of), total, query);
  }

  async get(id: string): Promise<WebhookView> {
    return WebhookView.of(await this.find(this.database.reader, id));
  }

  /**
   * Only events committed after this one are delivered. The consumer's cursor is held meanwhile, so no batch of
   * events is being derived without the new subscription while it starts at the log's last seq.
   */
  create(principal: Principal, input: CreateWebhookInput): Promise<WebhookWithSecretView> {
    assertValidTarget(input.url, this.config.webhookAllowPrivate);
    assertConsented(input.events, input.personalData ?? false);
    return this.database.transaction(async (tx) => {
      await this.consumer.jobs.holdCursor(tx);
      const now = this.clock.now();
      const id = randomUUID();
      const secret = newWebhookSecret();
      const webhook = tx.manager.create(Webhook, {
        id,
        url: input.url,
        events: input.events,
        active: input.active ?? true,
        description: input.description ?? null,
        personalData: input.personalData ?? false,
        disabledReason: null,
        sealedSecret: this.secrets.seal(id, secret),
        sealedPreviousSecret: null,
        previousSecretExpiresAt: null,
        subscribedAtSeq: (await this.eventLog.bounds()).lastSeq,
        createdAt: now,
        updatedAt: now,
      });
      await this.database.insertRows(tx, Webhook, webhook);
      const view = WebhookView.of(webhook);
      await this.audit.record(tx, principal, {
        action: 'webhook.created',
        entityType: ENTITY_TYPE,
        entityId: id,
        after: view,
      });
      return { ...view, secret };
    });
  }

  async update(principal: Principal, id: string, input: UpdateWebhookInput): Promise<WebhookView> {
    if (input.url !== undefined) assertValidTarget(input.url, this.config.webhookAllowPrivate);
    const view = await this.database.transaction(async (tx) => {
      const webhook = await this.find(tx.manager, id, true);
      return auditedChange(tx, this.audit, principal, webhook, {
        action: (before, after) =>
          !before.active && after.active
            ? 'webhook.enabled'
            : before.active && !after.active
              ? 'webhook.disabled'
              : 'webhook.updated',
        entityType: ENTITY_TYPE,
        view: WebhookView.of,
        change: () => {
          if (input.url !== undefined) webhook.url = input.url;
          if (input.events !== undefined) webhook.events = input.events;
          if (input.personalData !== undefined) webhook.personalData = input.personalData;
          assertConsented(webhook.events, webhook.personalData);
          if (input.description !== undefined) webhook.description = input.description;
          if (input.active !== undefined) {
            webhook.active = input.active;
            if (input.active) webhook.disabledReason = null;
          }
          webhook.updatedAt = this.clock.now();
        },
      });
    });
    // Re-enabled: the backlog goes out now rather than at the next poll.
    if (view.active) this.consumer.jobs.wake();
    return view;
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const webhook = await this.find(tx.manager, id, true);
      await auditedChange(tx, this.audit, principal, webhook, {
        action: 'webhook.deleted',
        entityType: ENTITY_TYPE,
        view: WebhookView.of,
        // Its deliveries go with it (ON DELETE CASCADE), and their jobs.
        remove: async () => {
          await this.consumer.jobs.discardKey(tx, id);
          await tx.manager.delete(Webhook, { id });
        },
      });
    });
  }

  /** A new secret; the old one keeps signing beside it for ROTATION_GRACE_MS, so receivers can switch over. */
  rotateSecret(principal: Principal, id: string): Promise<WebhookWithSecretView> {
    return this.database.transaction(async (tx) => {
      const webhook = await this.find(tx.manager, id, true);
      const secret = newWebhookSecret();
      const view = await auditedChange(tx, this.audit, principal, webhook, {
        action: 'webhook.secret_rotated',
        entityType: ENTITY_TYPE,
        view: WebhookView.of,
        change: () => {
          const now = this.clock.now();
          webhook.sealedPreviousSecret = webhook.sealedSecret;
          webhook.previousSecretExpiresAt = new Date(now.getTime() + ROTATION_GRACE_MS);
          webhook.sealedSecret = this.secrets.seal(id, secret);
          webhook.updatedAt = now;
        },
      });
      return { ...view, secret };
    });
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<Webhook> {
    const webhook = await manager.findOne(Webhook, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!webhook) throw DomainError.notFound('Webhook');
    return webhook;
  }
}

/** The customer events are personal data through and through: a subscription to them needs the consent. */
function assertConsented(events: readonly EventType[], personalData: boolean): void {
  const personal = events.filter((type) => PERSONAL_EVENT_TYPES.includes(type));
  if (personal.length > 0 && !personalData) {
    throw DomainError.invalidField(
      'personalData',
      `must be true to subscribe to ${personal.join(' and ')}: they carry guests’ personal data`,
    );
  }
}
