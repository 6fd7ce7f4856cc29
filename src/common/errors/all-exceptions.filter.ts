import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { fieldDetailsIn } from '../../i18n/api-field-messages';
import { languageFromAcceptLanguage } from '../../i18n/languages';
import { isDatabaseUnreachable } from './database-unreachable';
import { DomainError } from './domain-error';
import { ErrorCode, httpStatusOf } from './error-code';
import { ErrorBody } from './error-body';
import { isUniqueViolation } from './unique-violation';

/** How long a client should wait before trying again while the database cannot be reached. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Maps everything thrown during an HTTP request to the API.md error shape: an unreachable database becomes 503
 * SERVICE_UNAVAILABLE with Retry-After (an outage, not a bug), other unknown errors 500 INTERNAL.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const error = this.toDomainError(exception, request);
    const status = httpStatusOf(error.code);
    // A field's message in the language the client asks for (a German back office's forms); the code never changes.
    const language = languageFromAcceptLanguage(request.headers['accept-language']) ?? 'en';
    const details = fieldDetailsIn(language, error.details ?? null) as ErrorBody['error']['details'];
    const body: ErrorBody = { error: { code: error.code, message: error.message, details } };
    if (error.code === ErrorCode.Internal) {
      body.error.requestId = request.id;
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    }
    if (error.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    }
    if (response.headersSent) return;
    response.status(status).json(body);
  }

  private toDomainError(exception: unknown, request: Request): DomainError {
    if (exception instanceof DomainError) return exception;
    const bodyError = fromBodyParserError(exception);
    if (bodyError) return bodyError;
    if (isUniqueViolation(exception)) {
      // A unique index lost a race with a concurrent insert: a conflict, not a bug.
      return new DomainError(ErrorCode.Conflict, 'A resource with the same unique value already exists');
    }
    if (exception instanceof HttpException) return fromHttpException(exception, request);
    if (isDatabaseUnreachable(exception)) {
      return new DomainError(
        ErrorCode.ServiceUnavailable,
        'The database cannot be reached; try again shortly',
        undefined,
        DATABASE_RETRY_AFTER_SECONDS,
      );
    }
    return new DomainError(ErrorCode.Internal, 'Internal server error');
  }
}

function fromHttpException(exception: HttpException, request: Request): DomainError {
  const status = exception.getStatus();
  switch (status) {
    case 400:
      // Express's body parser (bad JSON) and URL decoder (bad %-escape) arrive here, mapped by Nest.
      return new DomainError(ErrorCode.BadRequest, `Malformed request: ${exception.message}`);
    case 401:
      return new DomainError(ErrorCode.Unauthorized, 'Authentication required');
    case 403:
      return new DomainError(ErrorCode.Forbidden, 'Not allowed');
    case 404:
      return new DomainError(ErrorCode.NotFound, `No route ${request.method} ${request.path}`);
    case 413:
      return new DomainError(ErrorCode.PayloadTooLarge, 'The request body is too large');
    case 429:
      return new DomainError(ErrorCode.RateLimited, 'Too many requests', undefined, 60);
    default:
      return status >= 500
        ? new DomainError(ErrorCode.Internal, 'Internal server error')
        : new DomainError(ErrorCode.BadRequest, exception.message);
  }
}

/**
 * The body parser refuses with http-errors made for the client (`expose`): too large, or a charset, content
 * encoding or compressed stream it cannot read. Malformed JSON arrives already mapped by Nest, as a 400.
 */
function fromBodyParserError(exception: unknown): DomainError | null {
  const error = exception as { status?: unknown; expose?: unknown; message?: unknown } | null;
  if (
    error?.expose !== true ||
    typeof error.status !== 'number' ||
    error.status < 400 ||
    error.status >= 500
  ) {
    return null;
  }
  if (error.status === 413) {
    return new DomainError(ErrorCode.PayloadTooLarge, 'The request body is larger than the 1 MB limit');
  }
  return new DomainError(ErrorCode.BadRequest, `Unreadable request body: ${String(error.message)}`);
}
