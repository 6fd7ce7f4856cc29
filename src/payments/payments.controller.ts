import { DeviceId } from '../common/http/device-id';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentStaff, ForChannelKeys, Roles } from '../common/access/access.decorators';
import { ChannelRule } from '../common/access/channel-access';
import { Scope } from '../common/access/scope';
import type { Principal, StaffPrincipal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { FindsGiftCardCode, GiftCardOfCode } from '../guests/gift-cards/gift-card-payment';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { ExpectedVersion, VersionChecked } from '../orders/order-version';
import { ApiNotFound } from '../common/errors/api-not-found';
import {
  PaymentInput,
  PaymentMethodInput,
  PaymentMethodView,
  PaymentView,
  RefundInput,
  UpdatePaymentMethodInput,
} from './dto/payment.dto';
import { PaymentsService } from './payments.service';
import { RefundRequests } from './refund-requests';

@ApiTags('payments')
@Controller('payment-methods')
export class PaymentMethodsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get()
  @Roles(Role.Admin, Role.Manager)
  @ApiOperation({ summary: 'Every payment method, inactive ones included' })
  @ApiPageResponse(PaymentMethodView)
  list(@Query() query: PageQuery): Promise<Page<PaymentMethodView>> {
    return this.payments.methods(false, query);
  }

  @Get('active')
  @ApiOperation({ summary: 'The methods a tablet offers at payment time' })
  @ApiPageResponse(PaymentMethodView)
  active(@Query() query: PageQuery): Promise<Page<PaymentMethodView>> {
    return this.payments.methods(true, query);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add a payment method' })
  @ApiCreatedResponse({ type: PaymentMethodView })
  create(
    @CurrentStaff() actor: StaffPrincipal,
    @Body() input: PaymentMethodInput,
  ): Promise<PaymentMethodView> {
    return this.payments.createMethod(actor, input);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Rename, reorder, change the kind of, or deactivate a payment method' })
  @ApiOkResponse({ type: PaymentMethodView })
  update(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @Body() input: UpdatePaymentMethodInput,
  ): Promise<PaymentMethodView> {
    return this.payments.updateMethod(actor, id, input);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a method; one that took payments is deactivated instead' })
  @ApiNoContentResponse()
  async remove(@CurrentStaff() actor: StaffPrincipal, @Param('id') id: string): Promise<void> {
    await this.payments.removeMethod(actor, id);
  }
}

@ApiTags('payments')
@Controller()
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: RefundRequests,
  ) {}

  @Get('orders/:id/payments')
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'The payments of an order, oldest first, with what each has left to refund (a tablet gives back what ' +
      'was paid over the total from one of them)',
  })
  @ApiPageResponse(PaymentView)
  @ApiNotFound('order')
  paymentsOf(@Param('id') orderId: string, @Query() query: PageQuery): Promise<Page<PaymentView>> {
    return this.payments.paymentsOf(orderId, query);
  }

  @Post('orders/:id/payments')
  @ForChannelKeys(
    [Role.Waiter, Role.Manager, Role.Admin],
    [Scope.PaymentsWrite],
    ChannelRule.OwnChannelOrders,
  )
  @FindsGiftCardCode()
  @Idempotent({ clientIds: ['id'] })
  @VersionChecked()
  @ApiOperation({
    summary:
      'Take a payment (split tender: several per order); cash over what is due gives change; a gift_card method ' +
      'redeems the card of giftCardCode (422 INSUFFICIENT_BALANCE with its balance when it holds too little)',
  })
  @ApiCreatedResponse({ type: PaymentView })
  pay(
    @CurrentPrincipal() actor: Principal,
    @Param('id') orderId: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: PaymentInput,
    @GiftCardOfCode() giftCardId: string | null,
    @DeviceId() deviceId: string | null,
  ): Promise<PaymentView> {
    return this.payments.pay(actor, orderId, version, input, giftCardId, deviceId);
  }

  @Post('payments/:id/refund')
  // A waiter only what was paid over an open check's total (PaymentRefunds.refund).
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  // A terminal's card goes back at its provider between the refund's transactions (PaymentsService.refund).
  @Idempotent({ ownTransactions: true })
  @VersionChecked()
  @ApiOperation({
    summary:
      'Refund part or all of a payment, with a reason; a gift-card payment goes back onto its card. A waiter ' +
      'may give back only what was paid over an open order’s total (`refundDue`), as an amount',
  })
  @ApiCreatedResponse({ type: PaymentView })
  refund(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') paymentId: string,
    @ExpectedVersion() orderVersion: number | undefined,
    @Body() input: RefundInput,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PaymentView> {
    return this.refunds.refund(actor, paymentId, orderVersion, input, idempotencyKey);
  }
}
