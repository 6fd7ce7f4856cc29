import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreatePriceLevelInput, UpdatePriceLevelInput } from './dto/price-level.inputs';
import { PriceLevelView } from './dto/price-level.views';
import { PriceLevelsService } from './price-levels.service';

const LEVEL_RULES =
  'A line is priced by the level of its table’s area (`location.priceLevelId`), else by the level naming its ' +
  'order type; that level prices the variations it names, the others keep their list price; a price rule in ' +
  'force comes first. Each variation once, of a live dish; each order type on one level (422).';

@ApiTags('pricing')
@Controller('price-levels')
@Roles(Role.Admin)
export class PriceLevelsController {
  constructor(private readonly levels: PriceLevelsService) {}

  @Get()
  @ApiOperation({ summary: 'List price levels, by name' })
  @ApiPageResponse(PriceLevelView)
  list(@Query() query: PageQuery): Promise<Page<PriceLevelView>> {
    return this.levels.list(query);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create a price level', description: LEVEL_RULES })
  @ApiCreatedResponse({ type: PriceLevelView })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreatePriceLevelInput,
  ): Promise<PriceLevelView> {
    return this.levels.create(principal, input);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a price level' })
  @ApiOkResponse({ type: PriceLevelView })
  @ApiNotFound('price level')
  get(@Param('id') id: string): Promise<PriceLevelView> {
    return this.levels.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a price level',
    description: `${LEVEL_RULES} Items already ordered keep their prices.`,
  })
  @ApiOkResponse({ type: PriceLevelView })
  @ApiNotFound('price level')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdatePriceLevelInput,
  ): Promise<PriceLevelView> {
    return this.levels.update(principal, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a price level that no area names' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: an area names the level' })
  @ApiNotFound('price level')
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.levels.remove(principal, id);
  }
}
