import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiHeader, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IS_PUBLIC } from '../common/access/access.decorators';
import { ErrorBody } from '../common/errors/error-body';

export const SITE_CREDENTIAL_HEADER = 'X-Site-Credential';

/**
 * A route for a linked site's service rather than a person: no staff token is asked for (the access guard lets it
 * by), the handler checks the site credential of X-Site-Credential instead. `x-site-credential` tells the spec and
 * the docs who may call it.
 */
export const SiteCredentialAccess = () =>
  applyDecorators(
    SetMetadata(IS_PUBLIC, true),
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
