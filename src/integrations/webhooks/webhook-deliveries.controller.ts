import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../common/access/access.decorators';
import type { Principal } from '../../common/access/principal';
import { Role } from '../../common/access/role';
import { ApiNotFound } from '../../common/errors/api-not-found';
import { ErrorBody } from '../../common/errors/error-body';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { DeliveryView } from './dto/delivery.views';
import { DeliveryListQuery } from './dto/webhook.inputs';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

@ApiTags('webhooks')
@Roles(Role.Admin)
@Controller('webhooks/:id/deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Get()
  @ApiOperation({ summary: "A subscription's delivery log, newest first" })
  @ApiPageResponse(DeliveryView)
  @ApiNotFound('webhook')
  list(@Param('id') id: string, @Query() query: DeliveryListQuery): Promise<Page<DeliveryView>> {
    return this.deliveries.list(id, query);
  }

  @Get(':deliveryId')
  @ApiOperation({ summary: 'Read one delivery' })
  @ApiOkResponse({ type: DeliveryView })
  @ApiNotFound('webhook delivery')
  get(@Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<DeliveryView> {
    return this.deliveries.get(id, deliveryId);
  }

  @Post(':deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again, now',
    description:
      'Queues a new delivery (its own X-Webhook-Id) of the same event and body, outside the seq order: it does ' +
      'not wait behind the subscription’s backlog. It appears in the log and is retried like any other.',
  })
  @ApiAcceptedResponse({ type: DeliveryView })
  @ApiNotFound('webhook delivery')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: the subscription is disabled' })
  redeliver(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<DeliveryView> {
    return this.deliveries.redeliver(principal, id, deliveryId);
  }
}
