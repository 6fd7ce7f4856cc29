import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { DomainError } from '../common/errors/domain-error';
import { ErrorBody } from '../common/errors/error-body';
import { ApiRevalidated, sendRevalidated } from '../common/http/revalidated';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { QrOrderInput } from '../orders/dto/order.inputs';
import { OrderView } from '../orders/dto/order.views';
import { RateLimit } from '../rate-limit/rate-limit.guard';
import { perTokenAndIp } from './guest-rate-limits';
import { PublicService } from './public.service';
import { PublicOrderView, PublicTableView, WaiterCalledView } from './public.views';

/** Per guest device at a table, and per table. */
const perTableAndIp = (perDevice: number, perTable: number) => perTokenAndIp('qrToken', perDevice, perTable);

@ApiTags('public')
@Controller('public/tables/:qrToken')
export class PublicTablesController {
  constructor(private readonly publicTables: PublicService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'The table behind a QR code, and the menu',
    description:
      'The menu as this table’s guests see it (its area’s dine-in price level). Send the last `ETag` in ' +
      'If-None-Match: an unchanged page answers 304 without a body.',
  })
  @ApiRevalidated(PublicTableView)
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown, rotated or retired QR token' })
  async table(
    @Param('qrToken') qrToken: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const rendered = await this.publicTables.tableWithMenu(qrToken);
    if (!rendered) throw DomainError.notFound('Table');
    sendRevalidated(response, rendered, ifNoneMatch);
  }

  @Post('orders')
  @Public()
  @Idempotent()
  @RateLimit({ name: 'qr-order', windowSeconds: 600, buckets: perTableAndIp(5, 20) })
  @ApiOperation({
    summary:
      'Order from the QR menu (when QR_ORDERING=true): a pending order that a waiter accepts or rejects',
  })
  @ApiCreatedResponse({ type: OrderView })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'QR ordering is off, or the QR token is unknown' })
  order(@Param('qrToken') qrToken: string, @Body() input: QrOrderInput): Promise<OrderView> {
    return this.publicTables.order(qrToken, input);
  }

  @Get('orders/:orderId')
  @Public()
  @ApiOperation({
    summary:
      'A guest’s order at this table (when QR_ORDERING=true): its number, status, lines and total, to follow it ' +
      'after a reconnect',
  })
  @ApiOkResponse({ type: PublicOrderView })
  @ApiNotFoundResponse({
    type: ErrorBody,
    description:
      'QR ordering is off, the QR token is unknown, or the order is not of this table’s current party',
  })
  readOrder(@Param('qrToken') qrToken: string, @Param('orderId') orderId: string): Promise<PublicOrderView> {
    return this.publicTables.readOrder(qrToken, orderId);
  }

  @Post('call-waiter')
  @Public()
  @HttpCode(202)
  @RateLimit({ name: 'call-waiter', windowSeconds: 120, buckets: perTableAndIp(3, 10) })
  @ApiOperation({ summary: 'Ask for a waiter: raises waiter.called to waiters and managers' })
  @ApiAcceptedResponse({ type: WaiterCalledView })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown, rotated or retired QR token' })
  callWaiter(@Param('qrToken') qrToken: string): Promise<WaiterCalledView> {
    return this.publicTables.callWaiter(qrToken);
  }
}
