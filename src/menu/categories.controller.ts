import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { resourceRoutes } from '../common/http/resource-routes';
import { MenuReaders, MenuWriters } from './menu-access';
import { Page } from '../common/pagination/page';
import { CategoriesService } from './categories.service';
import { CategoryListQuery, CreateCategoryInput, UpdateCategoryInput } from './dto/menu.inputs';
import { CategoryView } from './dto/menu.views';
import { MANAGED_BY_HQ_CONFLICT } from '../common/errors/managed-by-hq';

const HQ_OWNED_NOTE =
  "A category from headquarters' catalog (hqKey set) keeps its name and sortOrder: 409 MANAGED_BY_HQ.";

const CategoryRoute = resourceRoutes('category', CategoryView);

@ApiTags('menu')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @CategoryRoute.list('List menu categories (any staff), by sortOrder then name', MenuReaders())
  list(@Query() query: CategoryListQuery): Promise<Page<CategoryView>> {
    return this.categories.list(query);
  }

  @CategoryRoute.create('Create a category', MenuWriters())
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateCategoryInput,
  ): Promise<CategoryView> {
    return this.categories.create(principal, input);
  }

  @CategoryRoute.read('Read a category', MenuReaders())
  get(@Param('id') id: string): Promise<CategoryView> {
    return this.categories.get(id);
  }

  @CategoryRoute.update(
    {
      summary: 'Rename, reorder, or (de)activate a category; inactive ones leave /menu',
      description: HQ_OWNED_NOTE,
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateCategoryInput,
  ): Promise<CategoryView> {
    return this.categories.update(principal, id, input);
  }

  @CategoryRoute.remove(
    {
      summary: 'Delete a category that no dish uses',
      conflict: 'dishes still use the category',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    MenuWriters(),
  )
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.categories.remove(principal, id);
  }
}
