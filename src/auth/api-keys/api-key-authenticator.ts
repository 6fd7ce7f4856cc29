import { Injectable } from '@nestjs/common';
import type { ApiKeyPrincipal } from '../../common/access/principal';
import type { Scope } from '../../common/access/scope';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { Database } from '../../database/database.service';
import { SecurityEventType } from '../../audit/security-event-type';
import { SecurityEventsService } from '../../audit/security-events.service';
import { EventFeed } from '../../event-log/event-feed';
import type { EventRecord } from '../../event-log/event-record.entity';
import { EventType } from '../../event-log/event-type';
import { RateLimiter } from '../../rate-limit/rate-limiter';
import type { RateLimitRule, RateLimitVerdict } from '../../rate-limit/fixed-windows';
import { ApiKey } from './api-key.entity';
import { hashApiKeySecret, looksLikeApiKey, sameHash, shownPrefixOf } from './api-key-secret';
import { AddressRanges } from '../../common/net/address-ranges';

/** Why a presented key was refused: the `reason` of its security event. */
export type ApiKeyRefusal =
  'unknown' | 'inactive' | 'expired' | 'rotated_out' | 'ip_not_allowed' | 'out_of_scope' | 'staff_only';

/** Where a key is presented from, for the allow-list and the security event. */
export interface KeyUse {
  ip: string | undefined;
  /** The route pattern, or `socket.io`. */
  route: string;
}

export interface AdmittedKey {
  principal: ApiKeyPrincipal;
  /** When this secret stops working (expiry, or the end of a rotation's grace); null when it does not. */
  expiresAt: Date | null;
  /** The key's per-minute, hour and day counters; empty when it has no limits. */
  limits: RateLimitRule[];
}

/** A key as the hot path needs it, found by the hash of one of its secrets. */
interface KnownKey {
  principal: ApiKeyPrincipal;
  active: boolean;
  expiresAt: Date | null;
  /** Set when this hash is the secret from before the last rotation. */
  graceEndsAt: Date | null;
  allowList: AddressRanges | null;
  limits: RateLimitRule[];
}

const MAX_KNOWN_KEYS = 10_000;
const REFUSED_WITH_401: readonly ApiKeyRefusal[] = ['unknown', 'inactive', 'expired', 'rotated_out'];

/**
 * Admits an API key on REST and socket.io: found by the SHA-256 of the secret through an index, compared in
 * constant time, then its state, its allow-list and the scopes the route asks for. Keys are kept in memory;
 * `api_key.changed` drops one as it passes through the event feed, on every instance. Every refusal is a
 * security event.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly known = new Map<string, KnownKey>();
  private changes = 0;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly securityEvents: SecurityEventsService,
    private readonly limiter: RateLimiter,
    feed: EventFeed,
  ) {
    feed.subscribe((event) => this.forget(event));
  }

  /**
   * The key's principal, or a 401 (not a usable key) or 403 (not from here, not for this) DomainError.
   * `requiredScopes` null means a staff-only route, which no key reaches.
   */
  async admit(secret: string, use: KeyUse, requiredScopes: readonly Scope[] | null): Promise<AdmittedKey> {
    const hash = hashApiKeySecret(secret);
    const key = looksLikeApiKey(secret) ? await this.find(hash) : null;
    if (!key) return this.refuse('unknown', use, null, shownPrefixOf(secret));
    const now = this.clock.now();
    if (!key.active) return this.refuse('inactive', use, key);
    if (key.expiresAt && key.expiresAt <= now) return this.refuse('expired', use, key);
    if (key.graceEndsAt && key.graceEndsAt <= now) return this.refuse('rotated_out', use, key);
    if (key.allowList && !key.allowList.includes(use.ip)) return this.refuse('ip_not_allowed', use, key);
    if (requiredScopes === null) return this.refuse('staff_only', use, key);
    const missing = requiredScopes.filter((scope) => !key.principal.scopes.includes(scope));
    if (missing.length > 0) return this.refuse('out_of_scope', use, key, null, missing);
    const ends = [key.expiresAt, key.graceEndsAt].filter((date) => date !== null);
    const expiresAt = ends.length > 0 ? new Date(Math.min(...ends.map((date) => date.getTime()))) : null;
    return { principal: key.principal, expiresAt, limits: key.limits };
  }

  /** Counts a request against the key's limits; null when it has none. */
  countRequest(key: AdmittedKey): Promise<RateLimitVerdict | null> {
    return key.limits.length > 0 ? this.limiter.hit(key.limits) : Promise.resolve(null);
  }

  private async find(hash: string): Promise<KnownKey | null> {
    const cached = this.known.get(hash);
    if (cached) return cached;
    const changesBefore = this.changes;
    const row = await this.database.reader
      .getRepository(ApiKey)
      .findOne({ where: [{ secretHash: hash }, { previousSecretHash: hash }] });
    if (!row) return null;
    const current = sameHash(row.secretHash, hash);
    if (!current && !(row.previousSecretHash && sameHash(row.previousSecretHash, hash))) return null;
    const key = knownKeyOf(row, current);
    // A change that passed while this read ran may not be in what it read: keep nothing then.
    if (this.changes === changesBefore) {
      if (this.known.size >= MAX_KNOWN_KEYS) this.known.clear();
      this.known.set(hash, key);
    }
    return key;
  }

  private forget(event: EventRecord): void {
    if (event.type !== EventType.ApiKeyChanged) return;
    this.changes += 1;
    for (const [hash, key] of this.known) {
      if (key.principal.keyId === event.data.keyId) this.known.delete(hash);
    }
  }

  private async refuse(
    reason: ApiKeyRefusal,
    use: KeyUse,
    key: KnownKey | null,
    prefix: string | null = null,
    missingScopes: Scope[] = [],
  ): Promise<never> {
    await this.database.transaction(({ manager }) =>
      this.securityEvents.record(manager, {
        type: SecurityEventType.ApiKeyRefused,
        subject: key ? `apiKey:${key.principal.keyId}` : prefix,
        ip: use.ip ?? null,
        details: { reason, route: use.route, ...(missingScopes.length > 0 ? { missingScopes } : {}) },
      }),
    );
    if (REFUSED_WITH_401.includes(reason)) {
      throw new DomainError(ErrorCode.Unauthorized, 'Unknown, inactive, expired or rotated-out API key');
    }
    throw new DomainError(
      ErrorCode.Forbidden,
      reason === 'ip_not_allowed'
        ? 'This API key may not be used from this address'
        : reason === 'out_of_scope'
          ? `This API key lacks the scope: ${missingScopes.join(', ')}`
          : 'This route is for staff only: API keys cannot use it',
    );
  }
}

function knownKeyOf(row: ApiKey, current: boolean): KnownKey {
  const windows: Array<[number | null, number]> = [
    [row.rateLimitPerMinute, 60],
    [row.rateLimitPerHour, 3600],
    [row.rateLimitPerDay, 86_400],
  ];
  return {
    principal: {
      kind: 'apiKey',
      keyId: row.id,
      name: row.name,
      scopes: row.scopes,
      channelCode: row.channelCode,
    },
    active: row.active,
    expiresAt: row.expiresAt,
    graceEndsAt: current ? null : row.previousSecretExpiresAt,
    allowList: row.allowedIps ? new AddressRanges(row.allowedIps) : null,
    limits: windows.flatMap(([limit, windowSeconds]) =>
      limit ? [{ bucket: `api-key:${row.id}:${windowSeconds}`, limit, windowSeconds }] : [],
    ),
  };
}
