import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { RedisConnections } from '../redis/redis-connections';
import { InProcessRateLimiter } from './in-process-rate-limiter';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter';
import { RedisRateLimiter } from './redis-rate-limiter';

@Global()
@Module({
  providers: [
    {
      provide: RateLimiter,
      inject: [RedisConnections, Clock],
      useFactory: (redis: RedisConnections, clock: Clock): RateLimiter => {
        const counters = redis.open('counters', { enableOfflineQueue: false, commandTimeout: 1000 });
        return counters ? new RedisRateLimiter(counters, clock) : new InProcessRateLimiter(clock);
      },
    },
    RateLimitGuard,
  ],
  exports: [RateLimiter, RateLimitGuard],
})
export class RateLimitModule {}
