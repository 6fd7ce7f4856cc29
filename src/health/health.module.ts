import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsService } from './metrics.service';
import { RequestObserver } from './request-observer';

@Module({
  controllers: [HealthController],
  providers: [MetricsService, RequestObserver],
  exports: [RequestObserver],
})
export class HealthModule {}
