import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { Role } from '../common/access/role';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { KitchenTicketsQuery } from './dto/order.inputs';
import { OrderView } from './dto/order.views';
import { KitchenService } from './kitchen.service';

@ApiTags('kitchen')
@Controller('kitchen')
export class KitchenController {
  constructor(private readonly kitchen: KitchenService) {}

  @Get('tickets')
  @Roles(Role.Kitchen, Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'A kitchen screen’s cold start: accepted orders with live items for the station, oldest first',
  })
  @ApiPageResponse(OrderView)
  tickets(@Query() query: KitchenTicketsQuery): Promise<Page<OrderView>> {
    return this.kitchen.tickets(query);
  }
}
