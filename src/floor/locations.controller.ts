import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
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
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { CreateLocationInput, UpdateLocationInput } from './dto/floor.inputs';
import { LocationView, TableView } from './dto/floor.views';
import { FloorService } from './floor.service';

@ApiTags('floor')
@Controller('locations')
export class LocationsController {
  constructor(private readonly floor: FloorService) {}

  @Get()
  @Scopes(Scope.TablesRead)
  @ApiOperation({ summary: 'Rooms and areas, in floor-plan order' })
  @ApiPageResponse(LocationView)
  list(@Query() query: PageQuery): Promise<Page<LocationView>> {
    return this.floor.listLocations(query);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add a location: a room or area of the floor' })
  @ApiCreatedResponse({ type: LocationView })
  create(@CurrentPrincipal() actor: Principal, @Body() input: CreateLocationInput): Promise<LocationView> {
    return this.floor.createLocation(actor, input);
  }

  @Get(':id')
  @Scopes(Scope.TablesRead)
  @ApiOperation({ summary: 'One location' })
  @ApiOkResponse({ type: LocationView })
  get(@Param('id') id: string): Promise<LocationView> {
    return this.floor.getLocation(id);
  }

  @Get(':id/tables')
  @Scopes(Scope.TablesRead)
  @ApiOperation({ summary: 'The tables of one location' })
  @ApiPageResponse(TableView)
  @ApiNotFound('location')
  tables(
    @CurrentPrincipal() viewer: Principal,
    @Param('id') id: string,
    @Query() query: PageQuery,
  ): Promise<Page<TableView>> {
    return this.floor.tablesOfLocation(viewer, id, query);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Rename a location, change its place in the floor-plan order or its price level' })
  @ApiOkResponse({ type: LocationView })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: UpdateLocationInput,
  ): Promise<LocationView> {
    return this.floor.updateLocation(actor, id, input);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a location that has no tables, past or present' })
  @ApiNoContentResponse()
  async remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<void> {
    await this.floor.removeLocation(actor, id);
  }
}
