import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { HqMixReportQuery, HqPeriodQuery } from './dto/hq-mix-report.inputs';
import {
  HqCashShiftsView,
  HqDishReportView,
  HqPaymentMethodsReportView,
  HqTaxReportView,
  HqZReportsView,
} from './dto/hq-mix-report.views';
import { HqMixReportsService } from './hq-mix-reports.service';
import { OnlyInRole } from './only-in-role';

const PERIOD_REFUSED = 'VALIDATION_ERROR naming from or to: not a day, from after to, or more than 366 days';
const EQUALS_SITE =
  'Once a site’s facts have arrived (GET /hq/sites shows its sales cursor), its figures equal that site’s own ' +
  'report for the same days. Filter by siteId or groupId; groupBy=site or day for a row per site or day. ' +
  'Currencies are never added up.';

/** Headquarters' product mix, payment-method and tax reports over every site, and each site's Z reports. */
@ApiTags('headquarters')
@OnlyInRole('hq')
@Controller('hq')
export class HqMixReportsController {
  constructor(private readonly reports: HqMixReportsService) {}

  @Get('reports/dishes')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'The sites’ dishes and modifier options sold: quantity and revenue, in each site’s days and currency',
    description: `As GET /reports/dishes counts them, dishes by name and variation. ${EQUALS_SITE}`,
  })
  @ApiOkResponse({ type: HqDishReportView })
  @ApiNotFound('site or site group')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: PERIOD_REFUSED })
  dishes(@Query() query: HqMixReportQuery): Promise<HqDishReportView> {
    return this.reports.dishes(query);
  }

  @Get('reports/payment-methods')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'The sites’ payments, refunds, change and tips per payment method, in each site’s days and currency',
    description: `As GET /reports/payment-methods counts them, methods by name and kind. ${EQUALS_SITE}`,
  })
  @ApiOkResponse({ type: HqPaymentMethodsReportView })
  @ApiNotFound('site or site group')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: PERIOD_REFUSED })
  paymentMethods(@Query() query: HqMixReportQuery): Promise<HqPaymentMethodsReportView> {
    return this.reports.paymentMethods(query);
  }

  @Get('reports/taxes')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'The sites’ net, tax and gross per tax rate, in each site’s days and currency',
    description: `As GET /reports/taxes counts them (the tax ledger), rates by name and percent. ${EQUALS_SITE}`,
  })
  @ApiOkResponse({ type: HqTaxReportView })
  @ApiNotFound('site or site group')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: PERIOD_REFUSED })
  taxes(@Query() query: HqMixReportQuery): Promise<HqTaxReportView> {
    return this.reports.taxes(query);
  }

  @Get('sites/:id/z-reports')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'A site’s Z reports of a period, as the site stored them at each close',
    description:
      'Each came with the site’s `day_closed` fact: the same content as the site’s GET /business-days/{day}/z-report.',
  })
  @ApiOkResponse({ type: HqZReportsView })
  @ApiNotFound('site')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: PERIOD_REFUSED })
  zReports(@Param('id') id: string, @Query() query: HqPeriodQuery): Promise<HqZReportsView> {
    return this.reports.zReports(id, query);
  }

  @Get('sites/:id/cash-shifts')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'A site’s drawer shifts of a period, as the site counted and closed them',
    description:
      'Each came with the site’s `cash_shift_closed` fact: the same content as the site’s GET /shifts/{id}; ' +
      'shifts by the business day they opened on, with totals per currency.',
  })
  @ApiOkResponse({ type: HqCashShiftsView })
  @ApiNotFound('site')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: PERIOD_REFUSED })
  cashShifts(@Param('id') id: string, @Query() query: HqPeriodQuery): Promise<HqCashShiftsView> {
    return this.reports.cashShifts(id, query);
  }
}
