import { Body, Controller, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import { Scope } from '../common/access/scope';
import { childRoutes, resourceRoutes } from '../common/http/resource-routes';
import { MenuReaders, MenuWriters } from './menu-access';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { Page, PageQuery } from '../common/pagination/page';
import { DishAvailabilityService } from './dish-availability.service';
import { DishVariationsService } from './dish-variations.service';
import { DishesService } from './dishes.service';
import { AvailabilityInput, StockInput } from './dto/availability.inputs';
import {
  CreateDishInput,
  CreateVariationInput,
  DishListQuery,
  UpdateDishInput,
  UpdateVariationInput,
} from './dto/menu.inputs';
import { DishView, VariationView } from './dto/menu.views';
import { MANAGED_BY_HQ_CONFLICT } from '../common/errors/managed-by-hq';
import { VariationStock } from './variation-stock.service';

const DishRoute = resourceRoutes('dish', DishView);
const VariationRoute = childRoutes('dish', 'variation', 'variations', 'variationId', VariationView);
const VARIATION_NAME_TAKEN = 'the dish has a variation of that name';

@ApiTags('menu')
@Controller('dishes')
export class DishesController {
  constructor(
    private readonly dishes: DishesService,
    private readonly variations: DishVariationsService,
    private readonly availability: DishAvailabilityService,
    private readonly stock: VariationStock,
  ) {}

  @DishRoute.list('List dishes (any staff), by name; deleted dishes never show', MenuReaders())
  list(@Query() query: DishListQuery): Promise<Page<DishView>> {
    return this.dishes.list(query);
  }

  @DishRoute.create(
    {
      summary: 'Create a dish with its variations',
      description:
        'Give either `price` (one variation named "Regular") or `variations` (at least one), not both. ' +
        'categoryId, stationId and ingredientIds must exist, else 422 naming the field.',
    },
    MenuWriters(),
  )
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateDishInput): Promise<DishView> {
    return this.dishes.create(principal, input);
  }

  @DishRoute.read('Read a dish (any staff)', MenuReaders())
  get(@Param('id') id: string): Promise<DishView> {
    return this.dishes.get(id);
  }

  @DishRoute.update(
    {
      summary: 'Change a dish',
      description:
        'Variations and availability have their own routes. ingredientIds replaces the whole list. A dish from ' +
        "headquarters' catalog (hqKey set) keeps its name, description, categoryId, stationId and combo: 409 " +
        'MANAGED_BY_HQ; the rest (prep time, tax rates, schedule, ingredients, modifier groups) is the site’s.',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateDishInput,
  ): Promise<DishView> {
    return this.dishes.update(principal, id, input);
  }

  @DishRoute.remove(
    {
      summary: 'Delete a dish: it is kept for the orders that refer to it, but hidden everywhere',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.dishes.remove(principal, id);
  }

  @Patch(':id/availability')
  @Roles(Role.Manager, Role.Admin, Role.Kitchen)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({
    summary: '"86" a dish, or bring it back',
    description: 'A change raises menu.availability_changed `{dishId, available}`. Answers the dish.',
  })
  @ApiOkResponse({ type: DishView })
  @ApiNotFound('dish')
  setAvailability(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: AvailabilityInput,
  ): Promise<DishView> {
    return this.availability.setDishAvailability(principal, id, input.available);
  }

  @VariationRoute.list("List a dish's variations (any staff), by sortOrder then name", MenuReaders())
  listVariations(@Param('id') id: string, @Query() query: PageQuery): Promise<Page<VariationView>> {
    return this.variations.list(id, query);
  }

  @VariationRoute.create(
    {
      summary: 'Add a variation (size, variant) with its price',
      conflict: VARIATION_NAME_TAKEN,
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  createVariation(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: CreateVariationInput,
  ): Promise<VariationView> {
    return this.variations.create(principal, id, input);
  }

  @VariationRoute.update(
    {
      summary: 'Rename, reprice or reorder a variation',
      description:
        "A variation from headquarters' catalog (hqKey set) keeps its name, price and sortOrder: 409 MANAGED_BY_HQ.",
      conflict: VARIATION_NAME_TAKEN,
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  updateVariation(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('variationId') variationId: string,
    @Body() input: UpdateVariationInput,
  ): Promise<VariationView> {
    return this.variations.update(principal, id, variationId, input);
  }

  @VariationRoute.remove(
    {
      summary: 'Delete a variation: kept for orders, hidden everywhere; never the last one',
      conflict: 'it is the last variation of the dish',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  async removeVariation(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('variationId') variationId: string,
  ): Promise<void> {
    await this.variations.remove(principal, id, variationId);
  }

  @Patch(':id/variations/:variationId/availability')
  @Roles(Role.Manager, Role.Admin, Role.Kitchen)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({
    summary: '"86" one variation, or bring it back',
    description:
      'A change raises menu.availability_changed `{dishId, variationId, available}`. Answers the dish.',
  })
  @ApiOkResponse({ type: DishView })
  @ApiNotFound('dish or variation')
  setVariationAvailability(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('variationId') variationId: string,
    @Body() input: AvailabilityInput,
  ): Promise<DishView> {
    return this.availability.setVariationAvailability(principal, id, variationId, input.available);
  }

  @Patch(':id/variations/:variationId/stock')
  @Roles(Role.Manager, Role.Admin, Role.Kitchen)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({
    summary: 'Count the portions left of a variation, or stop counting (null)',
    description:
      'Every order takes from the count in its own transaction and is refused with 422 OUT_OF_STOCK when too few ' +
      'are left; a void or a cancellation puts the quantity back. At STOCK_LOW_THRESHOLD or below after an order ' +
      'the kitchen hears menu.stock_low `{dishId, variationId, count}`. At 0 the variation is sold out: it leaves ' +
      'the menu (menu.availability_changed) and comes back when the count rises again (here, or by a void), ' +
      "unless a person 86'd it. Audited. Answers the variation.",
  })
  @ApiOkResponse({ type: VariationView })
  @ApiNotFound('dish or variation')
  setStock(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('variationId') variationId: string,
    @Body() input: StockInput,
  ): Promise<VariationView> {
    return this.stock.setCount(principal, id, variationId, input.count);
  }
}
