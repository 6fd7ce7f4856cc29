import { Module } from '@nestjs/common';
import { HqSitesController } from './hq-sites.controller';
import { HqSitesService } from './hq-sites.service';

/**
 * Headquarters of a chain (POS_ROLE=hq): its sites, their groups, and each site's link. Its routes are in the one
 * OpenAPI document of both roles; a site answers them 404.
 */
@Module({
  controllers: [HqSitesController],
  providers: [HqSitesService],
})
export class HqModule {}
