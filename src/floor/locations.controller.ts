import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import { Scope } from '../common/access/scope';
import { resourceRoutes } from '../common/http/resource-routes';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { CreateLocationInput, UpdateLocationInput } from './dto/floor.inputs';
import { LocationView, TableView } from './dto/floor.views';
import { FloorService } from './floor.service';

const LocationRoute = resourceRoutes('location', LocationView);

@ApiTags('floor')
@Controller('locations')
export class LocationsController {
  constructor(private readonly floor: FloorService) {}

  @LocationRoute.list('Rooms and areas, in floor-plan order', Scopes(Scope.TablesRead))
  list(@Query() query: PageQuery): Promise<Page<LocationView>> {
    return this.floor.listLocations(query);
  }

  @LocationRoute.create('Add a location: a room or area of the floor', Roles(Role.Admin))
  create(@CurrentPrincipal() actor: Principal, @Body() input: CreateLocationInput): Promise<LocationView> {
    return this.floor.createLocation(actor, input);
  }

  @LocationRoute.read('One location', Scopes(Scope.TablesRead))
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

  @LocationRoute.update(
    'Rename a location, change its place in the floor-plan order or its price level',
    Roles(Role.Admin),
  )
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() input: UpdateLocationInput,
  ): Promise<LocationView> {
    return this.floor.updateLocation(actor, id, input);
  }

  @LocationRoute.remove('Delete a location that has no tables, past or present', Roles(Role.Admin))
  async remove(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<void> {
    await this.floor.removeLocation(actor, id);
  }
}
