import { Module } from '@nestjs/common';
import { ApiKeyUsageModule } from '../auth/api-keys/usage/api-key-usage.module';
import { HealthController } from './health.controller';
import { HomePageController } from './home-page.controller';
import { MetricsService } from './metrics.service';
import { RequestObserver } from './request-observer';

@Module({
  imports: [ApiKeyUsageModule],
  controllers: [HealthController, HomePageController],
  providers: [MetricsService, RequestObserver],
  exports: [RequestObserver],
})
export class HealthModule {}
