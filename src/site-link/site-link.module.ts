import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { SiteLinkController } from './site-link.controller';
import { SalesUpstream } from './sales-upstream';
import { SiteLinkService } from './site-link.service';

/**
 * A site's link to its headquarters (POS_ROLE=site, the default): linked once by an admin, then in contact on
 * its own, sending its sales facts up as they happen (SalesUpstream). Its route is in the one OpenAPI document of both roles; headquarters answers it 404.
 */
@Module({
  imports: [OrdersModule],
  controllers: [SiteLinkController],
  providers: [SiteLinkService, SalesUpstream],
})
export class SiteLinkModule {}
