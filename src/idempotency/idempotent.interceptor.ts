import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DomainError } from '../common/errors/domain-error';
import { ErrorBody } from '../common/errors/error-body';
import { describePrincipal } from '../common/access/principal';
import { IdempotencyService } from './idempotency.service';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;
const SEALED_REPLY = 'idempotency:sealed-reply';

/** Who a key belongs to: the authenticated caller, or for guests the QR token of their table. */
function scopeOf(request: Request): string {
  if (request.principal) return describePrincipal(request.principal);
  return `qr:${String(request.params.qrToken ?? request.ip)}`.slice(0, 100);
}

/** The same request whatever the order of its JSON keys: they are sorted before hashing. */
function fingerprintOf(request: Request): string {
  const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
  return createHash('sha256')
    .update(JSON.stringify(sortedKeys([request.method, route, request.params, request.body ?? null])))
    .digest('hex');
}

/** A copy with every object's keys in sorted order (bodies are at most 32 levels deep: see json-depth.ts). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** Honours `Idempotency-Key` exactly as API.md says; the handler and the stored reply commit together. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    if (key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw DomainError.invalidField(
        'Idempotency-Key',
        'must be 1 to 200 letters, digits, ".", "_", ":" or "-"',
      );
    }
    const outcome = this.idempotency.execute(
      {
        scope: scopeOf(request),
        key,
        fingerprint: fingerprintOf(request),
        sealed: this.reflector.get<boolean | undefined>(SEALED_REPLY, context.getHandler()) === true,
      },
      async () => ({ body: await lastValueFrom(next.handle()), status: response.statusCode }),
    );
    return from(
      outcome.then(({ status, body, replayed }) => {
        response.status(status);
        if (replayed) response.setHeader('Idempotent-Replayed', 'true');
        return body;
      }),
    );
  }
}

/**
 * Marks a creating POST (or a change that must apply once, such as a kitchen screen's bump: PATCH of an item's
 * status) as idempotent and documents the header and its errors. The method and route are part of the
 * fingerprint, so any verb works alike. `sealReply`: the reply holds a secret shown once (a gift card's code), so
 * it is kept encrypted under ENCRYPTION_KEY for the replay.
 */
export const Idempotent = (options: { sealReply?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(SEALED_REPLY, options.sealReply === true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A client-made unique key (a UUID): a retry with the same key and body replays the first reply',
    }),
    ApiConflictResponse({
      type: ErrorBody,
      description: 'IDEMPOTENCY_IN_PROGRESS: the same key is still running',
    }),
    ApiUnprocessableEntityResponse({
      type: ErrorBody,
      description: 'IDEMPOTENCY_KEY_REUSED: the same key came with another request',
    }),
  );
