import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, Scopes } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { MANAGED_BY_HQ_CONFLICT } from '../common/errors/managed-by-hq';
import { Scope } from '../common/access/scope';
import { resourceRoutes } from '../common/http/resource-routes';
import { Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreateTaxRateInput, TaxRateListQuery, UpdateTaxRateInput } from './dto/tax.inputs';
import { TaxRateView } from './dto/tax.views';
import { TaxRatesService } from './tax-rates.service';

const RateRoute = resourceRoutes('tax rate', TaxRateView);

@ApiTags('taxes')
@Controller('tax-rates')
export class TaxRatesController {
  constructor(private readonly rates: TaxRatesService) {}

  @RateRoute.list('List tax rates (any staff), by name', Scopes(Scope.MenuRead))
  list(@Query() query: TaxRateListQuery): Promise<Page<TaxRateView>> {
    return this.rates.list(query);
  }

  @RateRoute.create(
    {
      summary: 'Create a tax rate',
      description:
        'percent from 0 to 100 with at most 4 decimals. Default rates apply to categories that name none of ' +
        'their own; a default rate must be active.',
    },
    Roles(Role.Admin),
    Idempotent(),
  )
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateTaxRateInput): Promise<TaxRateView> {
    return this.rates.create(principal, input);
  }

  @RateRoute.read('Read a tax rate (any staff)', Scopes(Scope.MenuRead))
  get(@Param('id') id: string): Promise<TaxRateView> {
    return this.rates.get(id);
  }

  @RateRoute.update(
    {
      summary: 'Rename a tax rate, change its percent, make it a default or (de)activate it',
      description:
        'Items already ordered keep the rate as they copied it. A rate from headquarters’ catalog (hqKey set) ' +
        'keeps its name and percent: 409 MANAGED_BY_HQ; whether it is a default or active is the site’s.',
      conflict: 'deactivating a rate that a dish, category or mapping names',
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    Roles(Role.Admin),
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateTaxRateInput,
  ): Promise<TaxRateView> {
    return this.rates.update(principal, id, input);
  }

  @RateRoute.remove(
    {
      summary: 'Delete a tax rate that nothing names',
      conflict: "a dish, category, mapping or an open order's item names the rate",
      conflicts: [MANAGED_BY_HQ_CONFLICT],
    },
    Roles(Role.Admin),
  )
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.rates.remove(principal, id);
  }
}
