import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { ApiExtension, ApiHeader, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { IS_PUBLIC } from '../common/access/access.decorators';
import { sha256Hex } from '../common/crypto/sha256';
import { DomainError } from '../common/errors/domain-error';
import { ErrorBody } from '../common/errors/error-body';
import { ErrorCode } from '../common/errors/error-code';
import { Database } from '../database/database.service';
import { HqSite } from './hq-site.entity';

export const SITE_CREDENTIAL_HEADER = 'X-Site-Credential';

/**
 * A route for a linked site's service rather than a person: no staff token is asked for (the access guard lets it
 * by), SiteCredentialGuard checks the site credential of X-Site-Credential instead, before the body is read; the
 * handler takes the site it names under lock. `x-site-credential` tells the spec and the docs who may call it.
 */
export const SiteCredentialAccess = () =>
  applyDecorators(
    SetMetadata(IS_PUBLIC, true),
    UseGuards(SiteCredentialGuard),
    ApiExtension('x-site-credential', true),
    ApiHeader({
      name: SITE_CREDENTIAL_HEADER,
      required: true,
      description: 'The credential POST /hq/link answered the site',
    }),
    ApiUnauthorizedResponse({
      type: ErrorBody,
      description:
        'UNAUTHORIZED: no X-Site-Credential, or one headquarters does not know (revoked, re-linked)',
    }),
  );

/**
 * 401 before the body is validated: a caller without a live credential learns nothing of what a site may send
 * (a 422 would describe it). The handler looks the site up again, locked, for the call itself.
 */
@Injectable()
export class SiteCredentialGuard implements CanActivate {
  constructor(private readonly database: Database) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const credential = context.switchToHttp().getRequest<Request>().header(SITE_CREDENTIAL_HEADER);
    const known =
      credential !== undefined &&
      (await this.database.reader.exists(HqSite, { where: { credentialHash: sha256Hex(credential) } }));
    if (!known)
      throw new DomainError(ErrorCode.Unauthorized, 'Missing, unknown or revoked X-Site-Credential');
    return true;
  }
}
