/** What the sweep checks of each reply: an API.md error or a success, no leak, and no write from a refusal. */
import type { Operation } from './hostile-operations';
import type { HostileRequest } from './hostile-requests';
import type { RawReply } from './hostile-sending';

/**
 * API.md's table of error codes and their statuses, with the codes docs/api.md adds for what API.md names without
 * a code (a fire with nothing held, a busy terminal, a profile locked by the first sale). 500 INTERNAL is never
 * acceptable, so it is not here.
 */
const STATUS_OF_CODE: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  NOTHING_TO_FIRE: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  TERMINAL_PAYMENT_RUNNING: 409,
  TERMINAL_BUSY: 409,
  PROFILE_LOCKED: 409,
  MANAGED_BY_HQ: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_ERROR: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  OUT_OF_STOCK: 422,
  PAIRING_CODE_INVALID: 422,
  RATE_LIMITED: 429,
  LOCKED_OUT: 429,
};

/** What an error must never show: a stack, the server's SQL, driver or ORM messages. */
const LEAKS = [
  /\n\s+at /,
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[\s\S]*\b(FROM|VALUES|SET|WHERE)\b/,
  /QueryFailedError|TypeORM|SQLITE_[A-Z]+|node_modules|\.ts:\d+/,
  /syntax error at or near|invalid input syntax|violates .* constraint|value too long for type/i,
  /out of range for type|invalid byte sequence|duplicate key value|null value in column|relation "/i,
];

/**
 * A refusal that writes by design: the operation (`*`: any), the statuses, the error code when only one does, the
 * tables it may write, and why.
 */
export interface WritingRefusal {
  operation: string;
  statuses: number[];
  code?: string;
  tables: string[];
  reason: string;
}

/** The error code of an API.md error reply, if it is one. */
function errorCodeOf(reply: RawReply): string | undefined {
  try {
    return (JSON.parse(reply.text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** What a read, or a refusal that may not write, wrote: `written` is RowWrites' rows per table since the request. */
export function writeProblems(
  operation: Operation,
  reply: RawReply,
  written: Map<string, number>,
  writingRefusals: WritingRefusal[],
): string[] {
  const isRead = operation.method === 'get';
  if (!isRead && reply.status < 300) return [];
  const code = errorCodeOf(reply);
  const allowed = writingRefusals
    .filter(
      (refusal) =>
        (refusal.operation === '*' || refusal.operation === operation.key) &&
        refusal.statuses.includes(reply.status) &&
        (refusal.code === undefined || refusal.code === code),
    )
    .flatMap((refusal) => refusal.tables);
  const wrong = [...written]
    .filter(([table]) => !allowed.includes(table))
    .map(([table, rows]) => `${table} (${rows} rows)`);
  if (wrong.length === 0) return [];
  return [`${isRead ? 'a read' : 'a refused request'} wrote: ${wrong.join('; ')}`];
}

/** `htmlErrors`: `<status> <operation>` pairs whose error is an HTML page by design. */
export function replyProblems(operation: Operation, reply: RawReply, htmlErrors: Set<string>): string[] {
  const problems: string[] = [];
  if (reply.status >= 500) return [`answered ${reply.status}`];
  if (!reply.headers['x-request-id']) problems.push('no X-Request-Id');
  if (reply.status < 400) return problems;
  const contentType = reply.headers['content-type'] ?? '';
  if (htmlErrors.has(`${reply.status} ${operation.key}`) && contentType.startsWith('text/html'))
    return problems;
  const leak = LEAKS.find((pattern) => pattern.test(reply.text));
  if (leak) problems.push(`the error shows what ${String(leak)} matches`);
  if (!contentType.startsWith('application/json'))
    return [...problems, `the error is ${contentType}, not JSON`];
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return [...problems, 'the error is not valid JSON'];
  }
  return [...problems, ...errorShapeProblems(body, reply)];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** API.md: `{error: {code, message, details}}`, the code from its table and the status that goes with it. */
function errorShapeProblems(body: unknown, reply: RawReply): string[] {
  if (!isObject(body) || Object.keys(body).join() !== 'error' || !isObject(body.error))
    return ['the error is not {error: {...}}'];
  const { code, message, details } = body.error;
  const problems: string[] = [];
  const unexpected = Object.keys(body.error).filter((key) => !['code', 'message', 'details'].includes(key));
  if (unexpected.length > 0) problems.push(`unexpected error fields: ${unexpected.join(', ')}`);
  if (typeof code !== 'string' || !(code in STATUS_OF_CODE))
    problems.push(`code ${String(code)} is not in API.md`);
  else if (STATUS_OF_CODE[code] !== reply.status) problems.push(`${code} with status ${reply.status}`);
  if (typeof message !== 'string' || message.length === 0) problems.push('no message');
  // details is always there: the field problems of VALIDATION_ERROR and OUT_OF_STOCK, the current order of
  // VERSION_CONFLICT, the open orders of a refused day close (CONFLICT), else null.
  const listsFields = code === 'VALIDATION_ERROR' || code === 'OUT_OF_STOCK';
  const fieldProblems = (list: unknown) =>
    Array.isArray(list) &&
    list.length > 0 &&
    list.every(
      (entry) => isObject(entry) && typeof entry.field === 'string' && typeof entry.message === 'string',
    );
  if (!('details' in body.error)) problems.push('no details');
  else if (listsFields && !fieldProblems(details))
    problems.push(`${code} details are not [{field, message}]`);
  else if (code === 'VERSION_CONFLICT' && !(isObject(details) && typeof details.version === 'number'))
    problems.push('VERSION_CONFLICT details are not the current order');
  else if (
    code === 'CONFLICT' &&
    details !== null &&
    !(isObject(details) && Array.isArray(details.openOrders))
  )
    problems.push('CONFLICT details are neither null nor the open orders of POST /business-days/close');
  else if (!listsFields && code !== 'VERSION_CONFLICT' && code !== 'CONFLICT' && details !== null)
    problems.push(`${String(code)} details are not null`);
  if (reply.status === 429 && !/^\d+$/.test(String(reply.headers['retry-after'])))
    problems.push('429 without Retry-After');
  return problems;
}

export function failureReport(
  operation: Operation,
  hostile: HostileRequest,
  reply: RawReply,
  problem: string,
): string {
  const excerpt = reply.text.length > 300 ? `${reply.text.slice(0, 300)}…` : reply.text;
  return `${operation.key} with ${hostile.mutation} → ${reply.status}: ${problem}\n    reply: ${excerpt}`;
}
