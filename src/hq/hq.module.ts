import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { HqCatalogController } from './catalog/hq-catalog.controller';
import { HqCatalogService } from './catalog/hq-catalog.service';
import { HqOverridesService } from './catalog/hq-overrides.service';
import { HqPublicationsService } from './catalog/hq-publications.service';
import { HqStaffController } from './staff/hq-staff.controller';
import { HqStaffService } from './staff/hq-staff.service';
import { HqLabourReportController } from './hq-labour-report.controller';
import { HqLabourReportService } from './hq-labour-report.service';
import { HqLiveBoard } from './hq-live-board';
import { HqMixReportsController } from './hq-mix-reports.controller';
import { HqMixReportsService } from './hq-mix-reports.service';
import { HqReportsService } from './hq-reports.service';
import { HqSalesController } from './hq-sales.controller';
import { HqSalesMix } from './hq-sales-mix';
import { HqSalesService } from './hq-sales.service';
import { HqSitesController } from './hq-sites.controller';
import { HqSitesService } from './hq-sites.service';

/**
 * Headquarters of a chain (POS_ROLE=hq): its sites, their groups, each site's link, and every site's sales facts
 * with the reports over them. Its routes are in the one OpenAPI document of both roles; a site answers them 404.
 */
@Module({
  imports: [UsersModule],
  controllers: [
    HqSitesController,
    HqSalesController,
    HqMixReportsController,
    HqLabourReportController,
    HqCatalogController,
    HqStaffController,
  ],
  providers: [
    HqSitesService,
    HqSalesService,
    HqReportsService,
    HqSalesMix,
    HqMixReportsService,
    HqLabourReportService,
    HqLiveBoard,
    HqCatalogService,
    HqOverridesService,
    HqPublicationsService,
    HqStaffService,
  ],
})
export class HqModule {}
