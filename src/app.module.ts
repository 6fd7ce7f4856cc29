import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { HtmlPagesModule } from './common/html/html-pages.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DevicesModule } from './devices/devices.module';
import { DocumentsModule } from './documents/documents.module';
import { ENTITIES } from './entities';
import { EventLogModule } from './event-log/event-log.module';
import { RedisModule } from './redis/redis.module';
import { RealtimeModule } from './realtime/realtime.module';
import { FloorModule } from './floor/floor.module';
import { GuestsModule } from './guests/guests.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { KitchenModule } from './kitchen/kitchen.module';
import { WebhooksModule } from './integrations/webhooks/webhooks.module';
import { PrintersModule } from './printers/printers.module';
import { FiscalModule } from './fiscal/fiscal.module';
import { ApiKeyUsageModule } from './auth/api-keys/usage/api-key-usage.module';
import { MenuModule } from './menu/menu.module';
import { OrdersModule } from './orders/orders.module';
import { GiftCardsModule } from './guests/gift-cards/gift-cards.module';
import { PaymentsModule } from './payments/payments.module';
import { PickupBoardsModule } from './pickup-boards/pickup-boards.module';
import { PricingModule } from './pricing/pricing.module';
import { PublicModule } from './public/public.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { RestaurantModule } from './restaurant/restaurant.module';
import { ClientsModule } from './clients/clients.module';
import { ChannelsModule } from './channels/channels.module';
import { BusinessDaysModule } from './business-days/business-days.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ReportsModule } from './reports/reports.module';
import { ShiftsModule } from './shifts/shifts.module';
import { TimeClockModule } from './time-clock/time-clock.module';
import { JobsModule } from './jobs/jobs.module';
import { TipsModule } from './tips/tips.module';
import { SecurityModule } from './security/security.module';
import { AdminBootstrap } from './users/admin-bootstrap';
import { UsersModule } from './users/users.module';
import { TaxesModule } from './taxes/taxes.module';
import { DsfinvkModule } from './fiscal/dsfinvk/dsfinvk.module';
import { TerminalsModule } from './terminals/terminals.module';
import { HqModule } from './hq/hq.module';
import { SiteLinkModule } from './site-link/site-link.module';

/** Values that must never reach a log line, wherever they appear in a logged object. */
const REDACTED_PATHS = [
  'password',
  'pin',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  'authorization',
].flatMap((key) => [key, `*.${key}`]);

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        },
        // RequestObserver writes the one line per request (routed or not) itself; pino-http stays out of the way.
        forRoutes: [],
      }),
    }),
    ScheduleModule.forRoot(),
    CommonModule,
    HtmlPagesModule,
    RedisModule,
    DatabaseModule.forRoot(ENTITIES),
    EventLogModule,
    AuditModule,
    RestaurantModule,
    SecurityModule,
    UsersModule,
    AuthModule,
    FloorModule,
    TaxesModule,
    MenuModule,
    PricingModule,
    OrdersModule,
    KitchenModule,
    PaymentsModule,
    TerminalsModule,
    GiftCardsModule,
    ReceiptsModule,
    FiscalModule,
    DocumentsModule,
    GuestsModule,
    ReportsModule,
    ShiftsModule,
    TimeClockModule,
    JobsModule,
    TipsModule,
    IdempotencyModule,
    DevicesModule,
    ApiKeyUsageModule,
    RealtimeModule,
    WebhooksModule,
    ChannelsModule,
    PrintersModule,
    PickupBoardsModule,
    PublicModule,
    ClientsModule,
    BusinessDaysModule,
    DsfinvkModule,
    RateLimitModule,
    HealthModule,
    HqModule,
    SiteLinkModule,
  ],
  providers: [AdminBootstrap],
})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config)] };
  }
}
