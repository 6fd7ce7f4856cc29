/** Network failures of the connection to the database, as Node reports them. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** PostgreSQL refusing work while it shuts down, crashed or starts: admin_shutdown, crash_shutdown, cannot_connect_now. */
const SHUTDOWN_STATES = new Set(['57P01', '57P02', '57P03']);

/** What pg and pg-pool say when a connection dies, cannot be made in time, or was lost before the query. */
const LOST_CONNECTION = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Client was closed and is not queryable/i,
  /Connection ended unexpectedly/i,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether `error` says the database cannot be reached (down, restarting, or the network to it cut), as opposed to a
 * bug or a refused statement: the caller can only wait and try again. Looks through TypeORM's QueryFailedError
 * (driverError), `cause` and an AggregateError's errors (a connection tried on several addresses).
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== 'object') return false;
  const { code, message, driverError, cause, errors } = error as ErrorLike;
  if (
    typeof code === 'string' &&
    (NETWORK_CODES.has(code) || SHUTDOWN_STATES.has(code) || code.startsWith('08'))
  ) {
    return true;
  }
  if (typeof message === 'string' && LOST_CONNECTION.some((pattern) => pattern.test(message))) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  return inner.some((candidate) => candidate !== error && isDatabaseUnreachable(candidate, depth + 1));
}
