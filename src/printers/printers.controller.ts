import { Body, Controller, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { resourceRoutes } from '../common/http/resource-routes';
import { Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreatePrinterInput, UpdatePrinterInput } from './dto/printer.inputs';
import { PrintJobView } from './dto/print-job.views';
import { PrinterView } from './dto/printer.views';
import { PrintJobsService } from './print-jobs.service';
import { PrintersService } from './printers.service';

const INVALID_PRINTER =
  'VALIDATION_ERROR naming the field: a width other than 32/42/48, an unknown station, stations on a receipt ' +
  'printer, a tcp connection without host or port, a backup that is unknown, the printer itself or closes a cycle';

const PrinterRoute = resourceRoutes('printer', PrinterView);

@ApiTags('printers')
@Roles(Role.Admin)
@Controller('printers')
export class PrintersController {
  constructor(
    private readonly printers: PrintersService,
    private readonly jobs: PrintJobsService,
  ) {}

  @PrinterRoute.list('List printers, by name')
  list(@Query() query: PageQuery): Promise<Page<PrinterView>> {
    return this.printers.list(query);
  }

  @PrinterRoute.create(
    {
      summary: 'Add a printer: a network (tcp) or agent printer, for receipts or for stations',
      invalid: INVALID_PRINTER,
    },
    Idempotent(),
  )
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreatePrinterInput): Promise<PrinterView> {
    return this.printers.create(principal, input);
  }

  @PrinterRoute.read('Read a printer, with its outage if it has one')
  get(@Param('id') id: string): Promise<PrinterView> {
    return this.printers.get(id);
  }

  @PrinterRoute.update({
    summary: 'Change a printer: name, kind, connection, width, stations, backup, active',
    invalid: INVALID_PRINTER,
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdatePrinterInput,
  ): Promise<PrinterView> {
    return this.printers.update(principal, id, input);
  }

  @Post(':id/test-print')
  @Idempotent()
  @ApiOperation({
    summary: 'Print a test page: the printer’s name, width and the time, a full-width line, € and umlauts',
    description:
      'On a receipt or a kitchen printer, to check it before service. Answers the print job (kind `report`).',
  })
  @ApiCreatedResponse({ type: PrintJobView })
  @ApiNotFound('printer')
  @ApiConflictResponse({ type: ErrorBody, description: 'INVALID_TRANSITION: the printer is inactive' })
  testPrint(@Param('id') id: string): Promise<PrintJobView> {
    return this.jobs.printTestPage(id);
  }

  @PrinterRoute.remove({
    summary: 'Delete a printer with its print jobs',
    conflict: 'the printer is the backup of another',
  })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.printers.remove(principal, id);
  }
}
