import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { KitchenTicketsQuery } from '../orders/dto/order.inputs';
import { OrderView } from '../orders/dto/order.views';
import { KitchenService } from '../orders/kitchen.service';

@ApiTags('kitchen')
@Controller('kitchen')
export class KitchenTicketsController {
  constructor(private readonly kitchen: KitchenService) {}

  @Get('tickets')
  @Roles(Role.Kitchen, Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'A kitchen screen’s cold start: accepted orders with live items for its stations, oldest first',
    description:
      'Orders with at least one item new, in_progress or ready (of `stationId` and `stationIds`, when given). ' +
      'Each ticket’s `items` are those, the order’s `held` items (a later course, waiting to be fired) and the ' +
      'items voided after they were fired (`cancelled` with `firedAt` and `voidReason`), while the order is ' +
      'active: what a screen following the events shows. Items changed after firing carry `changedAt`; items ' +
      'added after the first fire have a later `firedAt`.',
  })
  @ApiPageResponse(OrderView)
  tickets(@Query() query: KitchenTicketsQuery): Promise<Page<OrderView>> {
    return this.kitchen.tickets(query);
  }
}
