import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, ApiNotFoundResponse } from '@nestjs/swagger';
import { AppConfig, ServiceRole } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { ErrorBody } from '../common/errors/error-body';
import { ErrorCode } from '../common/errors/error-code';

const SERVICE_ROLE = 'access:service-role';

/**
 * Routes of one role of the service (POS_ROLE): headquarters' or a site's. They are in the one OpenAPI document
 * of both roles, so a generated client and the contract check know one API; the other role answers them 404.
 */
export const OnlyInRole = (role: ServiceRole) =>
  applyDecorators(
    SetMetadata(SERVICE_ROLE, role),
    UseGuards(ServiceRoleGuard),
    ApiExtension('x-service-role', role),
    ApiNotFoundResponse({
      type: ErrorBody,
      description: `NOT_FOUND: this service does not run as ${role === 'hq' ? 'headquarters' : 'a site'} (POS_ROLE=${role})`,
    }),
  );

@Injectable()
export class ServiceRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const role = this.reflector.getAllAndOverride<ServiceRole | undefined>(SERVICE_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (role && role !== this.config.role) {
      throw new DomainError(
        ErrorCode.NotFound,
        `Not found: this service runs with POS_ROLE=${this.config.role}`,
      );
    }
    return true;
  }
}
