import type { RateLimitRule, RateLimitVerdict } from './fixed-windows';

/**
 * Fixed-window counters: in Redis when REDIS_URL is set, so that every instance counts against the same windows;
 * in this process otherwise (one instance counts exactly). Ours, not @nestjs/throttler: a request counts against
 * several buckets at once (guest device and table, a key's minute, hour and day) and a refused one counts
 * against none, atomically; throttler's storage increments each throttler apart.
 */
export abstract class RateLimiter {
  /** Counts one hit against every bucket when all of them have room; a refused request counts against none. */
  abstract hit(rules: RateLimitRule[]): Promise<RateLimitVerdict>;
}
