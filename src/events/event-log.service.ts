import { Injectable } from '@nestjs/common';
import { LessThan, MoreThan } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import type { Audience } from './audience';
import { EventFeed } from './event-feed';
import { EventRecord } from './event-record.entity';
import { EventType } from './event-type';

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

/**
 * Appends events inside the transaction that makes the change, so an event exists if and only if its change does.
 * A transaction's events are written together just before it commits: one UPDATE of the one-row seq counter
 * (on PostgreSQL its row lock, held until commit, serialises appends, so seqs become visible in order and a
 * rolled-back transaction gives its numbers back) and one INSERT. Taking that lock last keeps it short.
 */
@Injectable()
export class EventLog {
  private readonly staged = new WeakMap<Tx, NewEvent[]>();

  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
    private readonly clock: Clock,
  ) {}

  append(tx: Tx, event: NewEvent): void {
    const staged = this.staged.get(tx);
    if (staged) {
      staged.push(event);
    } else {
      this.staged.set(tx, [event]);
      tx.beforeCommit(() => this.write(tx));
    }
  }

  private async write(tx: Tx): Promise<void> {
    const events = this.staged.get(tx) ?? [];
    this.staged.delete(tx);
    const [{ last_seq: last }] = await tx.sql<{ last_seq: string | number }>(
      'UPDATE event_sequence SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq',
      [events.length],
    );
    const first = Number(last) - events.length + 1;
    const occurredAt = this.clock.now();
    const records = events.map((event, i) =>
      Object.assign(new EventRecord(), {
        seq: first + i,
        type: event.type,
        occurredAt,
        data: event.data,
        audience: event.audience,
      }),
    );
    await this.database.insertRows(tx, EventRecord, records);
    tx.afterCommit(() => this.feed.committed(records));
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
