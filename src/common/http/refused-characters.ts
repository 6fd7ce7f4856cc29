import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { isParsedJson } from './json-body-shape';

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
const BIDI_MESSAGE =
  'must not contain bidirectional embedding, override or isolate characters (U+202A to U+202E, U+2066 to U+2069)';

/** The bidirectional embeddings, overrides and isolates. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

const isRefused = (text: string) => text.includes('\u0000') || BIDI_CONTROLS.test(text);

/**
 * Refuses U+0000 and the bidirectional controls in the path, the query or the parsed JSON body (never a raw one)
 * with 422, naming the field. PostgreSQL text cannot hold U+0000, so a statement that carried it failed with a
 * 500. A bidirectional control left open reverses whatever a page shows after the text on its line (a name's
 * U+202E makes the price beside it read `00.21€`, Trojan Source's trick); right-to-left names need none of them.
 * No field of this API has a use for either, and SQLite answers the same way.
 */
export function refusedCharactersMiddleware(request: Request, _response: Response, next: NextFunction): void {
  const refused = /%00/.test(request.path)
    ? { field: 'path', text: '\u0000' }
    : (fieldWithRefused(request.query) ??
      (isParsedJson(request.body) ? fieldWithRefused(request.body) : null));
  next(
    refused === null
      ? undefined
      : DomainError.invalidField(refused.field, refused.text.includes('\u0000') ? NUL_MESSAGE : BIDI_MESSAGE),
  );
}

/**
 * The path of the first string or key that holds a refused character, and that text, walked without recursion
 * (see json-body-shape.ts).
 */
function fieldWithRefused(root: unknown): { field: string; text: string } | null {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (isRefused(value)) return { field: path || 'body', text: value };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      if (isRefused(key)) return { field: path || 'body', text: key };
      stack.push([child, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key]);
    }
  }
  return null;
}
