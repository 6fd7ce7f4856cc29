import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { ErrorBody } from '../common/errors/error-body';
import { ErrorCode } from '../common/errors/error-code';
import { RateLimitBucketRule, RateLimiter } from './rate-limiter';

interface RateLimitOptions {
  /** Names the counters; also the prefix of their buckets. */
  name: string;
  windowSeconds: number;
  /** The buckets one request counts against, each with its limit: say one per token and one per token and IP. */
  buckets: (request: Request) => RateLimitBucketRule[];
}

const RATE_LIMIT = 'rate-limit';

/** Limits a route; answers RateLimit-* headers, and 429 RATE_LIMITED with Retry-After past the limit. */
export const RateLimit = (options: RateLimitOptions) =>
  applyDecorators(
    SetMetadata(RATE_LIMIT, options),
    UseGuards(RateLimitGuard),
    ApiHeader({ name: 'RateLimit-Limit', required: false, description: 'Set on the response' }),
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
    const rules = options
      .buckets(request)
      .map(({ bucket, limit }) => ({ bucket: `${options.name}:${bucket}`.slice(0, 200), limit }));
    const verdict = await this.limiter.hit(rules, options.windowSeconds);
    response.setHeader('RateLimit-Limit', String(verdict.limit));
    response.setHeader('RateLimit-Remaining', String(Math.max(0, verdict.remaining)));
    response.setHeader('RateLimit-Reset', String(verdict.resetSeconds));
    if (!verdict.allowed) {
      throw new DomainError(
        ErrorCode.RateLimited,
        'Too many requests: try again later',
        undefined,
        verdict.resetSeconds,
      );
    }
    return true;
  }
}
