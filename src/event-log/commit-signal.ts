import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RedisConnections } from '../redis/redis-connections';
import { EventFeed } from './event-feed';

const CHANNEL = 'pos:events:committed';

/**
 * Tells the other instances that this one committed events, so that their feeds read them from the log at once
 * (without it, an instance learns of another's events only when its own next write shows a gap in the seqs). The
 * message only says "the log has grown to seq N": the log stays the truth, and a lost message delays, never loses,
 * an event (the next one, or the instance's own next write, fills the gap). A no-op without REDIS_URL.
 */
@Injectable()
export class CommitSignal implements OnApplicationBootstrap {
  private readonly logger = new Logger(CommitSignal.name);
  private readonly instance = randomUUID();
  /** The highest seq another instance has announced (or another deployment on the same Redis: it costs a read). */
  private announced = 0;
  private following: Promise<void> | null = null;

  constructor(
    private readonly redis: RedisConnections,
    private readonly feed: EventFeed,
  ) {}

  onApplicationBootstrap(): void {
    const subscriber = this.redis.subscriber;
    if (!subscriber) return;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === CHANNEL) this.heard(message);
    });
    // Not awaited: with Redis down the start must not wait for it. ioredis subscribes once connected, and again
    // after every reconnect; until then other instances' events arrive as gaps (the instance's own next write).
    subscriber.subscribe(CHANNEL).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'Subscribing to commit announcements failed');
    });
  }

  /** After a commit of this instance: its events up to `lastSeq` are in the log. */
  announce(lastSeq: number): void {
    this.redis.publisher?.publish(CHANNEL, `${this.instance} ${lastSeq}`).catch((error: unknown) => {
      this.logger.warn(
        { err: error },
        'Announcing a commit failed; other instances read it with the next one',
      );
    });
  }

  private heard(message: string): void {
    const [instance, seqText] = message.split(' ');
    const seq = Number(seqText);
    if (instance === this.instance || !Number.isSafeInteger(seq) || seq <= this.feed.position) return;
    this.announced = Math.max(this.announced, seq);
    this.following ??= this.follow().finally(() => (this.following = null));
  }

  /** Reads the log until the feed has passed every announced seq; a read that gets nowhere waits for the next. */
  private async follow(): Promise<void> {
    while (this.feed.position < this.announced) {
      const before = this.feed.position;
      await this.feed.catchUp();
      if (this.feed.position === before) return;
    }
  }
}
