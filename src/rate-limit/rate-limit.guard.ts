import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorBody } from '../common/errors/error-body';
import { enforceVerdict } from './fixed-windows';
import { RateLimiter } from './rate-limiter';

interface RateLimitOptions {
  /** Names the counters; also the prefix of their buckets. */
  name: string;
  windowSeconds: number;
  /** The buckets one request counts against, each with its limit: say one per token and one per token and IP. */
  buckets: (request: Request) => Array<{ bucket: string; limit: number }>;
}

const RATE_LIMIT = 'rate-limit';

/** One bucket per client address, with this limit: for a one-time code that anyone may try. */
export const perAddress =
  (limit: number) =>
  (request: Request): Array<{ bucket: string; limit: number }> => [
    { bucket: `ip:${request.ip ?? 'unknown'}`, limit },
  ];

/** Limits a route; answers RateLimit-* headers, and 429 RATE_LIMITED with Retry-After past the limit. */
export const RateLimit = (options: RateLimitOptions) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT, options),
    UseGuards(RateLimitGuard),
    // The RateLimit-* response headers, declared by src/openapi-headers.ts.
    ApiExtension('x-rate-limited', true),
    ApiTooManyRequestsResponse({
      type: ErrorBody,
      description: `RATE_LIMITED, with Retry-After: too many within ${options.windowSeconds} s`,
    }),
  );

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.get<RateLimitOptions | undefined>(RATE_LIMIT, context.getHandler());
    if (!options) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const rules = options.buckets(request).map(({ bucket, limit }) => ({
      bucket: `${options.name}:${bucket}`.slice(0, 200),
      limit,
      windowSeconds: options.windowSeconds,
    }));
    enforceVerdict(response, await this.limiter.hit(rules));
    return true;
  }
}
