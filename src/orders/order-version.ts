import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { ErrorBody } from '../common/errors/error-body';

/** `If-Match: 7` or `"7"`; absent means "whatever the current version is". */
export function versionFrom(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const version = Number(header.replace(/^W\//, '').replace(/"/g, '').trim());
  if (!Number.isSafeInteger(version) || version < 1)
    throw DomainError.invalidField('If-Match', 'must be an order version');
  return version;
}

/** The order version a mutation was made against, from If-Match: every change of an order honours it. */
export const ExpectedVersion = createParamDecorator((_: unknown, context: ExecutionContext) =>
  versionFrom(context.switchToHttp().getRequest<Request>().header('if-match')),
);

/** Documents If-Match and the 409 of a route that changes an order. */
export const VersionChecked = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The order version this change was made against; a stale one answers 409 VERSION_CONFLICT',
    }),
    ApiConflictResponse({
      type: ErrorBody,
      description: 'VERSION_CONFLICT (the current order in error.details) or INVALID_TRANSITION',
    }),
  );
