import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { resourceRoutes } from '../common/http/resource-routes';
import { Page, PageQuery } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreateTaxMappingInput, UpdateTaxMappingInput } from './dto/tax.inputs';
import { TaxMappingView } from './dto/tax.views';
import { TaxMappingsService } from './tax-mappings.service';

const MAPPING_RULES =
  'On an order of one of `orderTypes`, a line taxed by `fromTaxRateId` is taxed by `toTaxRateId` instead ' +
  '(null: exempt from it). Both rates active, different, and at most one mapping per rate and order type (422).';

const MappingRoute = resourceRoutes('tax mapping', TaxMappingView);

@ApiTags('taxes')
@Controller('tax-mappings')
@Roles(Role.Admin)
export class TaxMappingsController {
  constructor(private readonly mappings: TaxMappingsService) {}

  @MappingRoute.list('List tax mappings (fiscal positions by order type), by name')
  list(@Query() query: PageQuery): Promise<Page<TaxMappingView>> {
    return this.mappings.list(query);
  }

  @MappingRoute.create({ summary: 'Create a tax mapping', description: MAPPING_RULES }, Idempotent())
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateTaxMappingInput,
  ): Promise<TaxMappingView> {
    return this.mappings.create(principal, input);
  }

  @MappingRoute.read('Read a tax mapping')
  get(@Param('id') id: string): Promise<TaxMappingView> {
    return this.mappings.get(id);
  }

  @MappingRoute.update({
    summary: 'Change a tax mapping',
    description: `${MAPPING_RULES} Items already ordered keep their rates.`,
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateTaxMappingInput,
  ): Promise<TaxMappingView> {
    return this.mappings.update(principal, id, input);
  }

  @MappingRoute.remove('Delete a tax mapping')
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.mappings.remove(principal, id);
  }
}
