/**
 * The two stores of the fixed-window rule give the same verdicts: in this process always, in Redis when REDIS_URL
 * is set (as `.ci/run` does for its PostgreSQL run). The Redis store is also counted by two limiters on two
 * connections at once, as two instances would.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Clock } from '../common/time/clock';
import { RateLimitRule } from './fixed-windows';
import { InProcessRateLimiter } from './in-process-rate-limiter';
import { RateLimiter } from './rate-limiter';
import { RedisRateLimiter } from './redis-rate-limiter';

class MovableClock extends Clock {
  private offsetMs = 0;
  override now(): Date {
    return new Date(Date.UTC(2026, 10, 23, 12) + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const redisUrl = process.env.REDIS_URL;
const connections: Redis[] = [];
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.quit()));
});

const redisLimiter = (clock: Clock): RateLimiter => {
  const connection = new Redis(redisUrl!, { enableOfflineQueue: true });
  connections.push(connection);
  return new RedisRateLimiter(connection, clock);
};

const stores: Array<[string, ((clock: Clock) => RateLimiter) | null]> = [
  ['in this process', (clock) => new InProcessRateLimiter(clock)],
  ['in Redis', redisUrl ? redisLimiter : null],
];

describe.each(stores)('Rate-limit windows %s', (store, makeLimiter) => {
  const runs = makeLimiter ? it : it.skip;
  let clock: MovableClock;
  let limiter: RateLimiter;
  // Buckets unique to each test, so that runs against one Redis never share a window.
  const rule = (limit: number, windowSeconds: number): RateLimitRule => ({
    bucket: `spec:${randomUUID()}`,
    limit,
    windowSeconds,
  });

  beforeEach(() => {
    clock = new MovableClock();
    limiter = makeLimiter?.(clock) as RateLimiter;
  });

  runs('counts up to the limit, then refuses until the window has run out', async () => {
    const minute = rule(3, 60);
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.hit([minute]));
    expect(verdicts.map((v) => [v.allowed, v.remaining, v.limit])).toEqual([
      [true, 2, 3],
      [true, 1, 3],
      [true, 0, 3],
      [false, 0, 3],
    ]);
    clock.advance(59_000);
    const late = await limiter.hit([minute]);
    expect(late).toMatchObject({ allowed: false, resetSeconds: 1 });
    clock.advance(1_000);
    expect(await limiter.hit([minute])).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
  });

  runs('counts a refused request against no bucket, and answers the tightest one', async () => {
    const device = rule(1, 60);
    const table = rule(5, 600);
    expect(await limiter.hit([device, table])).toMatchObject({ allowed: true, remaining: 0, limit: 1 });
    expect(await limiter.hit([device, table])).toMatchObject({ allowed: false, limit: 1 });
    const otherDevice = rule(1, 60);
    expect(await limiter.hit([otherDevice, table])).toMatchObject({ allowed: true, remaining: 0, limit: 1 });
    expect(await limiter.hit([rule(10, 60), table])).toMatchObject({ allowed: true, remaining: 2, limit: 5 });
  });

  runs('admits exactly the limit out of many concurrent requests', async () => {
    const shared = rule(20, 60);
    const others = makeLimiter!(clock);
    const verdicts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? limiter : others).hit([shared])),
    );
    // In this process two limiters are two instances that count apart; in Redis they count together.
    const expected = store === 'in Redis' ? 20 : 40;
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(expected);
  });
});
