import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiPageResponse, Page } from '../common/pagination/page';
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

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role, password or PIN, or deactivate (active: false)' })
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
