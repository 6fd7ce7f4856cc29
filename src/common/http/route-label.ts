import type { Request } from 'express';

/** The matched route pattern (`/api/v1/users/:id`), never the raw URL: no ids or tokens in logs and metrics. */
export function routeLabel(request: Request): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : 'unmatched';
}
