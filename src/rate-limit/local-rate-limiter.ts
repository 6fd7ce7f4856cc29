import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '../common/time/clock';
import { countHit, RateLimitRule, RateLimitVerdict, WindowCount } from './fixed-windows';

const PRUNE_EVERY_MS = 10 * 60_000;

interface LocalCount extends WindowCount {
  windowSeconds: number;
}

/**
 * The same fixed windows as RateLimiter, counted in this process: for limits checked on every request of a hot
 * path (API keys), where a database write per request would cost more than the request. One instance counts
 * them exactly; several instances each count their own share until the counters move to Redis.
 */
@Injectable()
export class LocalRateLimiter {
  private readonly counts = new Map<string, LocalCount>();

  constructor(private readonly clock: Clock) {}

  hit(rules: RateLimitRule[]): RateLimitVerdict {
    const now = this.clock.now();
    const counters = rules.map((rule) => {
      let count = this.counts.get(rule.bucket);
      if (!count) {
        count = { windowStartedAt: now, hits: 0, windowSeconds: rule.windowSeconds };
        this.counts.set(rule.bucket, count);
      }
      return { count, rule };
    });
    return countHit(counters, now);
  }

  /** Forgets counters whose window has run out: they would start again from zero anyway. */
  @Interval(PRUNE_EVERY_MS)
  prune(): void {
    const now = this.clock.now().getTime();
    for (const [bucket, count] of this.counts) {
      if (now - count.windowStartedAt.getTime() >= count.windowSeconds * 1000) this.counts.delete(bucket);
    }
  }
}
