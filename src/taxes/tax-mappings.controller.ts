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
import { CreateTaxMappingInput, UpdateTaxMappingInput } from './dto/tax.inputs';
import { TaxMappingView } from './dto/tax.views';
import { TaxMappingsService } from './tax-mappings.service';

const MAPPING_RULES =
  'On an order of one of `orderTypes`, a line taxed by `fromTaxRateId` is taxed by `toTaxRateId` instead ' +
  '(null: exempt from it). Both rates active, different, and at most one mapping per rate and order type (422).';

@ApiTags('taxes')
@Controller('tax-mappings')
@Roles(Role.Admin)
export class TaxMappingsController {
  constructor(private readonly mappings: TaxMappingsService) {}

  @Get()
  @ApiOperation({ summary: 'List tax mappings (fiscal positions by order type), by name' })
  @ApiPageResponse(TaxMappingView)
  list(@Query() query: PageQuery): Promise<Page<TaxMappingView>> {
    return this.mappings.list(query);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create a tax mapping', description: MAPPING_RULES })
  @ApiCreatedResponse({ type: TaxMappingView })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateTaxMappingInput,
  ): Promise<TaxMappingView> {
    return this.mappings.create(principal, input);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a tax mapping' })
  @ApiOkResponse({ type: TaxMappingView })
  @ApiNotFound('tax mapping')
  get(@Param('id') id: string): Promise<TaxMappingView> {
    return this.mappings.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a tax mapping',
    description: `${MAPPING_RULES} Items already ordered keep their rates.`,
  })
  @ApiOkResponse({ type: TaxMappingView })
  @ApiNotFound('tax mapping')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateTaxMappingInput,
  ): Promise<TaxMappingView> {
    return this.mappings.update(principal, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a tax mapping' })
  @ApiNoContentResponse()
  @ApiNotFound('tax mapping')
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.mappings.remove(principal, id);
  }
}
