import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { staffUserId } from '../../common/access/principal';
import { DomainError } from '../../common/errors/domain-error';
import { Page, pageOf, PageQuery } from '../../common/pagination/page';
import { definedOnly } from '../../common/patch';
import { Clock } from '../../common/time/clock';
import { Database, Tx } from '../../database/database.service';
import { AuditLog } from '../../audit/audit-log.service';
import { auditedChange } from '../../audit/audited-change';
import { NOBODY } from '../../event-log/audience';
import { EventLog } from '../../event-log/event-log.service';
import { EventType } from '../../event-log/event-type';
import { ApiKeyUsage } from './usage/api-key-usage.service';
import { ApiKeyUsageQuery } from './usage/dto/usage.inputs';
import { ApiKeyUsageView } from './usage/dto/usage.views';
import { ApiKey } from './api-key.entity';
import { newApiKeySecret } from './api-key-secret';
import {
  CreateApiKeyInput,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_ROTATION_GRACE_SECONDS,
  RotateApiKeyInput,
  UpdateApiKeyInput,
} from './dto/api-key.inputs';
import { ApiKeyView, IssuedApiKeyView } from './dto/api-key.views';

const ENTITY_TYPE = 'api_key';

export type ChannelCheck = (tx: Tx, code: string) => Promise<boolean>;

/** Issues, changes, rotates and deletes API keys; each write is audited and tells every instance to forget the key. */
@Injectable()
export class ApiKeysService {
  /** Whether a sales channel of that code exists: told by the channels module, which sits above this one. */
  private channelExists: ChannelCheck = () => Promise.resolve(false);

  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
    private readonly usage: ApiKeyUsage,
  ) {
    usage.writeLastUsedWith((tx, lastUsedByKey) => this.recordLastUse(tx, lastUsedByKey));
  }

  checkChannelsWith(check: ChannelCheck): void {
    this.channelExists = check;
  }

  /** Lists show lastUsedAt as of this instance's latest request: its pending usage is flushed first. */
  async list(query: PageQuery): Promise<Page<ApiKeyView>> {
    await this.usage.flush();
    const [keys, total] = await this.database.reader.getRepository(ApiKey).findAndCount({
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(keys.map(ApiKeyView.of), total, query);
  }

  async usageOf(id: string, query: ApiKeyUsageQuery): Promise<ApiKeyUsageView> {
    const exists = await this.database.reader.getRepository(ApiKey).existsBy({ id });
    if (!exists) throw DomainError.notFound('API key');
    return this.usage.usage(id, query);
  }

  async get(id: string): Promise<ApiKeyView> {
    await this.usage.flush();
    const key = await this.database.reader.getRepository(ApiKey).findOne({ where: { id } });
    if (!key) throw DomainError.notFound('API key');
    return ApiKeyView.of(key);
  }

  async create(actor: Principal, input: CreateApiKeyInput): Promise<IssuedApiKeyView> {
    const now = this.clock.now();
    const expiresAt = this.futureOrNull(input.expiresAt);
    const { secret, prefix, hash } = newApiKeySecret();
    return this.database.transaction(async (tx) => {
      if (input.channelCode && !(await this.channelExists(tx, input.channelCode))) {
        throw DomainError.invalidField('channelCode', 'no such channel');
      }
      const key = Object.assign(new ApiKey(), {
        id: randomUUID(),
        name: input.name,
        prefix,
        secretHash: hash,
        previousSecretHash: null,
        previousSecretExpiresAt: null,
        scopes: input.scopes,
        allowedIps: input.allowedIps ?? null,
        printerIds: input.printerIds ?? null,
        channelCode: input.channelCode ?? null,
        expiresAt,
        rateLimitPerMinute:
          input.rateLimitPerMinute === undefined ? DEFAULT_RATE_LIMIT_PER_MINUTE : input.rateLimitPerMinute,
        rateLimitPerHour: input.rateLimitPerHour ?? null,
        rateLimitPerDay: input.rateLimitPerDay ?? null,
        active: true,
        lastUsedAt: null,
        createdBy: staffUserId(actor),
        createdAt: now,
        rotatedAt: null,
      });
      await this.database.insertRows(tx, ApiKey, key);
      const after = ApiKeyView.of(key);
      await this.auditLog.record(tx, actor, {
        action: 'api_key.created',
        entityType: ENTITY_TYPE,
        entityId: key.id,
        after,
      });
      return { ...after, key: secret };
    });
  }

  async update(actor: Principal, id: string, input: UpdateApiKeyInput): Promise<ApiKeyView> {
    const changes = definedOnly(input);
    const expiresAt = changes.expiresAt === undefined ? undefined : this.futureOrNull(changes.expiresAt);
    return this.database.transaction(async (tx) => {
      const key = await this.locked(tx, id);
      const after = await auditedChange(tx, this.auditLog, actor, key, {
        entityType: ENTITY_TYPE,
        action: (before, changed) =>
          before.active && !changed.active
            ? 'api_key.deactivated'
            : !before.active && changed.active
              ? 'api_key.activated'
              : 'api_key.updated',
        view: ApiKeyView.of,
        skipIfUnchanged: true,
        change: () => {
          Object.assign(key, { ...changes, ...(expiresAt === undefined ? {} : { expiresAt }) });
        },
      });
      this.changed(tx, id);
      return after;
    });
  }

  async remove(actor: Principal, id: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      const key = await this.locked(tx, id);
      await auditedChange(tx, this.auditLog, actor, key, {
        entityType: ENTITY_TYPE,
        action: 'api_key.deleted',
        view: ApiKeyView.of,
        remove: async () => {
          await tx.manager.delete(ApiKey, { id });
          await this.usage.forgetKey(tx, id);
        },
      });
      this.changed(tx, id);
    });
  }

  /**
   * A new secret; the one it replaces keeps working for the grace period (default a day), so an integration can
   * switch without downtime. A second rotation within the grace ends the oldest secret at once.
   */
  async rotate(actor: Principal, id: string, input: RotateApiKeyInput): Promise<IssuedApiKeyView> {
    const graceSeconds = input.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS;
    const { secret, prefix, hash } = newApiKeySecret();
    return this.database.transaction(async (tx) => {
      const key = await this.locked(tx, id);
      const now = this.clock.now();
      const after = await auditedChange(tx, this.auditLog, actor, key, {
        entityType: ENTITY_TYPE,
        action: 'api_key.rotated',
        view: ApiKeyView.of,
        change: () => {
          key.previousSecretHash = graceSeconds > 0 ? key.secretHash : null;
          key.previousSecretExpiresAt =
            graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : null;
          key.secretHash = hash;
          key.prefix = prefix;
          key.rotatedAt = now;
        },
      });
      this.changed(tx, id);
      return { ...after, key: secret };
    });
  }

  /** The flush of usage statistics moves each key's lastUsedAt forward (never back: instances flush apart). */
  private async recordLastUse(tx: Tx, lastUsedByKey: ReadonlyMap<string, Date>): Promise<void> {
    const keys = await tx.manager.find(ApiKey, {
      where: { id: In([...lastUsedByKey.keys()]) },
      ...this.database.forUpdate,
    });
    for (const key of keys) {
      const usedAt = lastUsedByKey.get(key.id)!;
      if (key.lastUsedAt && key.lastUsedAt >= usedAt) continue;
      await tx.manager.update(ApiKey, { id: key.id }, { lastUsedAt: usedAt });
    }
  }

  private async locked(tx: Tx, id: string): Promise<ApiKey> {
    const key = await tx.manager.findOne(ApiKey, { where: { id }, ...this.database.forUpdate });
    if (!key) throw DomainError.notFound('API key');
    return key;
  }

  private futureOrNull(expiresAt: string | null | undefined): Date | null {
    if (expiresAt === undefined || expiresAt === null) return null;
    const date = new Date(expiresAt);
    if (date <= this.clock.now()) throw DomainError.invalidField('expiresAt', 'must be in the future');
    return date;
  }

  /** Every instance forgets the key's cached state, and its sockets re-authenticate under the new rules. */
  private changed(tx: Tx, keyId: string): void {
    this.eventLog.append(tx, { type: EventType.ApiKeyChanged, data: { keyId }, audience: NOBODY });
  }
}
