import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { CatalogService } from './catalog.service';
import {
  CategoryListQuery,
  CreateCategoryInput,
  CreateIngredientInput,
  StationInput,
  UpdateCategoryInput,
  UpdateIngredientInput,
  UpdateStationInput,
} from './dto/menu.inputs';
import { AllergenView, CategoryView, IngredientView, StationView } from './dto/menu.views';

@ApiTags('menu')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({ summary: 'List menu categories (any staff), by sortOrder then name' })
  @ApiPageResponse(CategoryView)
  list(@Query() query: CategoryListQuery): Promise<Page<CategoryView>> {
    return this.catalog.listCategories(query);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create a category' })
  @ApiCreatedResponse({ type: CategoryView })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateCategoryInput,
  ): Promise<CategoryView> {
    return this.catalog.createCategory(principal, input);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a category' })
  @ApiOkResponse({ type: CategoryView })
  @ApiNotFound('category')
  get(@Param('id') id: string): Promise<CategoryView> {
    return this.catalog.getCategory(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Rename, reorder, or (de)activate a category; inactive ones leave /menu' })
  @ApiOkResponse({ type: CategoryView })
  @ApiNotFound('category')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateCategoryInput,
  ): Promise<CategoryView> {
    return this.catalog.updateCategory(principal, id, input);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a category that no dish uses' })
  @ApiNoContentResponse()
  @ApiNotFound('category')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: dishes still use the category' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.catalog.removeCategory(principal, id);
  }
}

@ApiTags('menu')
@Controller('stations')
export class StationsController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({ summary: 'List kitchen stations (any staff), by name' })
  @ApiPageResponse(StationView)
  list(@Query() query: PageQuery): Promise<Page<StationView>> {
    return this.catalog.listStations(query);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create a kitchen station' })
  @ApiCreatedResponse({ type: StationView })
  create(@CurrentPrincipal() principal: Principal, @Body() input: StationInput): Promise<StationView> {
    return this.catalog.createStation(principal, input);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a kitchen station (any staff)' })
  @ApiOkResponse({ type: StationView })
  @ApiNotFound('station')
  get(@Param('id') id: string): Promise<StationView> {
    return this.catalog.getStation(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Rename a kitchen station' })
  @ApiOkResponse({ type: StationView })
  @ApiNotFound('station')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateStationInput,
  ): Promise<StationView> {
    return this.catalog.updateStation(principal, id, input);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a kitchen station that no dish uses' })
  @ApiNoContentResponse()
  @ApiNotFound('station')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: dishes still use the station' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.catalog.removeStation(principal, id);
  }
}

@ApiTags('menu')
@Controller()
export class IngredientsController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('allergens')
  @Public()
  @ApiOperation({ summary: 'The allergen vocabulary (the EU 14): the codes ingredients may carry' })
  @ApiOkResponse({ type: [AllergenView] })
  allergens(): AllergenView[] {
    return this.catalog.allergens();
  }

  @Get('ingredients')
  @ApiOperation({ summary: 'List ingredients (any staff), by name' })
  @ApiPageResponse(IngredientView)
  list(@Query() query: PageQuery): Promise<Page<IngredientView>> {
    return this.catalog.listIngredients(query);
  }

  @Post('ingredients')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create an ingredient with its allergens' })
  @ApiCreatedResponse({ type: IngredientView })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateIngredientInput,
  ): Promise<IngredientView> {
    return this.catalog.createIngredient(principal, input);
  }

  @Get('ingredients/:id')
  @ApiOperation({ summary: 'Read an ingredient (any staff)' })
  @ApiOkResponse({ type: IngredientView })
  @ApiNotFound('ingredient')
  get(@Param('id') id: string): Promise<IngredientView> {
    return this.catalog.getIngredient(id);
  }

  @Patch('ingredients/:id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "Rename an ingredient or replace its allergens (the dishes' allergens follow)" })
  @ApiOkResponse({ type: IngredientView })
  @ApiNotFound('ingredient')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateIngredientInput,
  ): Promise<IngredientView> {
    return this.catalog.updateIngredient(principal, id, input);
  }

  @Delete('ingredients/:id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an ingredient that no dish uses' })
  @ApiNoContentResponse()
  @ApiNotFound('ingredient')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: dishes still use the ingredient' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.catalog.removeIngredient(principal, id);
  }
}
