import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, ForChannelKeys } from '../common/access/access.decorators';
import { ChannelRule } from '../common/access/channel-access';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { OrderView } from '../orders/dto/order.views';
import { ChannelOrders } from './channel-orders.service';
import { ChannelOrderInput, ChannelQuoteInput, ChannelQuoteView } from './dto/channel-order.inputs';

@ApiTags('channels')
@Controller('channels')
export class ChannelOrdersController {
  constructor(private readonly orders: ChannelOrders) {}

  @Post(':code/orders')
  @ForChannelKeys([Role.Admin], [Scope.OrdersWrite], ChannelRule.ChannelRoutes)
  @Idempotent()
  @ApiOperation({
    summary: 'A channel posts an order (the channel’s key, or an admin)',
    description:
      'Idempotent by externalId, no Idempotency-Key needed: the same externalId again answers 200 with the same ' +
      'order and writes nothing, however many arrive at once. The order is `pending` with fulfilment `received` ' +
      'unless the channel auto-accepts (then `open` and `accepted`, in the kitchen at once). The channel’s prices ' +
      'are kept on the items (`priceSource: "channel"`); paidByChannel adds a payment of kind channel for the total.',
  })
  @ApiCreatedResponse({ type: OrderView, description: 'The new order' })
  @ApiOkResponse({ type: OrderView, description: 'The order this externalId made before; nothing written' })
  @ApiNotFound('channel')
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CHANNEL_PAUSED: busy mode; CONFLICT: the channel is switched off',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR: an unmapped item (`items[i].externalId`) or option (`items[i].options[j]`), a total ' +
      'that is not the items’ sum, an unavailable dish; OUT_OF_STOCK. Nothing is written.',
  })
  async ingest(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Body() input: ChannelOrderInput,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderView> {
    const { created, order } = await this.orders.ingest(principal, code, input);
    response.status(created ? 201 : 200);
    return order;
  }

  @Post(':code/quote')
  @ForChannelKeys([Role.Admin], [Scope.OrdersWrite], ChannelRule.ChannelRoutes)
  @HttpCode(200)
  @ApiOperation({
    summary: 'When a basket would be ready if ordered now (the channel’s key, or an admin)',
    description:
      'From what each kitchen station has open now and each dish’s prepMinutes, plus the channel’s ' +
      'prepBufferMinutes. Writes nothing.',
  })
  @ApiOkResponse({ type: ChannelQuoteView })
  @ApiNotFound('channel')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR: an unmapped item' })
  quote(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Body() input: ChannelQuoteInput,
  ): Promise<ChannelQuoteView> {
    return this.orders.quote(principal, code, input);
  }
}
