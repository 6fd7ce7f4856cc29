import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../../common/access/access.decorators';
import type { Principal } from '../../common/access/principal';
import { Role } from '../../common/access/role';
import { ApiNotFound } from '../../common/errors/api-not-found';
import { ErrorBody } from '../../common/errors/error-body';
import { ApiRevalidated, sendRevalidated } from '../../common/http/revalidated';
import { ApiPageResponse, Page, PageQuery } from '../../common/pagination/page';
import { OnlyInRole } from '../only-in-role';
import { SiteCredentialAccess } from '../site-credential-access';
import { CatalogReportInput } from './dto/catalog-report.inputs';
import {
  HqCategoryInput,
  HqDishInput,
  HqModifierGroupInput,
  HqStationInput,
  HqTaxMappingInput,
  PublishInput,
  PutOverrideInput,
} from './dto/hq-catalog.inputs';
import {
  EffectiveCatalogView,
  HqCatalogView,
  HqCategoryView,
  HqDishView,
  HqModifierGroupView,
  HqOverrideView,
  HqPriceLevelView,
  HqScheduleView,
  HqStationView,
  HqTaxMappingView,
  PublicationView,
  SiteCatalogView,
} from './dto/hq-catalog.views';
import { HqPriceLevelInput, HqScheduleInput } from './dto/hq-schedule-level.inputs';
import { HqCatalogService } from './hq-catalog.service';
import { HqOverridesService } from './hq-overrides.service';
import { HqPublicationsService } from './hq-publications.service';

const REFUSED_ENTRY = {
  type: ErrorBody,
  description: 'VALIDATION_ERROR naming the field: out of bounds, or an hqKey the catalog does not hold',
};

@ApiTags('headquarters')
@OnlyInRole('hq')
@Controller('hq')
export class HqCatalogController {
  constructor(
    private readonly catalog: HqCatalogService,
    private readonly overrides: HqOverridesService,
    private readonly publications: HqPublicationsService,
  ) {}

  @Get('catalog')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'The master catalog as the organisation has it, with every override' })
  @ApiOkResponse({ type: HqCatalogView })
  masterCatalog(): Promise<HqCatalogView> {
    return this.catalog.catalog();
  }

  @Put('catalog/categories/:hqKey')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add or replace a category of the master catalog (audited)' })
  @ApiOkResponse({ type: HqCategoryView })
  @ApiUnprocessableEntityResponse(REFUSED_ENTRY)
  putCategory(
    @CurrentPrincipal() principal: Principal,
    @Param('hqKey') hqKey: string,
    @Body() input: HqCategoryInput,
  ): Promise<HqCategoryView> {
    return this.catalog.putCategory(principal, hqKey, input);
  }

  @Put('catalog/stations/:hqKey')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add or rename a kitchen station of the master catalog (audited)' })
  @ApiOkResponse({ type: HqStationView })
  @ApiUnprocessableEntityResponse(REFUSED_ENTRY)
  putStation(
    @CurrentPrincipal() principal: Principal,
    @Param('hqKey') hqKey: string,
    @Body() input: HqStationInput,
  ): Promise<HqStationView> {
    return this.catalog.putStation(principal, hqKey, input);
  }

  @Put('catalog/dishes/:hqKey')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add or replace a dish of the master catalog with its variations (audited)',
    description:
      'Its category, station, modifier groups (in order) and tax mapping by hqKey; each variation’s hqKey is its ' +
      'own across the catalog.',
  })
  @ApiOkResponse({ type: HqDishView })
  @ApiUnprocessableEntityResponse(REFUSED_ENTRY)
  putDish(
    @CurrentPrincipal() principal: Principal,
    @Param('hqKey') hqKey: string,
    @Body() input: HqDishInput,
  ): Promise<HqDishView> {
    return this.catalog.putDish(principal, hqKey, input);
  }

  @Put('catalog/modifier-groups/:hqKey')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add or replace a modifier group of the master catalog with its options (audited)',
    description:
      'As a site’s own group: name, minChoices ≤ maxChoices, options in menu order, each with its hqKey (its own ' +
      'across the catalog), name (unique in the group) and priceDelta. Dishes offer it by modifierGroupKeys.',
  })
  @ApiOkResponse({ type: HqModifierGroupView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR naming the field: out of bounds, minChoices above maxChoices, an option’s key or name ' +
      'repeated, or an option’s key another group’s',
  })
  putModifierGroup(
    @CurrentPrincipal() principal: Principal,
    @Param('hqKey') hqKey: string,
    @Body() input: HqModifierGroupInput,
  ): Promise<HqModifierGroupView> {
    return this.catalog.putModifierGroup(principal, hqKey, input);
  }

  @Put('catalog/tax-mappings/:hqKey')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add or replace a tax mapping of the master catalog: a named rate (audited)',
    description:
      'Every site keeps it as a tax rate of its own carrying the hqKey; a dish names it by taxRateKey. Its ' +
      'percent may be overridden for a site or group.',
  })
  @ApiOkResponse({ type: HqTaxMappingView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR naming the field: a name out of bounds, a percent not 0 to 100 with 4 decimals',
  })
  putTaxMapping(
    @CurrentPrincipal() principal: Principal,
    @Param('hqKey') hqKey: string,
    @Body() input: HqTaxMappingInput,
  ): Promise<HqTaxMappingView> {
    return this.catalog.putTaxMapping(principal, hqKey, input);
  }

  @Put('catalog/schedules/:hqKey')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add or replace a menu schedule of the master catalog (audited)',
    description:
      'As a site’s own schedule: weekly windows, read on each site’s own clock. Categories and dishes name it ' +
      'by scheduleKey; every site keeps it as a schedule of its own carrying the hqKey.',
  })
  @ApiOkResponse({ type: HqScheduleView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR naming the field: a name or window out of bounds',
  })
  putSchedule(
    @CurrentPrincipal() principal: Principal,
    @Param('hqKey') hqKey: string,
    @Body() input: HqScheduleInput,
  ): Promise<HqScheduleView> {
    return this.catalog.putSchedule(principal, hqKey, input);
  }

  @Put('catalog/price-levels/:hqKey')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add or replace a price level of the master catalog (audited)',
    description:
      'Its prices of the catalog’s variations by hqKey, and the order types it prices. Every site keeps it as a ' +
      'price level of its own carrying the hqKey; the site’s areas choose their level. An absent override leaves ' +
      'it off at a site or group.',
  })
  @ApiOkResponse({ type: HqPriceLevelView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR naming the field: a variationKey the catalog does not hold or priced twice, an order ' +
      'type another level of the catalog prices',
  })
  putPriceLevel(
    @CurrentPrincipal() principal: Principal,
    @Param('hqKey') hqKey: string,
    @Body() input: HqPriceLevelInput,
  ): Promise<HqPriceLevelView> {
    return this.catalog.putPriceLevel(principal, hqKey, input);
  }

  @Put('overrides')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Override an entry for one site or group (audited)',
    description:
      'Precedence: the site, then its groups in their order, then the groups those are part of, then the ' +
      'organisation. A field sent null is inherited again, one left out stays; an override with no field left ' +
      'is removed. Sites get it with the next publication.',
  })
  @ApiOkResponse({ type: HqOverrideView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR naming the field: a scope that is not exactly one existing site or group, an entry ' +
      'the catalog does not hold, or a field its kind has not (price is a variation’s or a modifier option’s, ' +
      'percent a tax mapping’s; absent is any kind’s but a tax mapping’s), a negative price for a variation',
  })
  putOverride(
    @CurrentPrincipal() principal: Principal,
    @Body() input: PutOverrideInput,
  ): Promise<HqOverrideView> {
    return this.overrides.putOverride(principal, input);
  }

  @Get('sites/:id/effective-catalog')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary:
      'What a site gets of the catalog and overrides as they are now, each overridden field with its scope',
  })
  @ApiOkResponse({ type: EffectiveCatalogView })
  @ApiNotFound('site')
  effectiveCatalog(@Param('id') id: string): Promise<EffectiveCatalogView> {
    return this.catalog.effectiveCatalogOf(id);
  }

  @Post('publications')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Publish the catalog: a new version every site pulls, applies in one transaction and reports (audited)',
  })
  @ApiCreatedResponse({ type: PublicationView })
  publish(@CurrentPrincipal() principal: Principal, @Body() input: PublishInput): Promise<PublicationView> {
    return this.publications.publish(principal, input);
  }

  @Get('publications')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'The publications, latest first, each with its sites’ states' })
  @ApiPageResponse(PublicationView)
  listPublications(@Query() query: PageQuery): Promise<Page<PublicationView>> {
    return this.publications.list(query);
  }

  @Get('publications/:id')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({
    summary: 'A publication and each site’s state: pending, applied, or failed with the reason',
  })
  @ApiOkResponse({ type: PublicationView })
  @ApiNotFound('publication')
  publication(@Param('id') id: string): Promise<PublicationView> {
    return this.publications.publication(id);
  }

  @Get('site/catalog')
  @SiteCredentialAccess()
  @ApiOperation({
    summary: 'A linked site pulls its effective catalog of the latest publication',
    description:
      'Called by the site’s service when its contact names a version it has not applied; revalidated by ETag.',
  })
  @ApiRevalidated(SiteCatalogView)
  @ApiNotFound('publication: nothing published yet')
  async siteCatalog(
    @Headers('x-site-credential') credential: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    sendRevalidated(response, await this.publications.pull(credential), ifNoneMatch);
  }

  @Post('site/catalog-report')
  @SiteCredentialAccess()
  @HttpCode(204)
  @ApiOperation({ summary: 'A linked site reports a publication applied, or failed and why' })
  @ApiNoContentResponse()
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR: publicationId is no publication',
  })
  async reportCatalog(
    @Headers('x-site-credential') credential: string | undefined,
    @Body() input: CatalogReportInput,
  ): Promise<void> {
    await this.publications.report(credential, input);
  }
}
