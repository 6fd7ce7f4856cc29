import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { LessThan } from 'typeorm';
import { SecretBox } from '../common/crypto/secret-box';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import { CustomerErased, eraseFromStoredCopies, CUSTOMER_ERASED } from '../event-log/customer-erased';
import { EventLog } from '../event-log/event-log.service';
import { ClientId } from './client-id.entity';
import { IdempotencyKey } from './idempotency-key.entity';

export const KEEP_FOR_MS = 24 * 60 * 60_000;

export interface IdempotentRequest {
  scope: string;
  key: string;
  fingerprint: string;
  /** The reply is kept sealed (SecretBox, the scope and key as context): it holds a secret shown once. */
  sealed?: boolean;
  /** Client-chosen ids the request creates rows under (scope `ids`): each is registered once, for good. */
  clientIds?: readonly string[];
  /** The request as `METHOD path`: what a registered id names as its first use, and what a device applied. */
  route: string;
  /** Set when the request came from a device (X-Device-Id): the listeners of applied writes hear of it. */
  device?: { id: string; key: string; userId: string | null; apiKeyId: string | null };
  /**
   * The handler commits its own transactions, outside the reply's (it calls a provider between them, which must
   * not hold the database): it must itself apply a key once (a refund's id derives from it).
   */
  ownTransactions?: boolean;
}

/** A keyed write that was applied (not replayed), in its transaction, with the reply it stored. */
export interface AppliedWrite {
  deviceId: string;
  /** The Idempotency-Key sent, or the key made of the client ids. */
  key: string;
  method: string;
  path: string;
  status: number;
  userId: string | null;
  apiKeyId: string | null;
}

/** A module that keeps what devices applied: it takes the device's turn first, then records the applied write. */
export interface AppliedWriteListener {
  /** Before the write's work, in its transaction: the device's place at the head of the lock order. */
  starting(tx: Tx, deviceId: string): Promise<void>;
  /** After the write's work, with the reply it stored. */
  applied(tx: Tx, write: AppliedWrite): Promise<void>;
}

/** An id a module's row has already, and what that row is ("an order"): no client may choose it for a new row. */
export interface HeldId {
  id: string;
  held: string;
}

/** Which of `ids` a module's rows have as their primary key (ids the server gave, or clients' earlier). */
export type IdHolder = (tx: Tx, ids: readonly string[]) => Promise<HeldId[]>;

export interface StoredReply {
  status: number;
  body: unknown;
}

const PRUNE_EVERY_MS = 60 * 60_000;

/** Stores the key, unless a live one is there (an expired one is replaced); answers a row only when it stored. */
const STORE_UNLESS_LIVE = `ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint,
  response_status = excluded.response_status, response_body = excluded.response_body,
  created_at = excluded.created_at, expires_at = excluded.expires_at
  WHERE idempotency_keys.expires_at <= excluded.created_at
  RETURNING key`;

/** How an error names the request: by its key, or by its client ids when those key it. */
const keyedBy = (request: IdempotentRequest): string =>
  request.clientIds ? 'A request with these client ids' : 'A request with this Idempotency-Key';

/** Registers client ids; answers those it stored (an id already there is not). */
const STORE_UNLESS_TAKEN = 'ON CONFLICT (id) DO NOTHING RETURNING id';

/**
 * Why the transaction fails when another request stored the key first: its effects roll back and the catch below
 * replays the stored reply.
 */
const KEY_TAKEN_MEANWHILE = 'The idempotency key was stored by another request meanwhile';

/**
 * Thrown inside the transaction when a client id of the request was used before: rolls its effects back. `held`:
 * the ids rows have already (whoever chose them), found before the request's work.
 */
class ClientIdsTaken extends Error {
  constructor(readonly held: readonly HeldId[] = []) {
    super('client ids taken');
  }
}

/**
 * Exactly-once creation. The request and its stored reply commit in one transaction, so the reply exists if and
 * only if the effects do. The key is stored last: when it is there already (a retry of a finished request, or one
 * racing its original on another instance, which waits for that one's commit), the request rolls back and
 * replays the stored reply. Looking first would cost every request a read for the sake of rare retries; the price
 * is that a retried order on PostgreSQL spends a ticket number. A duplicate that arrives while the first is still
 * running in this process answers 409 at once.
 */
@Injectable()
export class IdempotencyService {
  private readonly running = new Set<string>();
  private readonly box: SecretBox;
  private readonly applied: AppliedWriteListener[] = [];
  private readonly holders: IdHolder[] = [];

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    config: AppConfig,
    eventLog: EventLog,
  ) {
    this.box = new SecretBox(config.encryptionKey);
    eventLog.on(CUSTOMER_ERASED, (tx, fact) => this.erase(tx, fact));
  }

  /** An erased customer leaves the stored replies too: a replay answers them without the person. */
  private async erase(tx: Tx, fact: CustomerErased): Promise<void> {
    await eraseFromStoredCopies(tx, IdempotencyKey, ['responseBody'], fact);
  }

  /**
   * Lets a module (devices, above this one) take a device's turn before each keyed write it sends and record the
   * write once applied, in the write's transaction; a replay is not one.
   */
  onApplied(listener: AppliedWriteListener): void {
    this.applied.push(listener);
  }

  /**
   * Lets a module that creates rows under client ids (orders and their items, payments) say which ids its rows
   * have: a request whose client id one of them has is refused before its work, whichever kind of row it names.
   */
  holdingIds(holder: IdHolder): void {
    this.holders.push(holder);
  }

  /** Runs `handle` once per key; a repeat gets the first reply (`replayed: true`). */
  async execute(
    request: IdempotentRequest,
    handle: () => Promise<StoredReply>,
  ): Promise<StoredReply & { replayed: boolean }> {
    const id = `${request.scope} ${request.key}`;
    if (this.running.has(id)) {
      throw new DomainError(ErrorCode.IdempotencyInProgress, `${keyedBy(request)} is still running`);
    }
    this.running.add(id);
    try {
      const handled = request.ownTransactions ? await handle() : undefined;
      return await this.database.transaction(async (tx) => {
        if (request.device) await this.starting(tx, request.device.id);
        if (request.clientIds) await this.refuseHeld(tx, request.clientIds);
        const reply = handled ?? (await handle());
        const now = this.clock.now();
        const body = JSON.stringify(reply.body ?? null);
        const row = Object.assign(new IdempotencyKey(), {
          scope: request.scope,
          key: request.key,
          fingerprint: request.fingerprint,
          responseStatus: reply.status,
          responseBody: request.sealed ? this.box.seal(body, id) : body,
          createdAt: now,
          expiresAt: new Date(now.getTime() + KEEP_FOR_MS),
        });
        // Not waited for on PostgreSQL: it goes out with the events and COMMIT, and fails the unit if the key is taken.
        await this.database.insertOrRefuse(tx, IdempotencyKey, row, STORE_UNLESS_LIVE, KEY_TAKEN_MEANWHILE);
        if (request.clientIds) await this.register(tx, request.clientIds, request.route, now);
        if (request.device) await this.announce(tx, request, reply.status);
        return { ...reply, replayed: false };
      });
    } catch (error) {
      const earlier = await this.storedReply(request);
      if (earlier) return { ...earlier, replayed: true };
      if (request.clientIds && (error instanceof ClientIdsTaken || isUniqueViolation(error))) {
        throw await this.idsInUse(request.clientIds, error instanceof ClientIdsTaken ? error.held : []);
      }
      throw error;
    } finally {
      this.running.delete(id);
    }
  }

  /** ClientIdsTaken when a row of any kind has one of the ids already (a replay finds its own reply after). */
  private async refuseHeld(tx: Tx, ids: readonly string[]): Promise<void> {
    const held: HeldId[] = [];
    for (const holder of this.holders) held.push(...(await holder(tx, ids)));
    if (held.length > 0) throw new ClientIdsTaken(held);
  }

  /** Registers the request's client ids, after its rows: ClientIdsTaken when one was used before. */
  private async register(tx: Tx, ids: readonly string[], route: string, now: Date): Promise<void> {
    const rows = ids.map((id) =>
      Object.assign(new ClientId(), { id, usedBy: route.slice(0, 300), createdAt: now }),
    );
    const stored = await this.database.insertRows(tx, ClientId, rows, STORE_UNLESS_TAKEN);
    if (stored.length < rows.length) throw new ClientIdsTaken();
  }

  private async starting(tx: Tx, deviceId: string): Promise<void> {
    for (const listener of this.applied) await listener.starting(tx, deviceId);
  }

  private async announce(tx: Tx, request: IdempotentRequest, status: number): Promise<void> {
    const { id, key, userId, apiKeyId } = request.device!;
    const [method, path] = request.route.split(' ');
    const write = { deviceId: id, key, method, path, status, userId, apiKeyId };
    for (const listener of this.applied) await listener.applied(tx, write);
  }

  /**
   * The 409 of a request whose ids belong to rows already, with no reply stored for it (another route, another
   * order, or a reply older than 24 hours): naming the first use when the id was a client's, never a 500.
   */
  private async idsInUse(ids: readonly string[], held: readonly HeldId[]): Promise<DomainError> {
    const used = await this.database.reader.find(ClientId, { where: ids.map((id) => ({ id })) });
    const registered = new Set(used.map((row) => row.id));
    const named = [
      ...used.map((row) => `${row.id} (by ${row.usedBy} at ${row.createdAt.toISOString()})`),
      ...held.filter(({ id }) => !registered.has(id)).map(({ id, held: what }) => `${id} (${what}’s id)`),
    ];
    return new DomainError(
      ErrorCode.Conflict,
      named.length > 0
        ? `Already used: ${named.join(', ')}. A client id names one row: make new ids for a new request`
        : 'An id this request names already belongs to another order, item or payment: make new ids',
    );
  }

  /** The live reply stored under this key, if any; the same key with another request is refused. */
  private async storedReply(request: IdempotentRequest): Promise<StoredReply | null> {
    const row = await this.database.reader.findOne(IdempotencyKey, {
      where: { scope: request.scope, key: request.key },
    });
    if (!row || row.expiresAt <= this.clock.now()) return null;
    if (row.fingerprint !== request.fingerprint) {
      throw new DomainError(ErrorCode.IdempotencyKeyReused, `${keyedBy(request)} was another request`);
    }
    const body = request.sealed
      ? this.box.open(row.responseBody, `${request.scope} ${request.key}`)
      : row.responseBody;
    return { status: row.responseStatus, body: JSON.parse(body) as unknown };
  }

  @Interval(PRUNE_EVERY_MS)
  private async prune(): Promise<void> {
    await this.database.transaction(({ manager }) =>
      manager.delete(IdempotencyKey, { expiresAt: LessThan(this.clock.now()) }),
    );
  }
}
