import { Injectable } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { API_PREFIX } from './api-prefix';
import { requestIdOf } from './request-id';
import { RenderedBody, sendRevalidated } from './revalidated';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

interface Route {
  /** The route as the router labels it ('/api/v1/menu', '/api/v1/public/tables/:qrToken'). */
  label: string;
  render: (param: string) => Promise<RenderedBody | null>;
}

/** A parameter the front door takes: a token or id, nothing a decoder or the router would read differently. */
const PLAIN_PARAM = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * A GET that announces a body takes the whole pipeline, whose parsers bound and refuse it as on any route; the
 * front door never reads a body.
 */
function carriesBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * What the front door does for a request instead of the middlewares every request passes: the same checks and
 * marks, made without Express.
 */
export interface FrontDoorChecks {
  /** The client's address, as the client-address middleware makes `request.ip`. */
  address(request: IncomingMessage): string | undefined;
  /** A blocked address takes the whole pipeline, whose gate refuses it (and notes the refusal). */
  blocked(address: string | undefined): boolean;
  /** With CORS_ORIGINS set, a request with an Origin takes the whole pipeline, which answers CORS. */
  corsOrigins: boolean;
  /** The security headers every reply carries, read once from the middleware that sets them. */
  securityHeaders: ReadonlyArray<[string, string]>;
  /** Starts the request's log line and metrics, as the request observer's middleware does. */
  observe(request: IncomingMessage, response: ServerResponse): void;
}

/**
 * Public GET replies that are bytes built once per change (the menu), answered at the front door: ahead of
 * Express, whose application, router and per-request objects cost several times what writing the bytes does
 * (docs/benchmark.md, "GET /menu at the front door"). Only the plain case is taken: a GET of exactly the route
 * without a body, from an address not blocked, without an Origin when CORS is on; the reply carries what the middlewares would
 * have set (request id, security headers, the log line and metrics). Anything else, and a render that fails, goes
 * through the whole pipeline to the route declared on its controller, with the same renderer, which also serves
 * the OpenAPI document.
 */
@Injectable()
export class PrebuiltReplies {
  /** Routes without a parameter, by their path. */
  private readonly exact = new Map<string, Route>();
  /** Routes ending in one parameter, by the path before it. */
  private readonly underPrefix = new Map<string, Route>();

  /**
   * `route` below the API prefix ('menu'), its reply the same for every caller; or ending in one parameter
   * ('public/tables/:qrToken'), whose renderer answers null where the route would not answer 200 (an unknown
   * token): that request takes the whole pipeline, and the controller answers it.
   */
  register(route: string, render: (param: string) => Promise<RenderedBody | null>): void {
    const label = `/${API_PREFIX}/${route}`;
    const param = label.lastIndexOf('/:');
    if (param < 0) this.exact.set(label, { label, render });
    else this.underPrefix.set(label.slice(0, param + 1), { label, render });
  }

  /** The route's label and its reply's renderer, for a GET of exactly a registered path. */
  private routeOf(
    request: IncomingMessage,
  ): { label: string; render: () => Promise<RenderedBody | null> } | null {
    const url = request.url ?? '';
    if (request.method !== 'GET' || carriesBody(request)) return null;
    const exact = this.exact.get(url);
    if (exact) return { label: exact.label, render: () => exact.render('') };
    const slash = url.lastIndexOf('/');
    const route = this.underPrefix.get(url.slice(0, slash + 1));
    const param = url.slice(slash + 1);
    if (!route || !PLAIN_PARAM.test(param)) return null;
    return { label: route.label, render: () => route.render(param) };
  }

  /**
   * Puts the replies ahead of `server`'s request listeners (Express's; socket.io, attaching later, puts its own
   * ahead of all of them for its path).
   */
  openFrontDoor(server: Server, checks: FrontDoorChecks): void {
    const behind = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    const pass: RequestListener = (request, response) => {
      for (const listener of behind) listener.call(server, request, response);
    };
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const route = this.routeOf(request);
      if (!route || (checks.corsOrigins && request.headers.origin !== undefined)) {
        return pass(request, response);
      }
      if (checks.blocked(checks.address(request))) return pass(request, response);
      route.render().then(
        (rendered) => {
          if (!rendered) return pass(request, response);
          const marked = request as IncomingMessage & { id: string; route: { path: string } };
          marked.id = requestIdOf(request);
          // The route label of the log line and metrics (routeLabel), as the router would have set it.
          marked.route = { path: route.label };
          checks.observe(request, response);
          response.setHeader('X-Request-Id', marked.id);
          for (const [name, value] of checks.securityHeaders) response.setHeader(name, value);
          sendRevalidated(response, rendered, request.headers['if-none-match']);
        },
        () => pass(request, response),
      );
    });
  }
}
