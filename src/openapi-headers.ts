/** The response headers the service sends, declared on the replies that carry them (API.md "Conventions"). */
import type { AccessDeclaration } from './openapi-access';

type Header = { $ref: string };
type Response = { headers?: Record<string, unknown>; [key: string]: unknown };
type Operation = {
  parameters?: Array<{ in?: string; name?: string }>;
  responses: Record<string, Response>;
  [extension: string]: unknown;
};

const integer = { type: 'integer', minimum: 0 };

export const RESPONSE_HEADERS = {
  XRequestId: {
    required: true,
    description: 'The request’s id, echoed from the request when it sent a sane one; logs carry it',
    schema: { type: 'string' },
  },
  RateLimitLimit: { description: 'Requests allowed in the current window', schema: integer },
  RateLimitRemaining: { description: 'Requests left in the current window', schema: integer },
  RateLimitReset: { description: 'Seconds until the current window ends', schema: integer },
  RetryAfter: { required: true, description: 'Seconds to wait before trying again', schema: integer },
  IdempotentReplayed: {
    description: '`true` when this is the stored reply of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};

const ref = (name: keyof typeof RESPONSE_HEADERS): Header => ({ $ref: `#/components/headers/${name}` });

const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': ref('RateLimitLimit'),
  'RateLimit-Remaining': ref('RateLimitRemaining'),
  'RateLimit-Reset': ref('RateLimitReset'),
};

/**
 * X-Request-Id on every reply; Retry-After on every 429 and 503 error; RateLimit-* on the replies of rate-limited
 * operations (`x-rate-limited`) and of those an API key may call (its limits per minute, hour and day);
 * Idempotent-Replayed where an Idempotency-Key is taken.
 */
export function declareResponseHeaders(operation: Operation, access: AccessDeclaration): void {
  const rateLimited = operation['x-rate-limited'] === true || access.scopes !== null;
  const idempotent = (operation.parameters ?? []).some(
    (p) => p.in === 'header' && p.name?.toLowerCase() === 'idempotency-key',
  );
  for (const [status, response] of Object.entries(operation.responses)) {
    const headers: Record<string, unknown> = { 'X-Request-Id': ref('XRequestId') };
    const succeeded = status.startsWith('2');
    // The error filter's 429 and 503 say when to try again (GET /health's own 503 answers a probe, and does not).
    const isError = JSON.stringify(response.content ?? {}).includes('#/components/schemas/ErrorBody');
    if ((status === '429' || status === '503') && isError) headers['Retry-After'] = ref('RetryAfter');
    if (rateLimited && (succeeded || status === '429')) Object.assign(headers, RATE_LIMIT_HEADERS);
    if (idempotent && succeeded) headers['Idempotent-Replayed'] = ref('IdempotentReplayed');
    // A copy: the generator may share one response object between operations.
    operation.responses[status] = { ...response, headers: { ...headers, ...response.headers } };
  }
}
