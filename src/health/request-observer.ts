import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { describePrincipal } from '../common/access/principal';
import { routeLabel } from '../common/http/route-label';
import { Clock } from '../common/time/clock';
import { ApiKeyUsage } from '../auth/api-keys/usage/api-key-usage.service';
import { MetricsService } from './metrics.service';

/**
 * Sees every request, routed or not: one structured log line (method, route, status, duration, principal;
 * never headers or bodies), the Prometheus request metrics, and an API key's usage statistics.
 */
@Injectable()
export class RequestObserver {
  private readonly logger = new Logger('Http');

  constructor(
    private readonly metrics: MetricsService,
    private readonly usage: ApiKeyUsage,
    private readonly clock: Clock,
  ) {}

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
    const { principal } = request;
    if (principal?.kind === 'apiKey') {
      this.usage.count(principal.keyId, route, response.statusCode, seconds * 1000, this.clock.now());
    }
    const line = {
      requestId: request.id,
      method: request.method,
      route,
      status: response.statusCode,
      durationMs: Math.round(seconds * 10_000) / 10,
      principal: describePrincipal(request.principal),
    };
    // 503 says the database is away for now: expected during an outage, not a bug to look into.
    if (response.statusCode === 503) this.logger.warn(line, 'request');
    else if (response.statusCode >= 500) this.logger.error(line, 'request');
    else this.logger.log(line, 'request');
  }
}
