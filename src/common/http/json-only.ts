import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/** A request that carries a body must say it is JSON: API.md answers anything else with 400. */
export function jsonOnlyMiddleware(request: Request, _response: Response, next: NextFunction): void {
  const hasBody =
    Number(request.header('content-length') ?? 0) > 0 || request.header('transfer-encoding') !== undefined;
  if (hasBody && !request.is('application/json')) {
    next(
      new DomainError(ErrorCode.BadRequest, 'The request body must be JSON (Content-Type: application/json)'),
    );
    return;
  }
  next();
}
