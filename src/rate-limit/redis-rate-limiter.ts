import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { Clock } from '../common/time/clock';
import { RateLimitRule, RateLimitVerdict, verdictOf } from './fixed-windows';
import { InProcessRateLimiter } from './in-process-rate-limiter';
import { RateLimiter } from './rate-limiter';

const KEY_PREFIX = 'pos:rate-limit:';

/**
 * countHit's rule, run by Redis as one script so that two instances counting the same bucket cannot interleave.
 * KEYS: the buckets. ARGV: now (ms, the service's clock, so that tests can move it), then each bucket's limit and
 * window (ms). A bucket is a hash {start, hits}; it expires a window after its last hit (its window has run out by
 * then). Answers allowed (1 or 0), then each bucket's window start and hits after this request.
 */
const HIT_SCRIPT = `
local now = tonumber(ARGV[1])
local starts, hits = {}, {}
local allowed = 1
for i, key in ipairs(KEYS) do
  local limit, window = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local stored = redis.call('HMGET', key, 'start', 'hits')
  local start, count = tonumber(stored[1]), tonumber(stored[2])
  if not start or now - start >= window then start, count = now, 0 end
  if count >= limit then allowed = 0 end
  starts[i], hits[i] = start, count
end
local reply = { allowed }
for i, key in ipairs(KEYS) do
  hits[i] = hits[i] + allowed
  redis.call('HSET', key, 'start', string.format('%d', starts[i]), 'hits', hits[i])
  redis.call('PEXPIRE', key, ARGV[2 * i + 1])
  reply[2 * i], reply[2 * i + 1] = starts[i], hits[i]
end
return reply
`;

interface WithHitScript {
  rateLimitHit(keyCount: number, ...keysAndArgs: Array<string | number>): Promise<number[]>;
}

/**
 * The counters of several instances, in Redis: every instance counts against the same windows. While Redis cannot
 * answer (its connection fails fast rather than queueing), each instance counts in its own memory, so limits
 * loosen to one share per instance instead of every request waiting for Redis or being refused.
 */
export class RedisRateLimiter extends RateLimiter {
  private readonly logger = new Logger(RedisRateLimiter.name);
  private readonly redis: Redis & WithHitScript;
  private readonly fallback: InProcessRateLimiter;
  private failing = false;

  constructor(
    redis: Redis,
    private readonly clock: Clock,
  ) {
    super();
    redis.defineCommand('rateLimitHit', { lua: HIT_SCRIPT });
    this.redis = redis as Redis & WithHitScript;
    this.fallback = new InProcessRateLimiter(clock);
  }

  async hit(rules: RateLimitRule[]): Promise<RateLimitVerdict> {
    const now = this.clock.now();
    const args = rules.flatMap((rule) => [rule.limit, rule.windowSeconds * 1000]);
    let reply: number[];
    try {
      reply = await this.redis.rateLimitHit(
        rules.length,
        ...rules.map((rule) => KEY_PREFIX + rule.bucket),
        now.getTime(),
        ...args,
      );
    } catch (error) {
      if (!this.failing)
        this.logger.warn({ err: error }, 'Redis is unreachable: counting rate limits locally');
      this.failing = true;
      return this.fallback.hit(rules);
    }
    if (this.failing) this.logger.log('Redis answers again: counting rate limits in Redis');
    this.failing = false;
    const counters = rules.map((rule, i) => ({
      rule,
      count: { windowStartedAt: new Date(reply[2 * i + 1]), hits: reply[2 * i + 2] },
    }));
    return verdictOf(counters, reply[0] === 1, now);
  }
}
