import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import { Scope } from '../common/access/scope';
import { resourceRoutes } from '../common/http/resource-routes';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Page } from '../common/pagination/page';
import {
  CreateTableInput,
  QrQuery,
  QrSheetQuery,
  TableListQuery,
  TableStatusInput,
  UpdateTableInput,
} from './dto/floor.inputs';
import { TableView } from './dto/floor.views';
import { FloorService } from './floor.service';
import { QrCodeService } from './qr-code.service';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

const TableRoute = resourceRoutes('table', TableView);

@ApiTags('floor')
@Controller('tables')
export class TablesController {
  constructor(
    private readonly floor: FloorService,
    private readonly qrCodes: QrCodeService,
    private readonly restaurant: RestaurantProfile,
  ) {}

  @TableRoute.list('Tables, optionally of one location or in one status', Scopes(Scope.TablesRead))
  list(@CurrentPrincipal() viewer: Principal, @Query() query: TableListQuery): Promise<Page<TableView>> {
    return this.floor.listTables(viewer, query);
  }

  @TableRoute.create('Add a table; it gets its own QR token', Roles(Role.Admin))
  create(@CurrentPrincipal() actor: Principal, @Body() input: CreateTableInput): Promise<TableView> {
    return this.floor.createTable(actor, input);
  }

  // Before `:id`, which would take `qr-sheet` for an id.
  @Get('qr-sheet')
  @Roles(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'A printable A4 PDF of every table’s QR code with its name and room, twelve to a page',
    description: 'Each code holds the same link as GET /tables/{id}/qr (PUBLIC_BASE_URL/t/<qrToken>).',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async qrSheet(@Query() _query: QrSheetQuery, @Res() response: Response): Promise<void> {
    const pdf = await this.qrCodes.sheet(this.restaurant.name, await this.floor.printableTables());
    response.setHeader('Content-Disposition', 'inline; filename="table-qr-codes.pdf"');
    response.setHeader('Cache-Control', 'no-store');
    response.type('application/pdf').send(pdf);
  }

  @TableRoute.read('One table, with its status and QR token', Scopes(Scope.TablesRead))
  get(@CurrentPrincipal() viewer: Principal, @Param('id') id: string): Promise<TableView> {
    return this.floor.getTable(viewer, id);
  }

  @TableRoute.update('Rename a table, change its seats, or move it to another location', Roles(Role.Admin))
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: UpdateTableInput,
  ): Promise<TableView> {
    return this.floor.updateTable(actor, id, input);
  }

  @TableRoute.remove('Retire a table: hidden from the floor, its QR code stops working', Roles(Role.Admin))
  async remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<void> {
    await this.floor.removeTable(actor, id);
  }

  @Patch(':id/status')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @ApiOperation({ summary: 'Set free, occupied, reserved or cleaning; raises table.status_changed' })
  @ApiOkResponse({ type: TableView })
  setStatus(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: TableStatusInput,
  ): Promise<TableView> {
    return this.floor.setStatus(actor, id, input.status);
  }

  @Get(':id/qr')
  @Roles(Role.Admin, Role.Manager)
  @ApiOperation({ summary: 'The table’s QR code (PUBLIC_BASE_URL/t/<qrToken>) as PNG or SVG, for printing' })
  @ApiProduces('image/png', 'image/svg+xml')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async qr(@Param('id') id: string, @Query() query: QrQuery, @Res() response: Response): Promise<void> {
    const table = await this.floor.printableTable(id);
    const filename = `table-${table.name.replace(/[^A-Za-z0-9_-]/g, '_')}.${query.format}`;
    response.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    response.setHeader('Cache-Control', 'no-store');
    if (query.format === 'svg') {
      response.type('image/svg+xml').send(await this.qrCodes.svg(table.qrToken));
    } else {
      response.type('image/png').send(await this.qrCodes.png(table.qrToken));
    }
  }

  @Post(':id/qr/rotate')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue a new QR token; the old code stops working at once' })
  @ApiOkResponse({ type: TableView })
  rotate(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<TableView> {
    return this.floor.rotateQrToken(actor, id);
  }
}
