import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { DomainError } from '../common/errors/domain-error';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import {
  CreateOrderInput,
  DiscountInput,
  ItemStatusInput,
  OrderItemsInput,
  OrderListQuery,
  OrderStatusInput,
  StatsQuery,
  UpdateOrderItemInput,
  VoidItemInput,
} from './dto/order.inputs';
import { OrderStatsView, OrderView } from './dto/order.views';
import { OrderSource } from './order-status';
import { OrderStatsService } from './order-stats.service';
import { OrdersService } from './orders.service';

/** `If-Match: 7` or `"7"`; absent means "whatever the current version is". */
function versionFrom(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const version = Number(header.replace(/^W\//, '').replace(/"/g, '').trim());
  if (!Number.isSafeInteger(version) || version < 1)
    throw DomainError.invalidField('If-Match', 'must be an order version');
  return version;
}

const IfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The order version this change was made against',
  });
const VersionConflict = () =>
  ApiConflictResponse({
    type: ErrorBody,
    description: 'VERSION_CONFLICT (the current order in error.details) or INVALID_TRANSITION',
  });

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly stats: OrderStatsService,
  ) {}

  @Post()
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @ApiOperation({ summary: 'Open an order; it reaches the kitchen at once' })
  @ApiCreatedResponse({ type: OrderView })
  create(@CurrentPrincipal() actor: Principal, @Body() input: CreateOrderInput): Promise<OrderView> {
    return this.orders.create(actor, input, OrderSource.Staff);
  }

  @Get()
  @ApiOperation({ summary: 'Orders, newest first' })
  @ApiPageResponse(OrderView)
  list(@Query() query: OrderListQuery): Promise<Page<OrderView>> {
    return this.orders.list(query);
  }

  @Get('stats/summary')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'Counts and revenue of the orders created in a period' })
  @ApiOkResponse({ type: OrderStatsView })
  summary(@Query() query: StatsQuery): Promise<OrderStatsView> {
    return this.stats.summary(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One order, with its items and totals' })
  @ApiOkResponse({ type: OrderView })
  get(@Param('id') id: string): Promise<OrderView> {
    return this.orders.get(id);
  }

  @Post(':id/items')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @IfMatch()
  @VersionConflict()
  @ApiOperation({ summary: 'Add items; they reach the kitchen at once (for an accepted order)' })
  @ApiCreatedResponse({ type: OrderView })
  addItems(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() input: OrderItemsInput,
  ): Promise<OrderView> {
    return this.orders.addItems(id, versionFrom(ifMatch), input.items);
  }

  @Patch(':id/items/:itemId')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @IfMatch()
  @VersionConflict()
  @ApiOperation({ summary: 'Change quantity or comment of an item the kitchen has not started' })
  @ApiOkResponse({ type: OrderView })
  editItem(
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() input: UpdateOrderItemInput,
  ): Promise<OrderView> {
    return this.orders.editItem(id, itemId, versionFrom(ifMatch), input);
  }

  @Patch(':id/items/:itemId/status')
  @Roles(Role.Kitchen, Role.Waiter, Role.Manager, Role.Admin)
  @IfMatch()
  @VersionConflict()
  @ApiOperation({ summary: 'Kitchen: new → in_progress → ready; floor: ready → served' })
  @ApiOkResponse({ type: OrderView })
  setItemStatus(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() input: ItemStatusInput,
  ): Promise<OrderView> {
    return this.orders.setItemStatus(actor, id, itemId, versionFrom(ifMatch), input.status);
  }

  @Delete(':id/items/:itemId')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @IfMatch()
  @VersionConflict()
  @ApiOperation({
    summary: 'Remove a new item (waiter), or void one the kitchen has seen (manager or admin, with a reason)',
  })
  @ApiOkResponse({ type: OrderView })
  voidItem(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() input: VoidItemInput,
  ): Promise<OrderView> {
    return this.orders.voidItem(actor, id, itemId, versionFrom(ifMatch), input.reason);
  }

  @Patch(':id/status')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @IfMatch()
  @VersionConflict()
  @ApiOperation({ summary: 'Accept a QR order (open), cancel (with a reason) or close (nothing due)' })
  @ApiOkResponse({ type: OrderView })
  setStatus(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() input: OrderStatusInput,
  ): Promise<OrderView> {
    return this.orders.setStatus(actor, id, versionFrom(ifMatch), input.status, input.reason);
  }

  @Post(':id/discount')
  @Roles(Role.Manager, Role.Admin)
  @HttpCode(200)
  @IfMatch()
  @VersionConflict()
  @ApiOperation({ summary: 'Set, replace (or with value 0 remove) the order’s discount' })
  @ApiOkResponse({ type: OrderView })
  discount(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() input: DiscountInput,
  ): Promise<OrderView> {
    return this.orders.applyDiscount(actor, id, versionFrom(ifMatch), input);
  }
}
