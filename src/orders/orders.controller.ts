import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CurrentPrincipal,
  CurrentStaff,
  ForChannelKeys,
  Roles,
  Scopes,
} from '../common/access/access.decorators';
import { DeviceId } from '../common/http/device-id';
import { ChannelRule, readableOrders } from '../common/access/channel-access';
import { orderFor } from '../common/access/personal-data';
import { ApiNotFound } from '../common/errors/api-not-found';
import { Scope } from '../common/access/scope';
import type { Principal, StaffPrincipal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import {
  CreateOrderInput,
  DiscountInput,
  FireInput,
  ItemStatusInput,
  OrderItemsInput,
  OrderListQuery,
  OrderStatusInput,
  StatsQuery,
  UpdateOrderInput,
  UpdateOrderItemInput,
  VoidItemInput,
} from './dto/order.inputs';
import { OrderStatsView, OrderView } from './dto/order.views';
import { ITEM_STATUS_ROLES, ITEM_VOID_ROLES, ORDER_STATUS_ROLES, OrderSource } from './order-status';
import { OrderStatsService } from './order-stats.service';
import { OrderCreation } from './order-creation.service';
import { OrderEdits } from './order-edits.service';
import { OrdersService } from './orders.service';
import { FulfilmentService } from './fulfilment.service';
import { FulfilmentChangeInput } from './dto/fulfilment.inputs';
import { ExpectedVersion, VersionChecked } from './order-version';

/** Documents the 422 of a route whose lines take from counted stock. */
const ApiOutOfStock = () =>
  ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR, with the field problems in details; OUT_OF_STOCK: a counted variation has fewer left ' +
      'than the lines ask for (details name the lines, `items[i].variationId`, and what is left)',
  });

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly creation: OrderCreation,
    private readonly stats: OrderStatsService,
    private readonly fulfilment: FulfilmentService,
    private readonly edits: OrderEdits,
  ) {}

  @Post()
  @ForChannelKeys([Role.Waiter, Role.Manager, Role.Admin], [Scope.OrdersWrite], ChannelRule.OwnOrdersOnly)
  @Idempotent({ clientIds: ['id', 'items[].id'] })
  @ApiOutOfStock()
  @ApiOperation({ summary: 'Open an order; it reaches the kitchen at once (held lines when fired)' })
  @ApiCreatedResponse({ type: OrderView })
  create(
    @CurrentPrincipal() actor: Principal,
    @Body() input: CreateOrderInput,
    @DeviceId() deviceId: string | null,
  ): Promise<OrderView> {
    const source = actor.kind === 'apiKey' ? OrderSource.Api : OrderSource.Staff;
    return this.creation.create(actor, input, source, deviceId);
  }

  @Get()
  @Scopes(Scope.OrdersRead)
  @ApiOperation({
    summary: 'Orders, newest first',
    description:
      'A key bound to a channel lists that channel’s orders only. A key without customers:read sees ' +
      '`customer: {id}` and the fulfilment without `customerName`, `phone` and `address`.',
  })
  @ApiPageResponse(OrderView)
  async list(@CurrentPrincipal() actor: Principal, @Query() query: OrderListQuery): Promise<Page<OrderView>> {
    const page = await this.orders.list(query, readableOrders(actor));
    return { ...page, items: page.items.map((order) => orderFor(actor, order)) };
  }

  @Get('stats/summary')
  @Roles(Role.Manager, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({ summary: 'Counts and revenue of the orders created in a period' })
  @ApiOkResponse({ type: OrderStatsView })
  summary(@Query() query: StatsQuery): Promise<OrderStatsView> {
    return this.stats.summary(query);
  }

  @Get(':id')
  @Scopes(Scope.OrdersRead)
  @ApiOperation({
    summary: 'One order, with its items and totals',
    description:
      'A key bound to a channel finds that channel’s orders only (404 for the others). A key without ' +
      'customers:read sees `customer: {id}` and the fulfilment without `customerName`, `phone` and `address`.',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiNotFound('order')
  async get(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<OrderView> {
    return orderFor(actor, await this.orders.get(id, readableOrders(actor)));
  }

  @Post(':id/items')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent({ clientIds: ['items[].id'] })
  @VersionChecked()
  @ApiOutOfStock()
  @ApiOperation({
    summary: 'Add items; they reach the kitchen at once (for an accepted order; held lines when fired)',
  })
  @ApiCreatedResponse({ type: OrderView })
  addItems(
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: OrderItemsInput,
  ): Promise<OrderView> {
    return this.orders.addItems(id, version, input.items);
  }

  @Patch(':id')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @VersionChecked()
  @ApiOperation({
    summary: 'Flag an order rush (or not): the kitchen cooks it first',
    description:
      'Sets `rush`; order.updated reaches the kitchen screens of its fired items’ stations and the floor. ' +
      '409 INVALID_TRANSITION on a closed or cancelled order.',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiNotFound('order')
  update(
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: UpdateOrderInput,
  ): Promise<OrderView> {
    return this.edits.update(id, version, input);
  }

  @Patch(':id/items/:itemId')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @VersionChecked()
  @ApiOutOfStock()
  @ApiOperation({
    summary:
      'Change quantity or comment of an item the kitchen has not started (held or new), or move any live item to a seat (audited)',
    description:
      'A counted variation’s stock follows the quantity, both ways. An item already fired to the kitchen gets ' +
      '`changedAt` when its quantity, comment or seat changes.',
  })
  @ApiOkResponse({ type: OrderView })
  editItem(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: UpdateOrderItemInput,
  ): Promise<OrderView> {
    return this.edits.editItem(actor, id, itemId, version, input);
  }

  @Patch(':id/fulfilment')
  @ForChannelKeys(
    [Role.Waiter, Role.Manager, Role.Admin, Role.Kitchen],
    [Scope.OrdersWrite],
    ChannelRule.OwnChannelOrders,
  )
  @VersionChecked()
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR naming the field' })
  @ApiOperation({
    summary: 'Move a takeaway or delivery order’s fulfilment on, or change its courier or promised time',
    description:
      'received → accepted | rejected (reason) → ready → picked_up (takeaway) | out_for_delivery → delivered ' +
      '(delivery). The kitchen bumping every live line makes an accepted order ready (a recall takes it back); ' +
      'kitchen staff (the expo) may set only ready, picked_up and out_for_delivery (else 403). ' +
      'Accepting a pending order opens it for the kitchen; rejecting cancels it, reversing in the ' +
      'same transaction the payments of kind channel it was paid with (each a refund with the reason: ' +
      'order.updated with `refund`). Emits order.fulfilment_changed. 409 INVALID_TRANSITION off the machine, on ' +
      'dine-in or on a cancelled order, and on rejecting an order that other payments were taken for.',
  })
  @ApiOkResponse({ type: OrderView })
  changeFulfilment(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: FulfilmentChangeInput,
  ): Promise<OrderView> {
    return this.fulfilment.change(actor, id, version, input);
  }

  @Patch(':id/items/:itemId/status')
  @Roles(...ITEM_STATUS_ROLES)
  @Idempotent()
  @VersionChecked()
  @ApiOperation({
    summary: 'Kitchen: new → in_progress → ready; floor: ready → served',
    description:
      'With an Idempotency-Key, a retry (a screen that bumped offline and sends it again) replays the first ' +
      'reply and changes nothing again, even once the order has moved on.',
  })
  @ApiOkResponse({ type: OrderView })
  setItemStatus(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: ItemStatusInput,
  ): Promise<OrderView> {
    return this.orders.setItemStatus(actor, id, itemId, version, input.status);
  }

  @Delete(':id/items/:itemId')
  @Roles(...ITEM_VOID_ROLES)
  @Idempotent()
  @VersionChecked()
  @ApiOperation({
    summary: 'Remove a new item (waiter), or void one the kitchen has seen (manager or admin, with a reason)',
  })
  @ApiOkResponse({ type: OrderView })
  voidItem(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: VoidItemInput,
  ): Promise<OrderView> {
    return this.orders.voidItem(actor, id, itemId, version, input.reason);
  }

  @Post(':id/fire')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @HttpCode(200)
  @Idempotent()
  @VersionChecked()
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'NOTHING_TO_FIRE: no item of that course is held (a pending order: INVALID_TRANSITION)',
  })
  @ApiOperation({
    summary: 'Fire a course: its held items go to the kitchen',
    description:
      'Every `held` item of the course becomes `new` with `firedAt` now; order.fired (the order, with `course` ' +
      'and `itemIds`) reaches the kitchen screens of those items’ stations only. Audited. A retry with the same ' +
      'Idempotency-Key replays the first reply.',
  })
  @ApiOkResponse({ type: OrderView })
  fire(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: FireInput,
  ): Promise<OrderView> {
    return this.orders.fire(actor, id, version, input.course);
  }

  @Patch(':id/status')
  @Roles(...ORDER_STATUS_ROLES)
  @Idempotent()
  @VersionChecked()
  @ApiOperation({ summary: 'Accept a QR order (open), cancel (with a reason) or close (nothing due)' })
  @ApiOkResponse({ type: OrderView })
  setStatus(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: OrderStatusInput,
  ): Promise<OrderView> {
    return this.orders.setStatus(actor, id, version, input.status, input.reason);
  }

  @Post(':id/discount')
  @Roles(Role.Manager, Role.Admin)
  @HttpCode(200)
  @Idempotent()
  @VersionChecked()
  @ApiOperation({ summary: 'Set, replace (or with value 0 remove) the order’s discount' })
  @ApiOkResponse({ type: OrderView })
  discount(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: DiscountInput,
  ): Promise<OrderView> {
    return this.orders.applyDiscount(actor, id, version, input);
  }
}
