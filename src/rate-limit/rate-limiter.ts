import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { LessThan } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { countHit, RateLimitRule, RateLimitVerdict } from './fixed-windows';
import { RateLimitBucket } from './rate-limit-bucket.entity';

const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Fixed-window counters kept in the database, shared by every instance; windows over an hour old are pruned hourly.
 * Ours, not @nestjs/throttler: a request counts against several buckets at once (guest device and table) and a
 * refused one counts against none, in one transaction; throttler's storage increments each throttler apart.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit against every bucket when all of them have room; a refused request counts against none. */
  hit(rules: RateLimitRule[]): Promise<RateLimitVerdict> {
    const now = this.clock.now();
    return this.database.transaction(async ({ manager }) => {
      const counters = [];
      for (const rule of rules) {
        const count = await this.database.lockedRow(
          manager,
          RateLimitBucket,
          { bucket: rule.bucket },
          { bucket: rule.bucket, windowStartedAt: now, hits: 0 },
        );
        counters.push({ count, rule });
      }
      const verdict = countHit(counters, now);
      await manager.save(counters.map(({ count }) => count));
      return verdict;
    });
  }

  /** Forgets windows that started over an hour ago (every rule's window is shorter). */
  @Interval(PRUNE_EVERY_MS)
  async prune(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - PRUNE_EVERY_MS);
    await this.database.transaction(({ manager }) =>
      manager.delete(RateLimitBucket, { windowStartedAt: LessThan(cutoff) }),
    );
  }
}
