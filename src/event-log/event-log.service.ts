import { Injectable } from '@nestjs/common';
import { LessThan, MoreThan } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import type { Audience } from './audience';
import { CommitSignal } from './commit-signal';
import { eraseFromStoredCopies, CUSTOMER_ERASED } from './customer-erased';
import { EventFeed } from './event-feed';
import { EventRecord } from './event-record.entity';
import { EventType } from './event-type';
import { FactHandler, FactKind } from './facts';

export interface LogBounds {
  /** The last seq ever issued. */
  lastSeq: number;
  /** The oldest seq still kept; null when the log is empty. */
  oldestSeq: number | null;
}

/** True when the log no longer holds everything after `since` (pruned, or a seq from another database). */
export function mustResync(since: number, bounds: LogBounds): boolean {
  if (since > bounds.lastSeq) return true;
  return since < bounds.lastSeq && (bounds.oldestSeq === null || bounds.oldestSeq > since + 1);
}

export interface NewEvent {
  type: EventType;
  data: Record<string, unknown>;
  audience: Audience;
}

/** What a transaction has staged for its end: the facts to react to, then the events to write. */
interface Staged {
  facts: Array<{ kind: FactKind<unknown>; fact: unknown }>;
  events: NewEvent[];
}

/**
 * Appends events inside the transaction that makes the change, so an event exists if and only if its change does.
 * A transaction's events are written together just before it commits: one UPDATE of the one-row seq counter
 * (on PostgreSQL its row lock, held until commit, serialises appends, so seqs become visible in order and a
 * rolled-back transaction gives its numbers back) and one INSERT. Taking that lock last keeps it short.
 *
 * It also carries the transaction's domain facts (`raise`, `on`): their handlers run just before the events are
 * written, so a change and its consequences in other modules commit together, and the counters those lock (receipt
 * numbers, the event seq) are still taken last.
 */
/**
 * When a fact's handler runs: `rows` handlers (which may lock rows) before any `counters` handler (which takes a
 * counter that every writer locks, a receipt number), so that the counters stay last in the lock order.
 */
export type HandlerStage = 'rows' | 'counters';

@Injectable()
export class EventLog {
  private readonly staged = new WeakMap<Tx, Staged>();
  private readonly reactions = new Map<
    FactKind<unknown>,
    Array<{ handler: FactHandler<unknown>; stage: HandlerStage }>
  >();

  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
    private readonly signal: CommitSignal,
    private readonly clock: Clock,
  ) {
    // The log keeps copies too: no replay or catch-up shows an erased person again.
    this.on(CUSTOMER_ERASED, async (tx, fact) => {
      await eraseFromStoredCopies(tx, EventRecord, ['data'], fact);
    });
  }

  /** Lets a module react to a domain fact in the transaction that raises it, in the order handlers registered. */
  on<T>(kind: FactKind<T>, handler: FactHandler<T>, stage: HandlerStage = 'rows'): void {
    const handlers = this.reactions.get(kind) ?? [];
    this.reactions.set(kind, [...handlers, { handler: handler as FactHandler<unknown>, stage }]);
  }

  /** Says that `fact` happened in this transaction: its handlers run before the transaction's events are written. */
  raise<T>(tx: Tx, kind: FactKind<T>, fact: T): void {
    this.stage(tx).facts.push({ kind, fact });
  }

  append(tx: Tx, event: NewEvent): void {
    this.stage(tx).events.push(event);
  }

  private stage(tx: Tx): Staged {
    let staged = this.staged.get(tx);
    if (!staged) {
      staged = { facts: [], events: [] };
      this.staged.set(tx, staged);
      tx.beforeCommit(() => this.write(tx));
    }
    return staged;
  }

  private async react(tx: Tx, { kind, fact }: Staged['facts'][number], stage: HandlerStage): Promise<void> {
    for (const handler of this.reactions.get(kind) ?? []) {
      if (handler.stage === stage) await handler.handler(tx, fact);
    }
  }

  private async write(tx: Tx): Promise<void> {
    const { facts, events } = this.staged.get(tx)!;
    // A handler may raise more facts and append more events: those are in the same arrays, handled in turn. Every
    // fact's row handlers run before the next counter handler, so a counter is never locked before a row.
    for (let rows = 0, counters = 0; counters < facts.length; counters++) {
      while (rows < facts.length) await this.react(tx, facts[rows++], 'rows');
      await this.react(tx, facts[counters], 'counters');
    }
    this.staged.delete(tx);
    if (events.length === 0) return;
    const occurredAt = this.clock.now();
    const records = events.map((event) =>
      Object.assign(new EventRecord(), {
        seq: 0,
        type: event.type,
        occurredAt,
        data: event.data,
        audience: event.audience,
      }),
    );
    await this.insertWithSeqs(tx, records);
    tx.afterCommit(() => {
      this.feed.committed(records);
      this.signal.announce(records[records.length - 1].seq);
    });
  }

  /**
   * Takes the next seqs from the counter row and inserts the records with them. On PostgreSQL both happen in one
   * statement, so the row lock (held to commit) is taken as late as possible.
   */
  private async insertWithSeqs(tx: Tx, records: EventRecord[]): Promise<void> {
    const take = 'UPDATE event_sequence SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq';
    this.database.locking(tx, LockKind.EventSequence);
    const numberUpTo = (last: number) =>
      records.forEach((record, i) => (record.seq = last - records.length + 1 + i));
    if (this.database.kind === 'sqlite') {
      const [{ last_seq: last }] = await tx.sql<{ last_seq: number }>(take, [records.length]);
      numberUpTo(last);
      await this.database.insertRows(tx, EventRecord, records);
      return;
    }
    // unnest … WITH ORDINALITY numbers the rows: row i gets last - n + i. Sent with COMMIT, not waited for: the
    // seqs are needed once the transaction has committed.
    await tx.write<{ last_seq: string }>(
      `WITH s AS (${take}), e AS (
         INSERT INTO events (seq, type, occurred_at, data, audience)
         SELECT s.last_seq - $1 + r.i, r.type, r.occurred_at, r.data, r.audience
         FROM s, unnest($2::varchar[], $3::timestamptz[], $4::text[], $5::text[])
           WITH ORDINALITY AS r(type, occurred_at, data, audience, i))
       SELECT last_seq FROM s`,
      [
        records.length,
        records.map((record) => record.type),
        records.map((record) => record.occurredAt),
        records.map((record) => JSON.stringify(record.data)),
        records.map((record) => JSON.stringify(record.audience)),
      ],
      ([{ last_seq: last }]) => numberUpTo(Number(last)),
    );
  }

  /** Committed events after `since`, oldest first. */
  after(since: number, limit: number): Promise<EventRecord[]> {
    return this.database.reader.find(EventRecord, {
      where: { seq: MoreThan(since) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }

  /** Both bounds in one statement, so they come from one snapshot. */
  async bounds(): Promise<LogBounds> {
    const [row] = await this.database.reader.query<
      Array<{ last_seq: string | number; oldest_seq: string | number | null }>
    >(
      'SELECT (SELECT last_seq FROM event_sequence WHERE id = 1) AS last_seq, (SELECT MIN(seq) FROM events) AS oldest_seq',
    );
    return {
      lastSeq: Number(row.last_seq),
      oldestSeq: row.oldest_seq === null ? null : Number(row.oldest_seq),
    };
  }

  /** Deletes events older than the retention period; answers how many went. */
  async prune(retentionMs: number): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - retentionMs);
    const result = await this.database.transaction(({ manager }) =>
      manager.delete(EventRecord, { occurredAt: LessThan(cutoff) }),
    );
    return result.affected ?? 0;
  }
}
