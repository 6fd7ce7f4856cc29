import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
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
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreatePriceRuleInput, UpdatePriceRuleInput } from './dto/price-rule.inputs';
import { PriceRuleView } from './dto/price-rule.views';
import { PriceRulesService } from './price-rules.service';

const RULE_RULES =
  'While its schedule is on, a line of its category, dish or variation on an order of one of its types is sold ' +
  'at the rule’s price when it is ordered: a percent off the price it replaces (the price level’s, else the ' +
  'list price) or a fixed price. Rules come before levels; of several, the lowest price wins, and equal prices go ' +
  'to the rule whose id sorts first. Items already ordered keep their price.';

@ApiTags('pricing')
@Controller('price-rules')
@Roles(Role.Admin)
export class PriceRulesController {
  constructor(private readonly rules: PriceRulesService) {}

  @Get()
  @ApiOperation({ summary: 'List price rules (happy hours), by name' })
  @ApiPageResponse(PriceRuleView)
  list(@Query() query: PageQuery): Promise<Page<PriceRuleView>> {
    return this.rules.list(query);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create a price rule', description: RULE_RULES })
  @ApiCreatedResponse({ type: PriceRuleView })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreatePriceRuleInput,
  ): Promise<PriceRuleView> {
    return this.rules.create(principal, input);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a price rule' })
  @ApiOkResponse({ type: PriceRuleView })
  @ApiNotFound('price rule')
  get(@Param('id') id: string): Promise<PriceRuleView> {
    return this.rules.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a price rule', description: RULE_RULES })
  @ApiOkResponse({ type: PriceRuleView })
  @ApiNotFound('price rule')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdatePriceRuleInput,
  ): Promise<PriceRuleView> {
    return this.rules.update(principal, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a price rule; items it priced keep their price and priceRuleId' })
  @ApiNoContentResponse()
  @ApiNotFound('price rule')
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.rules.remove(principal, id);
  }
}
