import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentStaff, Roles } from '../common/access/access.decorators';
import type { Principal, StaffPrincipal } from '../common/access/principal';
import { ALL_ROLES, Role } from '../common/access/role';
import { LoginView } from '../audit/dto/login.view';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { CreateUserInput, UpdateUserInput, UserListQuery } from './dto/user.inputs';
import { UserView } from './dto/user.view';
import { UsersService } from './users.service';

@ApiTags('staff')
@Roles(Role.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List staff accounts' })
  @ApiPageResponse(UserView)
  list(@Query() query: UserListQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a staff account (a password, a PIN, or both)' })
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentPrincipal() actor: Principal, @Body() input: CreateUserInput): Promise<UserView> {
    return this.users.create(actor, input);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One staff account' })
  @ApiOkResponse({ type: UserView })
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

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change name, role, password or PIN, or deactivate (active: false). A new (or removed) password or PIN ends every session of the user, but the caller’s own when changing their own',
  })
  @ApiOkResponse({ type: UserView })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: UpdateUserInput,
  ): Promise<UserView> {
    return this.users.update(actor, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Delete a staff account; one who has taken orders is deactivated instead; never the last active admin',
  })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<void> {
    await this.users.remove(actor, id);
  }
}
