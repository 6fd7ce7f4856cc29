import { Module } from '@nestjs/common';
import { BusinessDaysModule } from '../business-days/business-days.module';
import { ReportsModule } from '../reports/reports.module';
import { MenuModule } from '../menu/menu.module';
import { OrdersModule } from '../orders/orders.module';
import { PricingModule } from '../pricing/pricing.module';
import { TimeClockModule } from '../time-clock/time-clock.module';
import { TipsModule } from '../tips/tips.module';
import { UsersModule } from '../users/users.module';
import { CatalogPull } from './catalog-pull';
import { StaffPull } from './staff-pull';
import { SiteLinkController } from './site-link.controller';
import { LabourDays } from './labour-days';
import { SalesUpstream } from './sales-upstream';
import { SiteLinkService } from './site-link.service';

/**
 * A site's link to its headquarters (POS_ROLE=site, the default): linked once by an admin, then in contact on
 * its own, sending its sales facts up as they happen (SalesUpstream) and applying the catalog headquarters publishes
 * (CatalogPull) and its staff directory (StaffPull). Its route is in the one OpenAPI document of both roles; headquarters answers it 404.
 */
@Module({
  imports: [
    OrdersModule,
    MenuModule,
    PricingModule,
    UsersModule,
    ReportsModule,
    BusinessDaysModule,
    TimeClockModule,
    TipsModule,
  ],
  controllers: [SiteLinkController],
  providers: [SiteLinkService, SalesUpstream, CatalogPull, StaffPull, LabourDays],
})
export class SiteLinkModule {}
