import { Global, Module } from '@nestjs/common';
import { LocalRateLimiter } from './local-rate-limiter';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter';

@Global()
@Module({
  providers: [RateLimiter, LocalRateLimiter, RateLimitGuard],
  exports: [RateLimiter, LocalRateLimiter, RateLimitGuard],
})
export class RateLimitModule {}
