import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentStaff, Roles } from '../common/access/access.decorators';
import type { StaffPrincipal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { BusinessDaysService } from './business-days.service';
import { BusinessDayParams, CloseBusinessDayInput, ZReportQuery } from './dto/business-day.inputs';
import { BusinessDayCloseView, OpenOrdersConflictView, ZReportView } from './dto/business-day.views';

@ApiTags('business-days')
@ApiExtraModels(OpenOrdersConflictView)
@Roles(Role.Manager, Role.Admin)
@Controller('business-days')
export class BusinessDaysController {
  constructor(private readonly businessDays: BusinessDaysService) {}

  @Post('close')
  @Idempotent()
  @ApiOperation({
    summary: 'Close a business day and write its numbered Z report',
    description:
      'Refused (409) while an order of the day is neither closed nor cancelled (error.details.openOrders names ' +
      'them) or a cash-drawer shift of the day is open, and for a day closed already. The reply is the Z report, ' +
      'which GET /business-days/{day}/z-report answers byte for byte from then on. Orders created later on the ' +
      'same business day are in the live reports, never in its Z report.',
  })
  @ApiCreatedResponse({ type: ZReportView })
  @ApiConflictResponse({
    type: ErrorBody,
    description:
      'CONFLICT: orders or a cash drawer still open, or the day closed already; CASH_NOT_COUNTED: cash was ' +
      'taken and no drawer counted (send uncountedCashConfirmed: true once the manager confirms)',
  })
  close(@CurrentStaff() actor: StaffPrincipal, @Body() input: CloseBusinessDayInput): Promise<ZReportView> {
    return this.businessDays.close(actor, input);
  }

  @Get()
  @ApiOperation({ summary: 'Closed business days, latest Z number first' })
  @ApiPageResponse(BusinessDayCloseView)
  list(@Query() query: PageQuery): Promise<Page<BusinessDayCloseView>> {
    return this.businessDays.list(query);
  }

  @Get(':day/z-report')
  @ApiOperation({
    summary: 'The Z report of a closed business day, as JSON or CSV (the same bytes every time), or as a PDF',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({
    type: ZReportView,
    description:
      'JSON; with ?format=csv RFC 4180 CSV in long form; with ?format=pdf the same figures as an A4 PDF, ' +
      "in ?lang= or the restaurant's language",
  })
  @ApiNotFound('Z report (the day is not closed)')
  async zReport(
    @Param() params: BusinessDayParams,
    @Query() query: ZReportQuery,
    @Res() response: Response,
  ): Promise<void> {
    const format = query.format ?? 'json';
    if (format === 'pdf') {
      const pdf = await this.businessDays.zReportPdf(params.day, query.lang);
      response.setHeader('Content-Disposition', `attachment; filename="z-report-${params.day}.pdf"`);
      response.type('application/pdf').send(pdf);
      return;
    }
    const text = await this.businessDays.zReport(params.day, format);
    if (format === 'csv') {
      response.type('text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="z-report-${params.day}.csv"`);
    } else {
      response.type('application/json; charset=utf-8');
    }
    response.send(text);
  }
}
