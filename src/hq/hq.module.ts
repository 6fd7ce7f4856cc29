import { Module } from '@nestjs/common';
import { HqLiveBoard } from './hq-live-board';
import { HqReportsService } from './hq-reports.service';
import { HqSalesController } from './hq-sales.controller';
import { HqSalesService } from './hq-sales.service';
import { HqSitesController } from './hq-sites.controller';
import { HqSitesService } from './hq-sites.service';

/**
 * Headquarters of a chain (POS_ROLE=hq): its sites, their groups, each site's link, and every site's sales facts
 * with the reports over them. Its routes are in the one OpenAPI document of both roles; a site answers them 404.
 */
@Module({
  controllers: [HqSitesController, HqSalesController],
  providers: [HqSitesService, HqSalesService, HqReportsService, HqLiveBoard],
})
export class HqModule {}
