import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { resourceRoutes } from '../common/http/resource-routes';
import { MenuReaders, MenuWriters } from './menu-access';
import { Page, PageQuery } from '../common/pagination/page';
import { IngredientsService } from './ingredients.service';
import { CreateIngredientInput, UpdateIngredientInput } from './dto/menu.inputs';
import { IngredientView } from './dto/menu.views';

const IngredientRoute = resourceRoutes('ingredient', IngredientView);

@ApiTags('menu')
@Controller('ingredients')
export class IngredientsController {
  constructor(private readonly ingredients: IngredientsService) {}

  @IngredientRoute.list('List ingredients (any staff), by name', MenuReaders())
  list(@Query() query: PageQuery): Promise<Page<IngredientView>> {
    return this.ingredients.list(query);
  }

  @IngredientRoute.create('Create an ingredient with its allergens', MenuWriters())
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateIngredientInput,
  ): Promise<IngredientView> {
    return this.ingredients.create(principal, input);
  }

  @IngredientRoute.read('Read an ingredient (any staff)', MenuReaders())
  get(@Param('id') id: string): Promise<IngredientView> {
    return this.ingredients.get(id);
  }

  @IngredientRoute.update(
    "Rename an ingredient or replace its allergens (the dishes' allergens follow)",
    MenuWriters(),
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateIngredientInput,
  ): Promise<IngredientView> {
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
