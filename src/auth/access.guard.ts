import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { ALLOWED_ROLES, IS_PUBLIC, REQUIRED_SCOPES } from '../common/access/access.decorators';
import type { StaffPrincipal } from '../common/access/principal';
import type { Role } from '../common/access/role';
import type { Scope } from '../common/access/scope';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { routeLabel } from '../common/http/route-label';
import { ApiKeyAuthenticator } from './api-keys/api-key-authenticator';
import { enforceVerdict } from '../rate-limit/fixed-windows';

export const API_KEY_HEADER = 'x-api-key';

/**
 * Global and deny-by-default: every HTTP route needs a valid principal unless marked @Public(). Staff bring a
 * bearer token and pass @Roles; integrations bring X-API-Key and pass @Scopes, which a staff-only route lacks.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const apiKey = request.headers[API_KEY_HEADER];
    if (apiKey !== undefined) {
      const scopes = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, targets) ?? null;
      await this.admitKey(request, context.switchToHttp().getResponse<Response>(), apiKey, scopes);
      return true;
    }

    await super.canActivate(context);
    const principal = request.user as StaffPrincipal;
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new DomainError(ErrorCode.Forbidden, `This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  override handleRequest<T>(error: unknown, principal: T | false): T {
    if (error || !principal) {
      throw new DomainError(ErrorCode.Unauthorized, 'Missing, invalid, expired or revoked access token');
    }
    return principal;
  }

  private async admitKey(
    request: Request,
    response: Response,
    apiKey: string | string[],
    scopes: Scope[] | null,
  ): Promise<void> {
    if (typeof apiKey !== 'string')
      throw new DomainError(ErrorCode.Unauthorized, 'Send one X-API-Key header');
    const key = await this.apiKeys.admit(apiKey, { ip: request.ip, route: routeLabel(request) }, scopes);
    request.principal = key.principal;
    const verdict = await this.apiKeys.countRequest(key);
    if (verdict) enforceVerdict(response, verdict);
  }
}
