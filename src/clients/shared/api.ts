import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-schema';

export type { Schemas } from './schemas';
/** The clients read JSON: a route that also answers CSV or PDF is typed by its JSON reply. */
export type Api = Client<paths, 'application/json'>;

/** The API's error shape: `{error: {code, message, details?}}`. */
export interface Problem {
  code: string;
  message: string;
  details?: unknown;
}

/** A reply the API refused (4xx or 5xx), with the API's own code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** Retry-After, in seconds, on a 429. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.message);
  }
}

/**
 * The typed client, every request of which goes through `send` (which adds credentials and renews them). Calls
 * are checked against the spec when the clients build: a renamed route, parameter or field is a build error.
 */
export function apiClient(send: (request: Request) => Promise<Response>): Api {
  return createClient<paths, 'application/json'>({ baseUrl: location.origin, fetch: send });
}

/** The data of an openapi-fetch answer, or its ApiError. A network failure stays the TypeError fetch threw. */
export async function ok<T>(answer: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await answer;
  if (response.ok) return data as T;
  const retryAfter = response.headers.get('Retry-After');
  throw new ApiError(
    response.status,
    problemOf(error, response.status),
    retryAfter ? Number(retryAfter) : null,
  );
}

/** The API's error shape out of a refused reply's body, or a plain one naming the status. */
export function problemOf(body: unknown, status: number): Problem {
  const problem = (body as { error?: Partial<Problem> } | null)?.error;
  return {
    code: typeof problem?.code === 'string' ? problem.code : `HTTP_${status}`,
    message: typeof problem?.message === 'string' ? problem.message : `The service answered ${status}.`,
    details: problem?.details,
  };
}

/** A fresh idempotency key (or client id): a UUID. */
export function newKey(): string {
  return crypto.randomUUID();
}

/** The most a list answers per page (perPage's maximum). */
export const PER_PAGE = 100;

/** Every item of a paged list, read page by page (`read(page)` asks for one with perPage PER_PAGE). */
export async function everyPage<T>(
  read: (page: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await read(page);
    items.push(...answer.items);
    if (answer.items.length === 0 || items.length >= answer.total) return items;
  }
}
