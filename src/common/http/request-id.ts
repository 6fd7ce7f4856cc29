import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A sane X-Request-Id the client sent, or a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const offered = request.headers['x-request-id'];
  return typeof offered === 'string' && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
}

/** Echoes a sane client X-Request-Id or makes one, and puts it on every response. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  request.id = requestIdOf(request);
  response.setHeader('X-Request-Id', request.id);
  next();
}
