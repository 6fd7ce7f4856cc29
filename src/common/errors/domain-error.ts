import { ErrorCode } from './error-code';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The one error type services throw. The global filter turns it into the API.md error shape;
 * `retryAfterSeconds` becomes the Retry-After header (429 and 503 answers).
 * `details` has one type per code, as ErrorBody documents: the field problems of VALIDATION_ERROR, OUT_OF_STOCK
 * and MANAGED_BY_HQ, the current order of VERSION_CONFLICT, the open orders that keep a business day from
 * closing, and nothing (sent as null) for every other code.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[] | object,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} not found`);
  }

  static validation(problems: FieldProblem[]): DomainError {
    const summary = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    return new DomainError(ErrorCode.ValidationError, summary || 'Invalid input', problems);
  }

  /** 422 OUT_OF_STOCK naming the order lines that want more than is left. */
  static outOfStock(problems: FieldProblem[]): DomainError {
    const summary = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    return new DomainError(ErrorCode.OutOfStock, summary, problems);
  }

  static invalidField(field: string, message: string): DomainError {
    return DomainError.validation([{ field, message }]);
  }
}
