import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import {
  CurrentPrincipal,
  CurrentStaff,
  ForChannelKeys,
  Public,
  Roles,
} from '../common/access/access.decorators';
import { ChannelRule } from '../common/access/channel-access';
import type { Principal, StaffPrincipal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { resourceRoutes } from '../common/http/resource-routes';
import { Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { ExpectedVersion, VersionChecked } from '../orders/order-version';
import {
  TerminalInput,
  TerminalPaymentInput,
  TerminalPaymentView,
  TerminalView,
  UpdateTerminalInput,
} from './dto/terminal.dto';
import { TerminalPaymentsService } from './terminal-payments.service';
import { TerminalWebhooksService, WebhookReceipt } from './terminal-webhooks.service';
import { TerminalsService } from './terminals.service';

const TerminalRoute = resourceRoutes('terminal', TerminalView);
const FLOOR = [Role.Waiter, Role.Manager, Role.Admin];

@ApiTags('terminals')
@Controller('terminals')
export class TerminalsController {
  constructor(private readonly terminals: TerminalsService) {}

  @TerminalRoute.list(
    'Every card terminal, inactive ones included: waiters pick one to take a card payment on',
    Roles(Role.Admin, Role.Manager, Role.Waiter),
  )
  list(@Query() query: PageQuery): Promise<Page<TerminalView>> {
    return this.terminals.list(query);
  }

  @TerminalRoute.create(
    {
      summary: 'Register a card terminal (audited)',
      invalid: 'VALIDATION_ERROR: a provider not available here',
    },
    Roles(Role.Admin),
  )
  create(@CurrentStaff() actor: StaffPrincipal, @Body() input: TerminalInput): Promise<TerminalView> {
    return this.terminals.create(actor, input);
  }

  @TerminalRoute.read('One card terminal', Roles(Role.Admin, Role.Manager, Role.Waiter))
  get(@Param('id') id: string): Promise<TerminalView> {
    return this.terminals.get(id);
  }

  @TerminalRoute.update(
    'Rename, move to another device or deactivate a terminal (audited)',
    Roles(Role.Admin),
  )
  update(
    @CurrentStaff() actor: StaffPrincipal,
    @Param('id') id: string,
    @Body() input: UpdateTerminalInput,
  ): Promise<TerminalView> {
    return this.terminals.update(actor, id, input);
  }

  @TerminalRoute.remove('Delete a terminal; one that took payments is deactivated instead', Roles(Role.Admin))
  async remove(@CurrentStaff() actor: StaffPrincipal, @Param('id') id: string): Promise<void> {
    await this.terminals.remove(actor, id);
  }
}

class WebhookReceiptView implements WebhookReceipt {
  @ApiProperty() received!: true;
  @ApiProperty({ description: 'The event was delivered before: nothing changed' }) duplicate!: boolean;
}

@ApiTags('terminals')
@Controller('terminals/webhooks')
export class TerminalWebhooksController {
  constructor(private readonly webhooks: TerminalWebhooksService) {}

  @Post(':provider')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: "A terminal provider's webhook (Stripe: terminal.reader.action_succeeded and action_failed)",
    description: "Signed by the provider (Stripe-Signature); deduplicated by the provider's event id.",
  })
  @ApiBody({
    schema: {
      type: 'object',
      description: "The provider's event, as it sent it (its bytes are what the signature covers)",
      properties: {
        id: { type: 'string', description: "The provider's event id", example: 'evt_1Q0' },
        type: { type: 'string', example: 'terminal.reader.action_succeeded' },
      },
    },
  })
  @ApiOkResponse({ type: WebhookReceiptView })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'UNAUTHORIZED: the signature does not match' })
  @ApiNotFound('provider')
  receive(@Param('provider') provider: string, @Req() request: Request): Promise<WebhookReceipt> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
    );
    return this.webhooks.receive(provider, body, headers);
  }
}

@ApiTags('terminals')
@Controller()
export class TerminalPaymentsController {
  constructor(private readonly attempts: TerminalPaymentsService) {}

  @Post('orders/:id/terminal-payments')
  @ForChannelKeys(FLOOR, [Scope.PaymentsWrite], ChannelRule.OwnChannelOrders)
  @Idempotent()
  @VersionChecked()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Send an amount to a card terminal: answers the attempt at once (pending); follow it by GET or socket',
    description:
      'The order is held until the attempt ends (other changes answer 409 TERMINAL_PAYMENT_RUNNING); a ' +
      'succeeded attempt is one payment of a card method with the card and the tip the terminal reported.',
  })
  @ApiAcceptedResponse({ type: TerminalPaymentView })
  @ApiConflictResponse({ type: ErrorBody, description: 'TERMINAL_BUSY, TERMINAL_PAYMENT_RUNNING' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: amount above what is due, or no such active terminal',
  })
  @ApiNotFound('order')
  start(
    @CurrentPrincipal() actor: Principal,
    @Param('id') orderId: string,
    @ExpectedVersion() version: number | undefined,
    @Body() input: TerminalPaymentInput,
  ): Promise<TerminalPaymentView> {
    return this.attempts.start(actor, orderId, version, input);
  }

  @Get('terminal-payments/:id')
  @Roles(...FLOOR)
  @ApiOperation({ summary: 'A terminal payment attempt; a running one is asked about at its provider first' })
  @ApiOkResponse({ type: TerminalPaymentView })
  @ApiNotFound('terminal payment')
  get(@Param('id') id: string): Promise<TerminalPaymentView> {
    return this.attempts.get(id);
  }

  @Post('terminal-payments/:id/cancel')
  @Roles(...FLOOR)
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask the terminal to stop; it may still approve (the terminal decides): answers the attempt after',
  })
  @ApiAcceptedResponse({ type: TerminalPaymentView })
  @ApiConflictResponse({ type: ErrorBody, description: 'INVALID_TRANSITION: the attempt has ended' })
  @ApiNotFound('terminal payment')
  cancel(@Param('id') id: string): Promise<TerminalPaymentView> {
    return this.attempts.cancel(id);
  }
}
