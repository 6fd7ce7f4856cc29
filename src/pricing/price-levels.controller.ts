import { MANAGED_BY_HQ_CONFLICT } from '../common/errors/managed-by-hq';
import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { resourceRoutes } from '../common/http/resource-routes';
import { Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreatePriceLevelInput, UpdatePriceLevelInput } from './dto/price-level.inputs';
import { PriceLevelView } from './dto/price-level.views';
import { PriceLevelsService } from './price-levels.service';

const LEVEL_RULES =
  'A line is priced by the level of its table’s area (`location.priceLevelId`), else by the level naming its ' +
  'order type; that level prices the variations it names, the others keep their list price; a price rule in ' +
  'force comes first. Each variation once, of a live dish; each order type on one level (422).';

const LevelRoute = resourceRoutes('price level', PriceLevelView);

@ApiTags('pricing')
@Controller('price-levels')
@Roles(Role.Admin)
export class PriceLevelsController {
  constructor(private readonly levels: PriceLevelsService) {}

  @LevelRoute.list('List price levels, by name')
  list(@Query() query: PageQuery): Promise<Page<PriceLevelView>> {
    return this.levels.list(query);
  }

  @LevelRoute.create({ summary: 'Create a price level', description: LEVEL_RULES }, Idempotent())
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreatePriceLevelInput,
  ): Promise<PriceLevelView> {
    return this.levels.create(principal, input);
  }

  @LevelRoute.read('Read a price level')
  get(@Param('id') id: string): Promise<PriceLevelView> {
    return this.levels.get(id);
  }

  @LevelRoute.update({
    summary: 'Change a price level',
    description:
      `${LEVEL_RULES} Items already ordered keep their prices. A level from headquarters’ catalog (hqKey set) ` +
      'keeps its name, prices and order types: 409 MANAGED_BY_HQ.',
    conflicts: [MANAGED_BY_HQ_CONFLICT],
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdatePriceLevelInput,
  ): Promise<PriceLevelView> {
    return this.levels.update(principal, id, input);
  }

  @LevelRoute.remove({
    summary: 'Delete a price level that no area names',
    conflict: 'an area names the level',
    conflicts: [MANAGED_BY_HQ_CONFLICT],
  })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.levels.remove(principal, id);
  }
}
