import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles } from '../common/access/access.decorators';
import type { StaffPrincipal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { ChecksService } from './checks.service';
import { MergeInput, MoveItemsInput, MoveOrderInput, SplitInput } from './dto/check.inputs';
import { OrdersView, OrderView } from './dto/order.views';
import { ExpectedVersion, VersionChecked } from './order-version';

/** Table service's checks: split, move and merge orders (API.md "Table service"). All audited. */
@ApiTags('orders')
@Controller('orders')
export class ChecksController {
  constructor(private readonly checks: ChecksService) {}

  @Post(':id/split')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @VersionChecked()
  @ApiOperation({
    summary:
      'Split the check by seat, by items or evenly; 409 CONFLICT when paid-for items would move or an amount ' +
      'discount would no longer fit',
    description:
      'Answers this order first, then the new ones (same table, type, waiter, guests and business day; new ticket ' +
      'numbers). By seat: each seat but the lowest gets an order (seatless items stay). By items: one new order ' +
      'takes them; fewer units than a line has divide it (the new part gets a new item id). Evenly: the food ' +
      'stays here and parts 2 to n of the money go to new orders as `shares` (parts differ by at most one minor ' +
      'unit and add up exactly); this order keeps part 1 and its payments. Percent discounts go with the items, an ' +
      'amount discount stays whole here.',
  })
  @ApiCreatedResponse({ type: OrdersView })
  split(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: SplitInput,
  ): Promise<OrdersView> {
    return this.checks.split(actor, id, version, input);
  }

  @Post(':id/move')
  @HttpCode(200)
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @VersionChecked()
  @ApiOperation({
    summary: 'Move a dine-in order to another table',
    description:
      'The new table becomes occupied and the order joins its current party (its guests see it by QR code); the ' +
      'old table goes to cleaning when no other open order is left on it.',
  })
  @ApiOkResponse({ type: OrderView })
  move(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: MoveOrderInput,
  ): Promise<OrderView> {
    return this.checks.moveOrder(actor, id, version, input);
  }

  @Post(':id/items/move')
  @HttpCode(200)
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @VersionChecked()
  @ApiOperation({
    summary: 'Move items (or some units of a line) to another open order',
    description:
      'Answers this order, then the target. Lines divide as in a split; 409 CONFLICT when paid-for items would ' +
      'move or an amount discount would no longer fit. If-Match is checked on this order.',
  })
  @ApiOkResponse({ type: OrdersView })
  moveItems(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: MoveItemsInput,
  ): Promise<OrdersView> {
    return this.checks.moveItems(actor, id, version, input);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Idempotent()
  @VersionChecked()
  @ApiOperation({
    summary: 'Fold other open orders into this one',
    description:
      'Their items (ids kept) and payments (paid, refunded, tips) move here; even-split shares among them cancel ' +
      'out; this order keeps its discount or takes the one they have (409 CONFLICT when two differ); the emptied ' +
      'orders end cancelled with reason `merged`. Answers this order, then the emptied ones.',
  })
  @ApiOkResponse({ type: OrdersView })
  merge(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: MergeInput,
  ): Promise<OrdersView> {
    return this.checks.merge(actor, id, version, input);
  }
}
