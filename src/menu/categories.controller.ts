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
import { ApiPageResponse, Page } from '../common/pagination/page';
import { CategoriesService } from './categories.service';
import { CategoryListQuery, CreateCategoryInput, UpdateCategoryInput } from './dto/menu.inputs';
import { CategoryView } from './dto/menu.views';

@ApiTags('menu')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'List menu categories (any staff), by sortOrder then name' })
  @ApiPageResponse(CategoryView)
  list(@Query() query: CategoryListQuery): Promise<Page<CategoryView>> {
    return this.categories.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({ summary: 'Create a category' })
  @ApiCreatedResponse({ type: CategoryView })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateCategoryInput,
  ): Promise<CategoryView> {
    return this.categories.create(principal, input);
  }

  @Get(':id')
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'Read a category' })
  @ApiOkResponse({ type: CategoryView })
  @ApiNotFound('category')
  get(@Param('id') id: string): Promise<CategoryView> {
    return this.categories.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @ApiOperation({ summary: 'Rename, reorder, or (de)activate a category; inactive ones leave /menu' })
  @ApiOkResponse({ type: CategoryView })
  @ApiNotFound('category')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateCategoryInput,
  ): Promise<CategoryView> {
    return this.categories.update(principal, id, input);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @Scopes(Scope.MenuWrite)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a category that no dish uses' })
  @ApiNoContentResponse()
  @ApiNotFound('category')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: dishes still use the category' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.categories.remove(principal, id);
  }
}
