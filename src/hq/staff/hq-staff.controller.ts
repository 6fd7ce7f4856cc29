import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CurrentPrincipal, Roles } from '../../common/access/access.decorators';
import type { Principal } from '../../common/access/principal';
import { Role } from '../../common/access/role';
import { ApiNotFound } from '../../common/errors/api-not-found';
import { ErrorBody } from '../../common/errors/error-body';
import { ApiPageResponse, Page, PageQuery } from '../../common/pagination/page';
import { OnlyInRole } from '../only-in-role';
import { SiteCredentialAccess } from '../site-credential-access';
import { CreateHqStaffInput, SiteStaffProblemsInput, UpdateHqStaffInput } from './dto/hq-staff.inputs';
import { HqStaffView, SiteStaffView } from './dto/hq-staff.views';
import { HqStaffService } from './hq-staff.service';

export class SiteStaffQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'The directory version the site holds' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}

const REFUSED_PERSON = {
  type: ErrorBody,
  description:
    'VALIDATION_ERROR naming the field: out of bounds, no password nor PIN, or a site that does not exist',
};

@ApiTags('headquarters')
@OnlyInRole('hq')
@Controller('hq')
export class HqStaffController {
  constructor(private readonly staff: HqStaffService) {}

  @Get('staff')
  @Roles(Role.Manager, Role.Admin)
  @ApiOperation({ summary: 'The staff directory, by name, with each person’s sites and roles (no secrets)' })
  @ApiPageResponse(HqStaffView)
  list(@Query() query: PageQuery): Promise<Page<HqStaffView>> {
    return this.staff.list(query);
  }

  @Post('staff')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add a person: one password and one PIN at every site they are assigned to (audited)',
    description: 'Each linked site has them as a user, with this id, at its next contact.',
  })
  @ApiCreatedResponse({ type: HqStaffView })
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: the username is taken' })
  @ApiUnprocessableEntityResponse(REFUSED_PERSON)
  create(@CurrentPrincipal() principal: Principal, @Body() input: CreateHqStaffInput): Promise<HqStaffView> {
    return this.staff.create(principal, input);
  }

  @Patch('staff/:id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Change a person: name, secrets, sites and roles, or deactivate them everywhere (audited)',
    description: '`sites` replaces the whole list. Every linked site takes the change at its next contact.',
  })
  @ApiOkResponse({ type: HqStaffView })
  @ApiNotFound('staff member')
  @ApiConflictResponse({
    type: ErrorBody,
    description: 'CONFLICT: the username is taken, or they were erased',
  })
  @ApiUnprocessableEntityResponse(REFUSED_PERSON)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() input: UpdateHqStaffInput,
  ): Promise<HqStaffView> {
    return this.staff.update(principal, id, input);
  }

  @Delete('staff/:id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Erase a person: their password hash, PIN verifier and sites go, their name is anonymised (audited)',
    description:
      'Their username becomes `erased-<id>` and their name `Erased`, here and, at its next contact, at every ' +
      'linked site, which erases its user of theirs as well (deleted, or anonymised where its orders name them).',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiNotFound('staff member')
  @ApiConflictResponse({ type: ErrorBody, description: 'CONFLICT: they were erased already' })
  async erase(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.staff.erase(principal, id);
  }

  @Get('site/staff')
  @SiteCredentialAccess()
  @ApiOperation({
    summary: 'A linked site takes the people changed after the directory version it holds',
    description:
      'Called by the site’s service when its contact names a later staffVersion, oldest change first, 500 at ' +
      'most. Only a person active and assigned to this site comes with their role, name, password hash and PIN ' +
      'verifier (never a PIN); anyone else comes as their id alone (role null), which ends their access there.',
  })
  @ApiOkResponse({ type: SiteStaffView })
  pull(
    @Headers('x-site-credential') credential: string | undefined,
    @Query() query: SiteStaffQuery,
  ): Promise<SiteStaffView> {
    return this.staff.pull(credential, query.after ?? 0);
  }

  @Put('site/staff-problems')
  @SiteCredentialAccess()
  @HttpCode(204)
  @ApiOperation({
    summary: 'A linked site reports the directory entries it could not take as they are, and why',
    description:
      'The whole list, in place of the one it reported before (empty: none). GET /hq/staff shows each on its ' +
      'person.',
  })
  @ApiNoContentResponse({ description: 'Recorded' })
  async reportProblems(
    @Headers('x-site-credential') credential: string | undefined,
    @Body() input: SiteStaffProblemsInput,
  ): Promise<void> {
    await this.staff.reportProblems(credential, input);
  }
}
