import { QueryFailedError } from 'typeorm';

/**
 * A unique index refused a row, as when a concurrent request inserted the same value first. The error comes
 * through TypeORM (QueryFailedError) or straight from the driver, for a raw statement (Tx.sql).
 */
export function isUniqueViolation(exception: unknown): boolean {
  const error = (exception instanceof QueryFailedError ? exception.driverError : exception) as {
    code?: unknown;
    message?: unknown;
  } | null;
  const message = typeof error?.message === 'string' ? error.message : '';
  return error?.code === '23505' || /UNIQUE constraint failed/.test(message);
}
