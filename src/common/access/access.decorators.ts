import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ErrorBody } from '../errors/error-body';
import type { Principal } from './principal';
import type { Role } from './role';

export const IS_PUBLIC = 'access:public';
export const ALLOWED_ROLES = 'access:roles';

/** Opens a route to anonymous callers; every other route requires credentials. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/** Limits a route to staff with one of these roles (admin is not implied: list it). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiExtension('x-roles', roles),
    ApiForbiddenResponse({ type: ErrorBody, description: `Only for: ${roles.join(', ')}` }),
  );

/** The authenticated caller of this request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a public route');
    return principal;
  },
);
