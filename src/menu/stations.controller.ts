import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import { Scope } from '../common/access/scope';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { StationsService } from './stations.service';
import { StationInput, UpdateStationInput } from './dto/menu.inputs';
import { StationView } from './dto/menu.views';

@ApiTags('menu')
@Controller('stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Get()
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'List kitchen stations (any staff), by name' })
  @ApiPageResponse(StationView)
  list(@Query() query: PageQuery): Promise<Page<StationView>> {
    return this.stations.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({ summary: 'Create a kitchen station' })
  @ApiCreatedResponse({ type: StationView })
  create(@CurrentPrincipal() principal: Principal, @Body() input: StationInput): Promise<StationView> {
    return this.stations.create(principal, input);
  }

  @Get(':id')
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'Read a kitchen station (any staff)' })
  @ApiOkResponse({ type: StationView })
  @ApiNotFound('station')
  get(@Param('id') id: string): Promise<StationView> {
    return this.stations.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({ summary: 'Rename a kitchen station' })
  @ApiOkResponse({ type: StationView })
  @ApiNotFound('station')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateStationInput,
  ): Promise<StationView> {
    return this.stations.update(principal, id, input);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a kitchen station that no dish uses' })
  @ApiNoContentResponse()
  @ApiNotFound('station')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: dishes still use the station' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.stations.remove(principal, id);
  }
}
