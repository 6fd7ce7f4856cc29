import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, ForChannelKeys } from '../common/access/access.decorators';
import { ChannelRule } from '../common/access/channel-access';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ErrorBody } from '../common/errors/error-body';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { OrderView } from '../orders/dto/order.views';
import { ExpectedVersion, VersionChecked } from '../orders/order-version';
import { OrderWriterGuard } from '../orders/order-writer.guard';
import { CustomersService } from './customers.service';
import { AttachCustomerInput, RewardInput } from './dto/customer.inputs';
import { LoyaltyService } from './loyalty.service';

/** An order's guest side: who it is for, and rewards taken with their points. Orders know nothing of guests. */
@ApiTags('guests')
@Controller('orders')
export class OrderGuestsController {
  constructor(
    private readonly customers: CustomersService,
    private readonly loyalty: LoyaltyService,
  ) {}

  @Post(':id/customer')
  @ForChannelKeys(
    [Role.Waiter, Role.Manager, Role.Admin],
    [Scope.CustomersWrite],
    ChannelRule.OwnChannelOrders,
  )
  @UseGuards(OrderWriterGuard)
  @HttpCode(200)
  @Idempotent()
  @VersionChecked()
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR: no such customer' })
  @ApiOperation({
    summary: 'Attach a customer to a live order (null detaches); audited; order.updated',
    description:
      'The order then shows `customer: {id, name, allergens}` to the floor and the kitchen, and earns the ' +
      'customer points when it closes. 409 CONFLICT once a reward was taken on it with another customer’s points.',
  })
  @ApiOkResponse({ type: OrderView })
  attach(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: AttachCustomerInput,
  ): Promise<OrderView> {
    return this.customers.attach(actor, id, version, input.customerId);
  }

  @Post(':id/rewards')
  @ForChannelKeys(
    [Role.Waiter, Role.Manager, Role.Admin],
    [Scope.CustomersWrite],
    ChannelRule.OwnChannelOrders,
  )
  @UseGuards(OrderWriterGuard)
  @HttpCode(200)
  @Idempotent()
  @VersionChecked()
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR naming `rewardId`: no such reward, or the customer holds too few points',
  })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CONFLICT: no customer on the order, or (an amount reward) it has a discount already',
  })
  @ApiOperation({
    summary: 'Spend the order’s customer’s points on a reward (audited; order.updated, loyalty.activity)',
    description:
      'An `amount` reward becomes the order’s discount; a `dish` reward adds the dish at unit price 0, named ' +
      'after the reward. Spends of one customer take turns: the balance never goes below 0.',
  })
  @ApiOkResponse({ type: OrderView })
  reward(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: RewardInput,
  ): Promise<OrderView> {
    return this.loyalty.spend(actor, id, version, input.rewardId);
  }
}
