import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { OnlyInRole } from './only-in-role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../common/pagination/page';
import { perAddress, RateLimit } from '../rate-limit/rate-limit.guard';
import {
  CreateHqSiteGroupInput,
  CreateHqSiteInput,
  SiteLinkInput,
  SiteContactQuery,
} from './dto/hq-site.inputs';
import {
  HqLinkCodeView,
  HqSiteGroupView,
  HqSiteView,
  SiteContactView,
  SiteCredentialView,
} from './dto/hq-site.views';
import { HqSitesService } from './hq-sites.service';
import { SiteCredentialAccess } from './site-credential-access';

@ApiTags('headquarters')
@OnlyInRole('hq')
@Controller('hq')
export class HqSitesController {
  constructor(private readonly sites: HqSitesService) {}

  @Get('sites')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'List the organisation’s sites, by name, with their groups and link' })
  @ApiPageResponse(HqSiteView)
  listSites(@Query() query: PageQuery): Promise<Page<HqSiteView>> {
    return this.sites.listSites(query);
  }

  @Post('sites')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add a site: its identity, its groups, and a one-time link code (audited)',
    description:
      'The link code is shown this once, valid 24 hours, usable once: the site’s admin sends it to their own ' +
      'service with POST /hq-link {url, code}, which trades it here for the site’s credential (POST /hq/link).',
  })
  @ApiCreatedResponse({ type: HqLinkCodeView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR naming the field: a field out of its bounds, or a group that does not exist',
  })
  createSite(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateHqSiteInput,
  ): Promise<HqLinkCodeView> {
    return this.sites.createSite(principal, input);
  }

  @Get('sites/:id')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'One site, with its groups and link' })
  @ApiOkResponse({ type: HqSiteView })
  @ApiNotFound('site')
  site(@Param('id') id: string): Promise<HqSiteView> {
    return this.sites.site(id);
  }

  @Post('sites/:id/link-code')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'A new one-time link code for a site (to link it again after a revocation, or a lapsed code; audited)',
    description:
      'The code before it dies. A live credential stays until the new code is used or it is revoked.',
  })
  @ApiCreatedResponse({ type: HqLinkCodeView })
  @ApiNotFound('site')
  issueLinkCode(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<HqLinkCodeView> {
    return this.sites.issueLinkCode(principal, id);
  }

  @Delete('sites/:id/credential')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Revoke a site’s credential: its next call here answers 401, until it links with a new code (audited)',
  })
  @ApiNoContentResponse()
  @ApiNotFound('site, or no live credential of it')
  async revokeCredential(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.sites.revokeCredential(principal, id);
  }

  @Get('site-groups')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'List the site groups, by name' })
  @ApiPageResponse(HqSiteGroupView)
  listGroups(@Query() query: PageQuery): Promise<Page<HqSiteGroupView>> {
    return this.sites.listGroups(query);
  }

  @Post('site-groups')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add a site group, inside another one or not (audited)' })
  @ApiCreatedResponse({ type: HqSiteGroupView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR naming the field: a name out of bounds, or a parent that does not exist',
  })
  createGroup(
    @CurrentPrincipal() principal: Principal,
    @Body() input: CreateHqSiteGroupInput,
  ): Promise<HqSiteGroupView> {
    return this.sites.createGroup(principal, input);
  }

  @Post('link')
  @Public()
  @HttpCode(200)
  // 10 tries per 10 minutes per address: against a code's 60 random bits, no guess lands in its 24 hours.
  @RateLimit({ name: 'hq-link', windowSeconds: 600, buckets: perAddress(10) })
  @ApiOperation({
    summary: 'A site’s service trades its link code for the site’s credential (audited)',
    description:
      'Called by the site (POST /hq-link there), not by a person. The code is spent, and a credential the site ' +
      'held before dies. The credential is shown this once, with the identity headquarters gave the site, which ' +
      'its profile takes unless it has sold already (it sends its own then). Limited to 10 attempts per 10 ' +
      'minutes per address.',
  })
  @ApiOkResponse({ type: SiteCredentialView })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description: 'VALIDATION_ERROR naming code: wrong, already used or expired (one answer for all three)',
  })
  link(@Body() input: SiteLinkInput): Promise<SiteCredentialView> {
    return this.sites.link(input);
  }

  @Get('site')
  @SiteCredentialAccess()
  @ApiOperation({
    summary: 'A linked site’s contact: who it is here; headquarters notes when it last heard from it',
    description: 'Called by the site’s service every HQ_CONTACT_SECONDS with its credential.',
  })
  @ApiOkResponse({ type: SiteContactView })
  contact(
    @Headers('x-site-credential') credential: string | undefined,
    @Query() query: SiteContactQuery,
  ): Promise<SiteContactView> {
    return this.sites.contact(credential, query.businessDay);
  }
}
