import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreatePrepRecipeInput, ProductionInput, RecipeInput } from './dto/inventory.inputs';
import { PrepRecipeView, RecipeView } from './dto/inventory.views';
import { InventoryReaders, InventoryWriters } from './inventory-access';
import { Recipes } from './recipes.service';

const RECIPE_RULES =
  'Each line names an ingredient or a prep recipe (whose yield it takes), a quantity in a unit of the ' +
  "ingredient's base unit (g/kg, ml/l, piece) and a yield percent; one portion takes quantity ÷ yield, rounded to a " +
  'base unit. Replaces the whole recipe; variations and options the stock can no longer cover go off the menu.';

@ApiTags('inventory')
@Controller()
export class RecipesController {
  constructor(private readonly recipes: Recipes) {}

  @Get('dishes/:id/variations/:variationId/recipe')
  @InventoryReaders()
  @ApiOperation({ summary: "A variation's recipe with its plate cost" })
  @ApiOkResponse({ type: RecipeView })
  @ApiNotFound('variation')
  variation(@Param('id') dishId: string, @Param('variationId') variationId: string): Promise<RecipeView> {
    return this.recipes.ofVariation(dishId, variationId);
  }

  @Put('dishes/:id/variations/:variationId/recipe')
  @InventoryWriters()
  @ApiOperation({
    summary: "Set a variation's recipe",
    description: `${RECIPE_RULES} Lines add (mode add only).`,
  })
  @ApiOkResponse({ type: RecipeView })
  @ApiNotFound('variation')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR: a line is not valid' })
  setVariation(
    @CurrentPrincipal() principal: Principal,
    @Param('id') dishId: string,
    @Param('variationId') variationId: string,
    @Body() input: RecipeInput,
  ): Promise<RecipeView> {
    return this.recipes.setForVariation(principal, dishId, variationId, input);
  }

  @Get('modifier-options/:id/recipe')
  @InventoryReaders()
  @ApiOperation({ summary: "A modifier option's recipe with what it adds to the plate cost" })
  @ApiOkResponse({ type: RecipeView })
  @ApiNotFound('modifier option')
  option(@Param('id') id: string): Promise<RecipeView> {
    return this.recipes.ofOption(id);
  }

  @Put('modifier-options/:id/recipe')
  @InventoryWriters()
  @ApiOperation({
    summary: "Set a modifier option's recipe",
    description:
      `${RECIPE_RULES} mode add takes more ("extra cheese"), remove takes less of the dish's line ("no onions", ` +
      'never below 0), replace takes this line instead of the line of replacesIngredientId.',
  })
  @ApiOkResponse({ type: RecipeView })
  @ApiNotFound('modifier option')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR: a line is not valid' })
  setOption(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: RecipeInput,
  ): Promise<RecipeView> {
    return this.recipes.setForOption(principal, id, input);
  }

  @Get('prep-recipes')
  @InventoryReaders()
  @ApiOperation({ summary: 'List prep recipes, by name, with their batch cost' })
  @ApiPageResponse(PrepRecipeView)
  listPrep(@Query() query: PageQuery): Promise<Page<PrepRecipeView>> {
    return this.recipes.listPrep(query);
  }

  @Post('prep-recipes')
  @InventoryWriters()
  @Idempotent()
  @ApiOperation({
    summary: 'Create a prep recipe (a batch made ahead) yielding its own ingredient',
    description: `${RECIPE_RULES} Its lines are taken when a batch is produced, not when a dish using it is sold.`,
  })
  @ApiCreatedResponse({ type: PrepRecipeView })
  @ApiNotFound('ingredient or prep recipe a line names')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR: a line is not valid' })
  createPrep(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreatePrepRecipeInput,
  ): Promise<PrepRecipeView> {
    return this.recipes.createPrep(principal, input);
  }

  @Get('prep-recipes/:id')
  @InventoryReaders()
  @ApiOperation({ summary: 'A prep recipe with its batch cost' })
  @ApiOkResponse({ type: PrepRecipeView })
  @ApiNotFound('prep recipe')
  prep(@Param('id') id: string): Promise<PrepRecipeView> {
    return this.recipes.prep(id);
  }

  @Put('prep-recipes/:id/recipe')
  @InventoryWriters()
  @ApiOperation({ summary: "Set a prep recipe's lines", description: RECIPE_RULES })
  @ApiOkResponse({ type: PrepRecipeView })
  @ApiNotFound('prep recipe')
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'VALIDATION_ERROR: a line is not valid' })
  setPrep(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: RecipeInput,
  ): Promise<PrepRecipeView> {
    return this.recipes.setForPrep(principal, id, input);
  }

  @Post('prep-recipes/:id/productions')
  @InventoryWriters()
  @Idempotent()
  @ApiOperation({
    summary: 'Produce batches of a prep recipe',
    description:
      'Takes its lines × batches from their ingredients (production_out) and adds yieldQuantity × batches to its ' +
      'ingredient (production_in), whose cost becomes what went in. 422 OUT_OF_STOCK naming an ingredient short.',
  })
  @ApiCreatedResponse({ type: PrepRecipeView })
  @ApiNotFound('prep recipe')
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'OUT_OF_STOCK: an ingredient cannot cover it',
  })
  produce(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: ProductionInput,
  ): Promise<PrepRecipeView> {
    return this.recipes.produce(principal, id, input.batches);
  }
}
