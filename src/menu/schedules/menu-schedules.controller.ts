import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/access/access.decorators';
import type { Principal } from '../../common/access/principal';
import { MANAGED_BY_HQ_CONFLICT } from '../../common/errors/managed-by-hq';
import { resourceRoutes } from '../../common/http/resource-routes';
import { Page } from '../../common/pagination/page';
import { MenuReaders, MenuWriters } from '../menu-access';
import {
  CreateMenuScheduleInput,
  MenuScheduleListQuery,
  UpdateMenuScheduleInput,
} from './dto/schedule.inputs';
import { MenuScheduleView } from './dto/schedule.views';
import { MenuSchedulesService } from './menu-schedules.service';

const ScheduleRoute = resourceRoutes('menu schedule', MenuScheduleView);

@ApiTags('menu')
@Controller('menu-schedules')
export class MenuSchedulesController {
  constructor(private readonly schedules: MenuSchedulesService) {}

  @ScheduleRoute.list('List menu schedules (dayparts), by name (any staff)', MenuReaders())
  list(@Query() query: MenuScheduleListQuery): Promise<Page<MenuScheduleView>> {
    return this.schedules.list(query);
  }

  @ScheduleRoute.create(
    {
      summary: 'Create a menu schedule',
      description:
        'Weekly windows on the restaurant clock (its time zone, GET /restaurant). Categories and dishes that name it are on ' +
        'the menu, and can be ordered, only while one of its windows runs.',
    },
    MenuWriters(),
  )
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateMenuScheduleInput,
  ): Promise<MenuScheduleView> {
    return this.schedules.create(principal, input);
  }

  @ScheduleRoute.read('Read a menu schedule', MenuReaders())
  get(@Param('id') id: string): Promise<MenuScheduleView> {
    return this.schedules.get(id);
  }

  @ScheduleRoute.update(
    {
      summary: 'Rename a menu schedule or replace its windows; the menu follows at once',
      description:
        'A schedule from headquarters’ catalog (hqKey set) keeps its name and windows: 409 MANAGED_BY_HQ.',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateMenuScheduleInput,
  ): Promise<MenuScheduleView> {
    return this.schedules.update(principal, id, input);
  }

  @ScheduleRoute.remove(
    {
      summary: 'Delete a menu schedule that nothing names',
      conflict: 'categories, dishes or price rules name it',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.schedules.remove(principal, id);
  }
}
