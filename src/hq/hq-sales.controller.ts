import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ErrorBody } from '../common/errors/error-body';
import { ZodBody } from '../common/http/zod-body';
import { HqSalesReportQuery } from './dto/hq-sales.inputs';
import { HqLiveView, HqSalesReportView, SalesFactsReceiptView } from './dto/hq-sales.views';
import { HqLiveBoard } from './hq-live-board';
import { MAX_FACTS_PER_BATCH, SalesFactsInput, salesFactsInput } from './dto/sales-facts.inputs';
import { HqReportsService } from './hq-reports.service';
import { HqSalesService } from './hq-sales.service';
import { OnlyInRole } from './only-in-role';
import { SiteCredentialAccess } from './site-credential-access';

@ApiTags('headquarters')
@OnlyInRole('hq')
@Controller('hq')
export class HqSalesController {
  constructor(
    private readonly sales: HqSalesService,
    private readonly reports: HqReportsService,
    private readonly liveBoard: HqLiveBoard,
  ) {}

  @Post('sales-facts')
  @HttpCode(200)
  @SiteCredentialAccess()
  @ApiOperation({
    summary:
      'A linked site sends the next sales facts of its event log: each is kept once by (site, stream, seq)',
    description:
      `Called by the site's service, not by a person: up to ${MAX_FACTS_PER_BATCH} facts in its log's order, ` +
      'sent again until answered, with its database’s stream (a database replaced and linked again starts a ' +
      'new one, its seqs afresh). A fact headquarters holds already is dropped and counted as repeated; one ' +
      'held with other content refuses the batch (409). Each fact is checked at the door: the site’s ' +
      'currency, its type’s figures as the site’s reports count them, each seq once in the batch.',
  })
  @ApiBody({ schema: { $ref: '#/components/schemas/SalesFactsInput' } })
  @ApiOkResponse({ type: SalesFactsReceiptView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR naming the fact’s field: out of shape, not the site’s currency, figures no site ' +
      'sends for its type, a seq twice in the batch',
  })
  @ApiConflictResponse({
    type: ErrorBody,
    description:
      'CONFLICT naming facts[i] (seq n): headquarters holds another fact at that seq of the stream',
  })
  receive(
    @Headers('x-site-credential') credential: string | undefined,
    @Body(new ZodBody(salesFactsInput)) input: SalesFactsInput,
  ): Promise<SalesFactsReceiptView> {
    return this.sales.receive(credential, input);
  }

  @Get('live')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Every site’s sales of its current business day, in its currency: the live board',
    description:
      'Each change of a site’s row reaches managers’ and admins’ sockets as an hq.site_sales event with the ' +
      'row: facts from the site arrived, or its day began.',
  })
  @ApiOkResponse({ type: HqLiveView })
  live(): Promise<HqLiveView> {
    return this.liveBoard.board();
  }

  @Get('reports/sales')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'Every site’s sales, by site, group, day or channel, in each site’s business days and currency',
    description:
      'Sums of the facts the sites sent: a site’s row equals its own GET /reports/sales for the same days once ' +
      'its facts have arrived (GET /hq/sites shows each site’s sales cursor). Currencies are never added up.',
  })
  @ApiOkResponse({ type: HqSalesReportView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR naming from or to: not a day, from after to, or more than 366 days',
  })
  salesReport(@Query() query: HqSalesReportQuery): Promise<HqSalesReportView> {
    return this.reports.sales(query);
  }
}
