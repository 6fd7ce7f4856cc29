import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ErrorBody } from '../common/errors/error-body';
import { RestaurantInput, RestaurantView } from './dto/restaurant.dto';
import { RestaurantService } from './restaurant.service';

@ApiTags('restaurant')
@Controller('restaurant')
export class RestaurantController {
  constructor(private readonly restaurant: RestaurantService) {}

  @Get()
  @ApiOperation({
    summary: "The restaurant's profile (any staff): name, address, tax number, time zone, currency",
  })
  @ApiOkResponse({ type: RestaurantView })
  get(): Promise<RestaurantView> {
    return this.restaurant.get();
  }

  @Put()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: "Replace the restaurant's profile",
    description:
      'Receipts, bills, the QR page, reports and the fiscal export use it from then on, on every instance ' +
      '(`restaurant.updated`). The time zone and the currency are fixed by the first money recorded (a payment, a gift card issued or sold, a cash drawer opened, a business day closed).',
  })
  @ApiOkResponse({ type: RestaurantView })
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'PROFILE_LOCKED: a change of time zone or currency once money is recorded, with the reason',
  })
  replace(@CurrentPrincipal() principal: Principal, @Body() input: RestaurantInput): Promise<RestaurantView> {
    return this.restaurant.replace(principal, input);
  }
}
