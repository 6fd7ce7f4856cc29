import { Clock } from '../common/time/clock';
import { countHit, RateLimitRule, RateLimitVerdict, WindowCount } from './fixed-windows';
import { RateLimiter } from './rate-limiter';

const PRUNE_EVERY_MS = 10 * 60_000;

interface LocalCount extends WindowCount {
  windowSeconds: number;
}

/** The counters of a single instance, in its memory: exact for one instance, and free of round trips. */
export class InProcessRateLimiter extends RateLimiter {
  private readonly counts = new Map<string, LocalCount>();
  private prunedAt: number;

  constructor(private readonly clock: Clock) {
    super();
    this.prunedAt = clock.now().getTime();
  }

  hit(rules: RateLimitRule[]): Promise<RateLimitVerdict> {
    const now = this.clock.now();
    if (now.getTime() - this.prunedAt >= PRUNE_EVERY_MS) this.prune(now.getTime());
    const counters = rules.map((rule) => {
      let count = this.counts.get(rule.bucket);
      if (!count) {
        count = { windowStartedAt: now, hits: 0, windowSeconds: rule.windowSeconds };
        this.counts.set(rule.bucket, count);
      }
      return { count, rule };
    });
    return Promise.resolve(countHit(counters, now));
  }

  /** Forgets counters whose window has run out: they would start again from zero anyway. */
  private prune(now: number): void {
    this.prunedAt = now;
    for (const [bucket, count] of this.counts) {
      if (now - count.windowStartedAt.getTime() >= count.windowSeconds * 1000) this.counts.delete(bucket);
    }
  }
}
