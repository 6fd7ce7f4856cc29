import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import { Database } from '../database/database.service';
import { EventRecord } from './event-record.entity';

export type EventListener = (event: EventRecord) => void;

const BATCH = 500;

/**
 * The live tail of the event log. After a commit it reads every event past its cursor, in seq order, and hands each
 * to its listeners once. Reading the log rather than passing events along in memory makes the feed gap-free and
 * ordered by construction, whatever order transactions' after-commit callbacks run in.
 */
@Injectable()
export class EventFeed implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventFeed.name);
  private readonly listeners = new Set<EventListener>();
  private cursor = 0;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;

  constructor(private readonly database: Database) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ last_seq: lastSeq }] = await this.database.dataSource.query<
      Array<{ last_seq: string | number }>
    >('SELECT last_seq FROM event_sequence WHERE id = 1');
    this.cursor = Number(lastSeq);
  }

  /** Listeners must not throw and must not block: they run inline, one event at a time. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after a transaction that appended events has committed. Resolves once they were handed on. */
  committed(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
    });
    return this.pumping;
  }

  private async pump(): Promise<void> {
    do {
      this.pumpAgain = false;
      try {
        let batch: EventRecord[];
        do {
          batch = await this.database.transaction(({ manager }) =>
            manager.find(EventRecord, {
              where: { seq: MoreThan(this.cursor) },
              order: { seq: 'ASC' },
              take: BATCH,
            }),
          );
          for (const event of batch) {
            this.cursor = event.seq;
            for (const listener of this.listeners) listener(event);
          }
        } while (batch.length === BATCH);
      } catch (error) {
        // The next commit pumps again from the same cursor: nothing is skipped.
        this.logger.error({ err: error }, 'Reading the event log failed');
      }
    } while (this.pumpAgain);
  }
}
