import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreatePrinterInput, UpdatePrinterInput } from './dto/printer.inputs';
import { PrinterView } from './dto/printer.views';
import { PrintersService } from './printers.service';

const INVALID_PRINTER =
  'VALIDATION_ERROR naming the field: a width other than 32/42/48, an unknown station, stations on a receipt ' +
  'printer, a tcp connection without host or port, a backup that is unknown, the printer itself or closes a cycle';

@ApiTags('printers')
@Roles(Role.Admin)
@Controller('printers')
export class PrintersController {
  constructor(private readonly printers: PrintersService) {}

  @Get()
  @ApiOperation({ summary: 'List printers, by name' })
  @ApiPageResponse(PrinterView)
  list(@Query() query: PageQuery): Promise<Page<PrinterView>> {
    return this.printers.list(query);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Add a printer: a network (tcp) or agent printer, for receipts or for stations' })
  @ApiCreatedResponse({ type: PrinterView })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: INVALID_PRINTER })
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreatePrinterInput): Promise<PrinterView> {
    return this.printers.create(principal, input);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a printer, with its outage if it has one' })
  @ApiOkResponse({ type: PrinterView })
  @ApiNotFound('printer')
  get(@Param('id') id: string): Promise<PrinterView> {
    return this.printers.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a printer: name, kind, connection, width, stations, backup, active' })
  @ApiOkResponse({ type: PrinterView })
  @ApiNotFound('printer')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: INVALID_PRINTER })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdatePrinterInput,
  ): Promise<PrinterView> {
    return this.printers.update(principal, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a printer with its print jobs' })
  @ApiNoContentResponse()
  @ApiNotFound('printer')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: the printer is the backup of another' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.printers.remove(principal, id);
  }
}
