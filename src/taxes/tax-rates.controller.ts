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
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page } from '../common/pagination/page';
import { Idempotent } from '../idempotency/idempotent.interceptor';
import { CreateTaxRateInput, TaxRateListQuery, UpdateTaxRateInput } from './dto/tax.inputs';
import { TaxRateView } from './dto/tax.views';
import { TaxRatesService } from './tax-rates.service';

@ApiTags('taxes')
@Controller('tax-rates')
export class TaxRatesController {
  constructor(private readonly rates: TaxRatesService) {}

  @Get()
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'List tax rates (any staff), by name' })
  @ApiPageResponse(TaxRateView)
  list(@Query() query: TaxRateListQuery): Promise<Page<TaxRateView>> {
    return this.rates.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @Idempotent()
  @ApiOperation({
    summary: 'Create a tax rate',
    description:
      'percent from 0 to 100 with at most 4 decimals. Default rates apply to categories that name none of ' +
      'their own; a default rate must be active.',
  })
  @ApiCreatedResponse({ type: TaxRateView })
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateTaxRateInput): Promise<TaxRateView> {
    return this.rates.create(principal, input);
  }

  @Get(':id')
  @Scopes(Scope.MenuRead)
  @ApiOperation({ summary: 'Read a tax rate (any staff)' })
  @ApiOkResponse({ type: TaxRateView })
  @ApiNotFound('tax rate')
  get(@Param('id') id: string): Promise<TaxRateView> {
    return this.rates.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Rename a tax rate, change its percent, make it a default or (de)activate it',
    description: 'Items already ordered keep the rate as they copied it.',
  })
  @ApiOkResponse({ type: TaxRateView })
  @ApiNotFound('tax rate')
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CONFLICT: deactivating a rate that a dish, category or mapping names',
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateTaxRateInput,
  ): Promise<TaxRateView> {
    return this.rates.update(principal, id, input);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a tax rate that nothing names' })
  @ApiNoContentResponse()
  @ApiNotFound('tax rate')
  @ApiConflictResponse({
    type: ErrorBody,
    description: "CONFLICT: a dish, category, mapping or an open order's item names the rate",
  })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.rates.remove(principal, id);
  }
}
