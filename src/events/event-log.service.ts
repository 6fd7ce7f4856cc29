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
 * `seq` comes from a one-row counter that the append updates: on PostgreSQL its row lock is held until commit, so
 * appends are serialised, seqs become visible in order, and a rolled-back transaction gives its number back.
 */
@Injectable()
export class EventLog {
  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
    private readonly clock: Clock,
  ) {}

  async append(tx: Tx, event: NewEvent): Promise<EventRecord> {
    await tx.manager.query('UPDATE event_sequence SET last_seq = last_seq + 1 WHERE id = 1');
    const [{ last_seq: seq }] = await tx.manager.query<Array<{ last_seq: string | number }>>(
      'SELECT last_seq FROM event_sequence WHERE id = 1',
    );
    const record = tx.manager.create(EventRecord, {
      seq: Number(seq),
      type: event.type,
      occurredAt: this.clock.now(),
      data: event.data,
      audience: event.audience,
    });
    await this.database.insertNew(tx.manager, EventRecord, record);
    tx.afterCommit(() => this.feed.committed(record));
    return record;
  }

  /** Events after `since`, oldest first; read through the write queue on SQLite so nothing uncommitted shows. */
  after(since: number, limit: number): Promise<EventRecord[]> {
    return this.database.transaction(({ manager }) =>
      manager.find(EventRecord, { where: { seq: MoreThan(since) }, order: { seq: 'ASC' }, take: limit }),
    );
  }

  bounds(): Promise<LogBounds> {
    return this.database.transaction(async ({ manager }) => {
      const [{ last_seq: lastSeq }] = await manager.query<Array<{ last_seq: string | number }>>(
        'SELECT last_seq FROM event_sequence WHERE id = 1',
      );
      const oldest = await manager.find(EventRecord, { order: { seq: 'ASC' }, take: 1 });
      return { lastSeq: Number(lastSeq), oldestSeq: oldest[0]?.seq ?? null };
    });
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
