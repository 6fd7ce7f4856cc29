import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LessThan } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { IdempotencyKey } from './idempotency-key.entity';

export const KEEP_FOR_MS = 24 * 60 * 60_000;
/** A reservation this old with no reply belongs to a process that died: nothing of it committed, so it may be retried. */
const ABANDONED_AFTER_MS = 60_000;

export interface IdempotentRequest {
  scope: string;
  key: string;
  fingerprint: string;
}

export interface StoredReply {
  status: number;
  body: unknown;
}

/**
 * Exactly-once creation. A key is first reserved in its own transaction, so concurrent duplicates see it at once;
 * the request then runs in a transaction that also stores its reply, so the reply exists if and only if the
 * effects do. A failed request gives its key back.
 */
@Injectable()
export class IdempotencyService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune().catch(() => undefined), 60 * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Runs `handle` once per key; a repeat gets the first reply (`replayed: true`). */
  async execute(
    request: IdempotentRequest,
    handle: () => Promise<StoredReply>,
  ): Promise<StoredReply & { replayed: boolean }> {
    const earlier = await this.reserve(request);
    if (earlier) return { ...earlier, replayed: true };
    try {
      return await this.database.transaction(async ({ manager }) => {
        const reply = await handle();
        await manager.update(
          IdempotencyKey,
          { scope: request.scope, key: request.key },
          { state: 'done', responseStatus: reply.status, responseBody: JSON.stringify(reply.body ?? null) },
        );
        return { ...reply, replayed: false };
      });
    } catch (error) {
      await this.database.transaction(({ manager }) =>
        manager.delete(IdempotencyKey, { scope: request.scope, key: request.key }),
      );
      throw error;
    }
  }

  /** Reserves the key; answers the stored reply when it was already used for the same request. */
  private reserve(request: IdempotentRequest): Promise<StoredReply | null> {
    return this.database.transaction(async ({ manager }) => {
      const now = this.clock.now();
      const fresh = {
        ...request,
        state: 'in_progress' as const,
        owner: randomUUID(),
        createdAt: now,
        expiresAt: new Date(now.getTime() + KEEP_FOR_MS),
      };
      const row = await this.database.lockedRow(
        manager,
        IdempotencyKey,
        { scope: request.scope, key: request.key },
        fresh,
      );
      if (row.owner === fresh.owner) return null;
      const expired = row.expiresAt <= now;
      const abandoned =
        row.state === 'in_progress' && now.getTime() - row.createdAt.getTime() > ABANDONED_AFTER_MS;
      if (expired || abandoned) {
        await manager.update(IdempotencyKey, { scope: request.scope, key: request.key }, fresh);
        return null;
      }
      if (row.fingerprint !== request.fingerprint) {
        throw new DomainError(
          ErrorCode.IdempotencyKeyReused,
          'This Idempotency-Key was used for another request',
        );
      }
      if (row.state === 'in_progress') {
        throw new DomainError(
          ErrorCode.IdempotencyInProgress,
          'A request with this Idempotency-Key is still running',
        );
      }
      return { status: row.responseStatus ?? 200, body: JSON.parse(row.responseBody ?? 'null') as unknown };
    });
  }

  private async prune(): Promise<void> {
    await this.database.transaction(({ manager }) =>
      manager.delete(IdempotencyKey, { expiresAt: LessThan(this.clock.now()) }),
    );
  }
}
