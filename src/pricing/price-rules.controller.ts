import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { resourceRoutes } from '../common/http/resource-routes';
import { Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreatePriceRuleInput, UpdatePriceRuleInput } from './dto/price-rule.inputs';
import { PriceRuleView } from './dto/price-rule.views';
import { PriceRulesService } from './price-rules.service';

const RULE_RULES =
  'While its schedule is on, a line of its category, dish or variation on an order of one of its types is sold ' +
  'at the rule’s price when it is ordered: a percent off the price it replaces (the price level’s, else the ' +
  'list price) or a fixed price. Rules come before levels; of several, the lowest price wins, and equal prices go ' +
  'to the rule whose id sorts first. Items already ordered keep their price.';

const RuleRoute = resourceRoutes('price rule', PriceRuleView);

@ApiTags('pricing')
@Controller('price-rules')
@Roles(Role.Admin)
export class PriceRulesController {
  constructor(private readonly rules: PriceRulesService) {}

  @RuleRoute.list('List price rules (happy hours), by name')
  list(@Query() query: PageQuery): Promise<Page<PriceRuleView>> {
    return this.rules.list(query);
  }

  @RuleRoute.create({ summary: 'Create a price rule', description: RULE_RULES }, Idempotent())
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreatePriceRuleInput,
  ): Promise<PriceRuleView> {
    return this.rules.create(principal, input);
  }

  @RuleRoute.read('Read a price rule')
  get(@Param('id') id: string): Promise<PriceRuleView> {
    return this.rules.get(id);
  }

  @RuleRoute.update({ summary: 'Change a price rule', description: RULE_RULES })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdatePriceRuleInput,
  ): Promise<PriceRuleView> {
    return this.rules.update(principal, id, input);
  }

  @RuleRoute.remove('Delete a price rule; items it priced keep their price and priceRuleId')
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.rules.remove(principal, id);
  }
}
