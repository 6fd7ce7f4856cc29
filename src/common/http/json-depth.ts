import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';

/** Deeper than any body this API takes (an order is 3 levels); far below what would overflow validation. */
export const MAX_JSON_DEPTH = 32;

/**
 * Refuses a parsed JSON body nested deeper than MAX_JSON_DEPTH with 422, before validation walks it recursively
 * (about 1,500 levels overflow the stack). Measured without recursion, so it cannot overflow itself.
 */
export function jsonDepthMiddleware(request: Request, _response: Response, next: NextFunction): void {
  if (depthOf(request.body) > MAX_JSON_DEPTH) {
    next(DomainError.invalidField('body', `must not be nested deeper than ${MAX_JSON_DEPTH} levels`));
    return;
  }
  next();
}

function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}
