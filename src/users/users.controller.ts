import { MANAGED_BY_HQ_CONFLICT } from '../common/errors/managed-by-hq';
import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentStaff, Roles } from '../common/access/access.decorators';
import type { Principal, StaffPrincipal } from '../common/access/principal';
import { ALL_ROLES, Role } from '../common/access/role';
import { LoginView } from '../audit/dto/login.view';
import { ApiNotFound } from '../common/errors/api-not-found';
import { resourceRoutes } from '../common/http/resource-routes';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { CreateUserInput, UpdateUserInput, UserListQuery } from './dto/user.inputs';
import { UserView } from './dto/user.view';
import { UsersService } from './users.service';

const UserRoute = resourceRoutes('user', UserView);

@ApiTags('staff')
@Roles(Role.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @UserRoute.list('List staff accounts')
  list(@Query() query: UserListQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @UserRoute.create('Create a staff account (a password, a PIN, or both)')
  create(@CurrentPrincipal() actor: Principal, @Body() input: CreateUserInput): Promise<UserView> {
    return this.users.create(actor, input);
  }

  @UserRoute.read('One staff account')
  get(@Param('id') id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Get(':id/logins')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'Login history, newest first: logins, failed ones, lock-outs and refreshes, with address, user agent and ' +
      'method. Admins read anyone’s; other staff only their own (403 otherwise).',
  })
  @ApiPageResponse(LoginView)
  @ApiNotFound('user')
  logins(
    @CurrentStaff() caller: StaffPrincipal,
    @Param('id') id: string,
    @Query() query: PageQuery,
  ): Promise<Page<LoginView>> {
    return this.users.loginHistory(caller, id, query);
  }

  @UserRoute.update({
    summary:
      'Change name, role, password or PIN, or deactivate (active: false). A new (or removed) password or PIN ends every session of the user, but the caller’s own when changing their own',
    conflict: 'the username is taken, or this is the last active admin',
    conflicts: [MANAGED_BY_HQ_CONFLICT],
  })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: UpdateUserInput,
  ): Promise<UserView> {
    return this.users.update(actor, id, input);
  }

  @UserRoute.remove({
    summary:
      'Delete a staff account; one who has taken orders is deactivated instead; never the last active admin',
    conflict: 'this is the last active admin',
    conflicts: [MANAGED_BY_HQ_CONFLICT],
  })
  async remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<void> {
    await this.users.remove(actor, id);
  }
}
