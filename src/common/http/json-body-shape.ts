import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/** Deeper than any body this API takes (an order is 3 levels); far below what would overflow validation. */
export const MAX_JSON_DEPTH = 32;

/** Keys that reach an object's prototype when copied: refused, never silently dropped. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses a JSON array as the body with 400, as a body that is not JSON (every route takes an object). Refuses,
 * with 422 before validation, a parsed JSON body nested deeper than MAX_JSON_DEPTH (validation walks it
 * recursively: about 1,500 levels overflow the stack) or carrying a prototype key (`__proto__`, which JSON.parse
 * keeps as an own key, would otherwise vanish in the transformation). Walked without recursion, so it cannot
 * overflow itself.
 */
export function jsonBodyShapeMiddleware(request: Request, _response: Response, next: NextFunction): void {
  if (Array.isArray(request.body)) {
    next(new DomainError(ErrorCode.BadRequest, 'The request body must be a JSON object, not an array'));
    return;
  }
  const problem = shapeProblemOf(request.body);
  next(problem ? DomainError.invalidField(problem.field, problem.message) : undefined);
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
    for (const key of Object.keys(value)) {
      const child = array ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!array && PROTOTYPE_KEYS.has(key)) return { field: child, message: 'is not allowed' };
      stack.push([(value as Record<string, unknown>)[key], depth + 1, child]);
    }
  }
  return null;
}
