import { createHash } from 'node:crypto';
import { applyDecorators, Type } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';

/** A JSON body made once and kept as bytes, with its strong ETag (the quoted SHA-256 hex of the body). */
export interface RenderedBody {
  body: Buffer;
  etag: string;
}

/** `value` as its JSON body (UTF-8 bytes, ready to send) and a strong ETag of exactly that body. */
export function renderBody(value: unknown): RenderedBody {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, etag: `"${createHash('sha256').update(body).digest('hex')}"` };
}

/** Whether an If-None-Match header matches this strong ETag (weak comparison, as RFC 9110 asks for GET). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
}

/**
 * Answers a GET of a rendered body: 304 without a body when If-None-Match names its ETag, else 200 with the
 * bytes as they are (express's send() would encode them again).
 */
export function sendRevalidated(
  response: ServerResponse,
  rendered: RenderedBody,
  ifNoneMatch: string | undefined,
): void {
  response.setHeader('ETag', rendered.etag);
  response.setHeader('Cache-Control', 'no-cache');
  if (ifNoneMatchHits(ifNoneMatch, rendered.etag)) {
    response.statusCode = 304;
    response.end();
    return;
  }
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', rendered.body.length);
  response.end(rendered.body);
}

/** Documents a route answered by sendRevalidated: `view` with its ETag, or 304. */
export const ApiRevalidated = (view: Type<unknown>) =>
  applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier reply' }),
    ApiOkResponse({
      type: view,
      headers: {
        ETag: { description: 'Strong: the quoted SHA-256 hex of the body', schema: { type: 'string' } },
        'Cache-Control': { description: 'no-cache', schema: { type: 'string' } },
      },
    }),
    ApiResponse({
      status: 304,
      description: 'Not modified: If-None-Match matched the current ETag; no body',
    }),
  );
