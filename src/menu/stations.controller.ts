import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { resourceRoutes } from '../common/http/resource-routes';
import { MenuReaders, MenuWriters } from './menu-access';
import { Page, PageQuery } from '../common/pagination/page';
import { StationsService } from './stations.service';
import { StationInput, UpdateStationInput } from './dto/station.inputs';
import { StationView } from './dto/menu.views';
import { MANAGED_BY_HQ_CONFLICT } from '../common/errors/managed-by-hq';

const StationRoute = resourceRoutes('station', StationView);

const INVALID_TIMERS =
  'VALIDATION_ERROR naming the field: a threshold outside 1 to 240 minutes, or warnAfterMinutes not below ' +
  'lateAfterMinutes (a threshold sent alone is checked against the other one stored)';

@ApiTags('menu')
@Controller('stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @StationRoute.list('List kitchen stations (any staff), by name', MenuReaders())
  list(@Query() query: PageQuery): Promise<Page<StationView>> {
    return this.stations.list(query);
  }

  @StationRoute.create(
    { summary: 'Create a kitchen station, with its screens’ timer thresholds', invalid: INVALID_TIMERS },
    MenuWriters(),
  )
  create(@CurrentPrincipal() principal: Principal, @Body() input: StationInput): Promise<StationView> {
    return this.stations.create(principal, input);
  }

  @StationRoute.read('Read a kitchen station (any staff)', MenuReaders())
  get(@Param('id') id: string): Promise<StationView> {
    return this.stations.get(id);
  }

  @StationRoute.update(
    {
      summary: 'Rename a kitchen station, or change its screens’ timer thresholds',
      description: "A station from headquarters' catalog (hqKey set) keeps its name: 409 MANAGED_BY_HQ.",
      invalid: INVALID_TIMERS,
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateStationInput,
  ): Promise<StationView> {
    return this.stations.update(principal, id, input);
  }

  @StationRoute.remove(
    {
      summary: 'Delete a kitchen station that no dish uses',
      conflict: 'dishes still use the station',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.stations.remove(principal, id);
  }
}
