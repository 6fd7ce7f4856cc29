import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/access/access.decorators';
import type { Principal } from '../common/access/principal';
import { Role } from '../common/access/role';
import { OnlyInRole } from '../hq/only-in-role';
import { ApiNotFound } from '../common/errors/api-not-found';
import { ErrorBody } from '../common/errors/error-body';
import { HqLinkInput, HqLinkView } from './dto/hq-link.dto';
import { SiteLinkService } from './site-link.service';

@ApiTags('headquarters')
@OnlyInRole('site')
@Roles(Role.Admin)
@Controller('hq-link')
export class SiteLinkController {
  constructor(private readonly link: SiteLinkService) {}

  @Get()
  @ApiOperation({ summary: 'This site’s link to headquarters: its state, and when it last reached it' })
  @ApiOkResponse({ type: HqLinkView })
  @ApiNotFound('link: the site was never linked')
  view(): Promise<HqLinkView> {
    return this.link.view();
  }

  @Post()
  @ApiOperation({
    summary: 'Link this site to headquarters with the one-time code it issued (audited)',
    description:
      'The site calls headquarters at `url` (POST /hq/link there) and keeps the site credential it answers. ' +
      'From then on it contacts headquarters every HQ_CONTACT_SECONDS; a revoked credential turns the link ' +
      '`revoked`, and a new code from headquarters links it again.',
  })
  @ApiCreatedResponse({ type: HqLinkView })
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: the site is linked already' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBody,
    description:
      'VALIDATION_ERROR naming code (headquarters refused it: wrong, spent or expired) or url (no ' +
      'headquarters answered there)',
  })
  create(@CurrentPrincipal() principal: Principal, @Body() input: HqLinkInput): Promise<HqLinkView> {
    return this.link.link(principal, input);
  }
}
