import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/** Deeper than any body this API takes (an order is 3 levels); far below what would overflow validation. */
export const MAX_JSON_DEPTH = 32;

/**
 * Longer than any list this API takes (a price level's prices, at most 2,000). Validation turns every element into
 * an instance and checks it before it can say the list is too long: 100,000 elements held the event loop for
 * seconds.
 */
export const MAX_JSON_ARRAY_LENGTH = 2_000;

/** Keys that reach an object's prototype when copied: refused, never silently dropped. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses a JSON array as the body with 400, as a body that is not JSON (every route takes an object). Refuses,
 * with 422 before validation, a parsed JSON body nested deeper than MAX_JSON_DEPTH (validation walks it
 * recursively: about 1,500 levels overflow the stack), holding an array longer than MAX_JSON_ARRAY_LENGTH, or
 * carrying a prototype key (`__proto__`, which JSON.parse
 * keeps as an own key, would otherwise vanish in the transformation). Walked without recursion, so it cannot
 * overflow itself.
 */
export function jsonBodyShapeMiddleware(request: Request, _response: Response, next: NextFunction): void {
  if (!isParsedJson(request.body)) {
    next();
    return;
  }
  if (Array.isArray(request.body)) {
    next(new DomainError(ErrorCode.BadRequest, 'The request body must be a JSON object, not an array'));
    return;
  }
  const problem = shapeProblemOf(request.body);
  next(problem ? DomainError.invalidField(problem.field, problem.message) : undefined);
}

/**
 * Whether the body is what the JSON parser made of one. A raw body (a terminal webhook's Buffer, bytes the
 * provider signed) is never walked as an object: key by key, a megabyte of it held the event loop for seconds.
 */
export function isParsedJson(body: unknown): boolean {
  return body !== null && typeof body === 'object' && !Buffer.isBuffer(body);
}

function shapeProblemOf(root: unknown): { field: string; message: string } | null {
  const stack: Array<[unknown, number, string]> = [[root, 1, '']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      return { field: 'body', message: `must not be nested deeper than ${MAX_JSON_DEPTH} levels` };
    }
    const array = Array.isArray(value);
    if (array && value.length > MAX_JSON_ARRAY_LENGTH) {
      return { field: path || 'body', message: `must not hold more than ${MAX_JSON_ARRAY_LENGTH} elements` };
    }
    for (const key of Object.keys(value)) {
      const child = array ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!array && PROTOTYPE_KEYS.has(key)) return { field: child, message: 'is not allowed' };
      stack.push([(value as Record<string, unknown>)[key], depth + 1, child]);
    }
  }
  return null;
}
