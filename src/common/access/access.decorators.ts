import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ErrorBody } from '../errors/error-body';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import type { ChannelRule } from './channel-access';
import type { Principal, StaffPrincipal } from './principal';
import type { Role } from './role';
import type { Scope } from './scope';

export const IS_PUBLIC = 'access:public';
export const ALLOWED_ROLES = 'access:roles';
export const REQUIRED_SCOPES = 'access:scopes';

/** Opens a route to anonymous callers; every other route requires credentials. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/** Limits a route to staff with one of these roles (admin is not implied: list it). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiExtension('x-roles', roles),
    ApiForbiddenResponse({ type: ErrorBody, description: `Only for: ${roles.join(', ')}` }),
  );

/**
 * Opens a route to API keys that hold every one of these scopes. A route without it is for staff only: no key
 * reaches it, whatever its scopes.
 */
export const Scopes = (...scopes: Scope[]) =>
  applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), ApiExtension('x-scopes', scopes));

/**
 * @Roles and @Scopes of a route through which API keys reach orders, with the channel rule that its service
 * enforces (channel-access.ts) in the 403's description beside the roles.
 */
export const ForChannelKeys = (roles: Role[], scopes: Scope[], rule: ChannelRule) =>
  applyDecorators(
    Roles(...roles),
    Scopes(...scopes),
    ApiForbiddenResponse({
      type: ErrorBody,
      description: `Only for: ${roles.join(', ')}. ${rule} (FORBIDDEN)`,
    }),
  );

/** The authenticated caller of this request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a public route');
    return principal;
  },
);

/** The staff member calling a staff-only route (no @Scopes): the access guard kept API keys out already. */
export const CurrentStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): StaffPrincipal => {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (principal?.kind !== 'staff') throw new DomainError(ErrorCode.Forbidden, 'This is for staff only');
    return principal;
  },
);
