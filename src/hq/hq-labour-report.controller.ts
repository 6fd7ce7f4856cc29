import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { HqMixReportQuery } from './dto/hq-mix-report.inputs';
import { HqLabourReportView } from './dto/hq-labour-report.views';
import { HqLabourReportService } from './hq-labour-report.service';
import { OnlyInRole } from './only-in-role';

/** Headquarters' labour and tips per site. */
@ApiTags('headquarters')
@OnlyInRole('hq')
@Controller('hq')
export class HqLabourReportController {
  constructor(private readonly reports: HqLabourReportService) {}

  @Get('reports/labour')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'The sites’ hours, labour cost, labour percent of sales and tips, in each site’s days and currency',
    description:
      'From the sites’ `labour_days` facts (each day as the site last sent it: a correction supersedes) beside ' +
      'headquarters’ own sales figures. Once a site’s facts have arrived and its shifts are clocked out, its ' +
      'figures equal its own GET /reports/labour (and its tips its GET /reports/tips, every person added up) for ' +
      'the same days. Filter by siteId or groupId; groupBy=site or day for a row per site or day. Currencies are ' +
      'never added up.',
  })
  @ApiOkResponse({ type: HqLabourReportView })
  @ApiNotFound('site or site group')
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR naming from or to: not a day, from after to, or more than 366 days',
  })
  labour(@Query() query: HqMixReportQuery): Promise<HqLabourReportView> {
    return this.reports.labour(query);
  }
}
