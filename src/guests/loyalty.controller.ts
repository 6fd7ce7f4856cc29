import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ErrorBody } from '../common/errors/error-body';
import { LoyaltyProgramInput, LoyaltyProgramView } from './dto/loyalty.dto';
import { LoyaltyService } from './loyalty.service';

@ApiTags('guests')
@Controller('loyalty')
export class LoyaltyController {
  constructor(private readonly loyalty: LoyaltyService) {}

  @Get()
  @Roles(Role.Waiter, Role.Manager, Role.Admin)
  @Scopes(Scope.CustomersRead)
  @ApiOperation({
    summary: 'The loyalty programme: points per currency unit and the rewards on offer',
    description: 'Waiters read it too: they offer the rewards.',
  })
  @ApiOkResponse({ type: LoyaltyProgramView })
  get(): Promise<LoyaltyProgramView> {
    return this.loyalty.program();
  }

  @Put()
  @Roles(Role.Admin)
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: e.g. a reward’s unknown dish',
  })
  @ApiOperation({ summary: 'Replace the loyalty programme (audited)' })
  @ApiOkResponse({ type: LoyaltyProgramView })
  set(@CurrentPrincipal() actor: Principal, @Body() input: LoyaltyProgramInput): Promise<LoyaltyProgramView> {
    return this.loyalty.setProgram(actor, input);
  }
}
