import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { AppliedTaxPresetView, TaxPresetListView } from './dto/tax-preset.views';
import { TAX_PRESETS } from './tax-presets';
import { TaxRatesService } from './tax-rates.service';

@ApiTags('taxes')
@Controller('taxes/presets')
export class TaxPresetsController {
  constructor(private readonly rates: TaxRatesService) {}

  @Get()
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'List the tax rate presets, by country (Germany, Austria, Switzerland)' })
  @ApiOkResponse({ type: TaxPresetListView })
  list(): TaxPresetListView {
    return { items: TAX_PRESETS.map((preset) => ({ ...preset, rates: [...preset.rates] })) };
  }

  @Post(':country/apply')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: "Create the rates of a country's preset that are missing",
    description:
      'A rate is missing when no active rate has its percent. The standard rate becomes a default rate only ' +
      'when there is none yet. Applying twice creates nothing the second time.',
  })
  @ApiParam({ name: 'country', example: 'DE', description: 'ISO 3166 alpha-2, as GET /taxes/presets lists' })
  @ApiOkResponse({ type: AppliedTaxPresetView })
  @ApiNotFound('tax preset for that country')
  apply(
    @CurrentPrincipal() principal: Principal,
    @Param('country') country: string,
  ): Promise<AppliedTaxPresetView> {
    return this.rates.applyPreset(principal, country);
  }
}
