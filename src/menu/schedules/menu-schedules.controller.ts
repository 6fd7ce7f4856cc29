import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../../common/access/access.decorators';
import type { Principal } from '../../common/access/principal';
import { Role } from '../../common/access/role';
import { Scope } from '../../common/access/scope';
import { ApiNotFound } from '../../common/errors/api-not-found';
import { ErrorBody } from '../../common/errors/error-body';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import {
  CreateMenuScheduleInput,
  MenuScheduleListQuery,
  UpdateMenuScheduleInput,
} from './dto/schedule.inputs';
import { MenuScheduleView } from './dto/schedule.views';
import { MenuSchedulesService } from './menu-schedules.service';

@ApiTags('menu')
@Controller('menu-schedules')
export class MenuSchedulesController {
  constructor(private readonly schedules: MenuSchedulesService) {}

  @Get()
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'List menu schedules (dayparts), by name (any staff)' })
  @ApiPageResponse(MenuScheduleView)
  list(@Query() query: MenuScheduleListQuery): Promise<Page<MenuScheduleView>> {
    return this.schedules.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({
    summary: 'Create a menu schedule',
    description:
      'Weekly windows on the restaurant clock (RESTAURANT_TIMEZONE). Categories and dishes that name it are on ' +
      'the menu, and can be ordered, only while one of its windows runs.',
  })
  @ApiCreatedResponse({ type: MenuScheduleView })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateMenuScheduleInput,
  ): Promise<MenuScheduleView> {
    return this.schedules.create(principal, input);
  }

  @Get(':id')
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'Read a menu schedule' })
  @ApiOkResponse({ type: MenuScheduleView })
  @ApiNotFound('menu schedule')
  get(@Param('id') id: string): Promise<MenuScheduleView> {
    return this.schedules.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({ summary: 'Rename a menu schedule or replace its windows; the menu follows at once' })
  @ApiOkResponse({ type: MenuScheduleView })
  @ApiNotFound('menu schedule')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateMenuScheduleInput,
  ): Promise<MenuScheduleView> {
    return this.schedules.update(principal, id, input);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a menu schedule that nothing names' })
  @ApiNoContentResponse()
  @ApiNotFound('menu schedule')
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CONFLICT: categories, dishes or price rules name it',
  })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.schedules.remove(principal, id);
  }
}
