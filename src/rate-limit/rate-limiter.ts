import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { LessThan } from 'typeorm';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { RateLimitBucket } from './rate-limit-bucket.entity';

/** One counter that a request counts against, with its own limit per window. */
export interface RateLimitBucketRule {
  bucket: string;
  limit: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

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
  hit(rules: RateLimitBucketRule[], windowSeconds: number): Promise<RateLimitVerdict> {
    const now = this.clock.now();
    const windowMs = windowSeconds * 1000;
    return this.database.transaction(async ({ manager }) => {
      const counters = [];
      for (const { bucket, limit } of rules) {
        const row = await this.database.lockedRow(
          manager,
          RateLimitBucket,
          { bucket },
          { bucket, windowStartedAt: now, hits: 0 },
        );
        if (now.getTime() - row.windowStartedAt.getTime() >= windowMs) {
          row.windowStartedAt = now;
          row.hits = 0;
        }
        counters.push({ row, limit });
      }
      const allowed = counters.every(({ row, limit }) => row.hits < limit);
      if (allowed) {
        for (const { row } of counters) row.hits += 1;
      }
      await manager.save(counters.map(({ row }) => row));
      const verdicts = counters.map(({ row, limit }) => ({
        allowed: row.hits <= limit && allowed,
        limit,
        remaining: Math.max(0, limit - row.hits),
        resetSeconds: Math.ceil((row.windowStartedAt.getTime() + windowMs - now.getTime()) / 1000),
      }));
      return verdicts.reduce((tightest, verdict) =>
        verdict.remaining < tightest.remaining ? verdict : tightest,
      );
    });
  }

  /** Forgets windows that started longer ago than `olderThanMs` (every rule's window is shorter). */
  @Interval(PRUNE_EVERY_MS)
  async prune(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - PRUNE_EVERY_MS);
    await this.database.transaction(({ manager }) =>
      manager.delete(RateLimitBucket, { windowStartedAt: LessThan(cutoff) }),
    );
  }
}
