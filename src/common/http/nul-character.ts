import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { isParsedJson } from './json-body-shape';

const MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * Refuses U+0000 in the path, the query or the parsed JSON body (never a raw one) with 422, naming the field. PostgreSQL text cannot hold
 * it, so a statement that carried it failed with a 500; no field of this API has a use for it, and SQLite answers
 * the same way.
 */
export function nulCharacterMiddleware(request: Request, _response: Response, next: NextFunction): void {
  const field = /%00/.test(request.path)
    ? 'path'
    : (fieldWithNul(request.query) ?? (isParsedJson(request.body) ? fieldWithNul(request.body) : null));
  next(field === null ? undefined : DomainError.invalidField(field, MESSAGE));
}

/** The path of the first string or key that holds U+0000, walked without recursion (see json-body-shape.ts). */
function fieldWithNul(root: unknown): string | null {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path || 'body';
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return path || 'body';
      stack.push([child, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key]);
    }
  }
  return null;
}
