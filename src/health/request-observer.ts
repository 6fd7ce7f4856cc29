import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { describePrincipal } from '../common/access/principal';
import { routeLabel } from '../common/http/route-label';
import { MetricsService } from './metrics.service';

/**
 * Sees every request, routed or not: one structured log line (method, route, status, duration, principal;
 * never headers or bodies) and the Prometheus request metrics.
 */
@Injectable()
export class RequestObserver {
  private readonly logger = new Logger('Http');

  constructor(private readonly metrics: MetricsService) {}

  readonly middleware: RequestHandler = (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () =>
      this.observe(request, response, Number(process.hrtime.bigint() - started) / 1e9),
    );
    next();
  };

  private observe(request: Request, response: Response, seconds: number): void {
    const route = routeLabel(request);
    this.metrics.observeRequest(request.method, route, response.statusCode, seconds);
    const line = {
      requestId: request.id,
      method: request.method,
      route,
      status: response.statusCode,
      durationMs: Math.round(seconds * 10_000) / 10,
      principal: describePrincipal(request.principal),
    };
    if (response.statusCode >= 500) this.logger.error(line, 'request');
    else this.logger.log(line, 'request');
  }
}
