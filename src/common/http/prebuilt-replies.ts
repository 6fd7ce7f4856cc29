import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { API_PREFIX } from './api-prefix';
import { RenderedBody, sendRevalidated } from './revalidated';

/**
 * Public GET replies that are bytes built once per change (the menu), answered right after the middlewares every
 * request passes (client address, request id, the observer, security headers, address blocks, CORS) and before
 * body parsing, the router's walk through every route, and Nest's guards and pipes: those cost many times what
 * writing the bytes does (docs/benchmark.md, "The budget per order"). The route stays declared on its controller, with the same
 * renderer, for the OpenAPI document and for what this does not take (a query string, a trailing slash).
 */
@Injectable()
export class PrebuiltReplies {
  private readonly renderers = new Map<string, () => Promise<RenderedBody>>();

  /** `route` below the API prefix ('menu'); its reply must be the same for every caller. */
  register(route: string, render: () => Promise<RenderedBody>): void {
    this.renderers.set(`/${API_PREFIX}/${route}`, render);
  }

  readonly middleware: RequestHandler = (request: Request, response: Response, next: NextFunction) => {
    const render = request.method === 'GET' ? this.renderers.get(request.url) : undefined;
    if (!render) return next();
    // The route label of the request's log line and metrics (routeLabel), as the router would have set it.
    request.route = { path: request.url };
    render().then((rendered) => sendRevalidated(response, rendered, request.headers['if-none-match']), next);
  };
}
