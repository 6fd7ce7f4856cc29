import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import { Scope } from '../common/access/scope';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { IngredientsService } from './ingredients.service';
import { CreateIngredientInput, UpdateIngredientInput } from './dto/menu.inputs';
import { IngredientView } from './dto/menu.views';

@ApiTags('menu')
@Controller('ingredients')
export class IngredientsController {
  constructor(private readonly ingredients: IngredientsService) {}

  @Get()
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'List ingredients (any staff), by name' })
  @ApiPageResponse(IngredientView)
  list(@Query() query: PageQuery): Promise<Page<IngredientView>> {
    return this.ingredients.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({ summary: 'Create an ingredient with its allergens' })
  @ApiCreatedResponse({ type: IngredientView })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateIngredientInput,
  ): Promise<IngredientView> {
    return this.ingredients.create(principal, input);
  }

  @Get(':id')
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'Read an ingredient (any staff)' })
  @ApiOkResponse({ type: IngredientView })
  @ApiNotFound('ingredient')
  get(@Param('id') id: string): Promise<IngredientView> {
    return this.ingredients.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({ summary: "Rename an ingredient or replace its allergens (the dishes' allergens follow)" })
  @ApiOkResponse({ type: IngredientView })
  @ApiNotFound('ingredient')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateIngredientInput,
  ): Promise<IngredientView> {
    return this.ingredients.update(principal, id, input);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an ingredient that no dish uses' })
  @ApiNoContentResponse()
  @ApiNotFound('ingredient')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: dishes still use the ingredient' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.ingredients.remove(principal, id);
  }
}
