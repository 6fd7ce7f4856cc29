import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { resourceRoutes } from '../common/http/resource-routes';
import { Page, PageQuery } from '../common/pagination/page';
import { MenuReaders, MenuWriters } from '../menu/menu-access';
import { CreateStockedIngredientInput, UpdateStockedIngredientInput } from './dto/inventory.inputs';
import { StockedIngredientView } from './dto/inventory.views';
import { StockedIngredients } from './stocked-ingredients.service';

const IngredientRoute = resourceRoutes('ingredient', StockedIngredientView);

@ApiTags('inventory')
@Controller('ingredients')
export class IngredientsController {
  constructor(private readonly ingredients: StockedIngredients) {}

  @IngredientRoute.list('List ingredients (any staff), by name, with their stock', MenuReaders())
  list(@Query() query: PageQuery): Promise<Page<StockedIngredientView>> {
    return this.ingredients.list(query);
  }

  @IngredientRoute.create(
    {
      summary: 'Create an ingredient with its allergens and, optionally, how it is stocked',
      description:
        'stock: base unit (g, ml, piece), pack units, cost in minor units per 1,000 base units, storage area, par, ' +
        'reorder point and low threshold. On-hand starts at 0 and moves only with stock movements.',
    },
    MenuWriters(),
  )
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateStockedIngredientInput,
  ): Promise<StockedIngredientView> {
    return this.ingredients.create(principal, input);
  }

  @IngredientRoute.read('Read an ingredient with its stock (any staff)', MenuReaders())
  get(@Param('id') id: string): Promise<StockedIngredientView> {
    return this.ingredients.get(id);
  }

  @IngredientRoute.update(
    {
      summary:
        "Rename an ingredient, replace its allergens (the dishes' allergens follow) or change its stock fields",
      description: 'The base unit is fixed once a recipe or a stock movement uses the ingredient.',
      conflict: 'the base unit is in use',
    },
    MenuWriters(),
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateStockedIngredientInput,
  ): Promise<StockedIngredientView> {
    return this.ingredients.update(principal, id, input);
  }

  @IngredientRoute.remove(
    { summary: 'Delete an ingredient that no dish uses', conflict: 'dishes still use the ingredient' },
    MenuWriters(),
  )
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.ingredients.remove(principal, id);
  }
}
