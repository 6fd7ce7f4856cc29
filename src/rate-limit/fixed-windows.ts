import type { Response } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';

/** One counter that a request counts against, with its own limit per window. */
export interface RateLimitRule {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/** A counter's current window, wherever it is kept. */
export interface WindowCount {
  windowStartedAt: Date;
  hits: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface CountedRule {
  count: WindowCount;
  rule: RateLimitRule;
}

/**
 * The fixed-window rule, for a store that keeps its counts in this process: windows that have run out start
 * again; the hit counts against every counter when all of them have room and against none otherwise. The Redis
 * store runs the same rule as a script (redis-rate-limiter.ts), since it must be atomic across instances.
 */
export function countHit(counters: CountedRule[], now: Date): RateLimitVerdict {
  for (const { count, rule } of counters) {
    if (now.getTime() - count.windowStartedAt.getTime() >= rule.windowSeconds * 1000) {
      count.windowStartedAt = now;
      count.hits = 0;
    }
  }
  const allowed = counters.every(({ count, rule }) => count.hits < rule.limit);
  if (allowed) for (const { count } of counters) count.hits += 1;
  return verdictOf(counters, allowed, now);
}

/** The verdict on counters after a hit: the tightest of them. */
export function verdictOf(counters: CountedRule[], allowed: boolean, now: Date): RateLimitVerdict {
  const verdicts = counters.map(({ count, rule }) => ({
    allowed,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - count.hits),
    resetSeconds: Math.ceil(
      (count.windowStartedAt.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000,
    ),
  }));
  return verdicts.reduce((tightest, verdict) =>
    verdict.remaining < tightest.remaining ? verdict : tightest,
  );
}

/** API.md: RateLimit-* headers on every limited reply, and 429 RATE_LIMITED with Retry-After past the limit. */
export function enforceVerdict(response: Response, verdict: RateLimitVerdict): void {
  response.setHeader('RateLimit-Limit', String(verdict.limit));
  response.setHeader('RateLimit-Remaining', String(verdict.remaining));
  response.setHeader('RateLimit-Reset', String(verdict.resetSeconds));
  if (!verdict.allowed) {
    throw new DomainError(
      ErrorCode.RateLimited,
      'Too many requests: try again later',
      undefined,
      verdict.resetSeconds,
    );
  }
}
