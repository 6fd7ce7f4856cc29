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
import { ClientIdPath, clientIdsKey, clientIdsOf } from './client-ids';
import { IdempotencyService } from './idempotency.service';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;
/** What X-Device-Id may be (and a device's id in GET /devices/{id}/outbox-state). */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
const SEALED_REPLY = 'idempotency:sealed-reply';
const CLIENT_IDS = 'idempotency:client-ids';
const OWN_TRANSACTIONS = 'idempotency:own-transactions';
/** The scope of keys made of client ids: the ids are the request's, whoever sends it. */
const IDS_SCOPE = 'ids';

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

/** A copy with every object's keys in sorted order (bodies are at most 32 levels deep: see json-body-shape.ts). */
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
    const header = request.header('idempotency-key');
    const deviceId = request.header('x-device-id');
    if (deviceId !== undefined && !DEVICE_ID_PATTERN.test(deviceId)) {
      throw DomainError.invalidField('X-Device-Id', 'must be 1 to 100 letters, digits, ".", "_", ":" or "-"');
    }
    if (header !== undefined && !KEY_PATTERN.test(header)) {
      throw DomainError.invalidField(
        'Idempotency-Key',
        'must be 1 to 200 letters, digits, ".", "_", ":" or "-"',
      );
    }
    const paths = this.reflector.get<ClientIdPath[] | undefined>(CLIENT_IDS, context.getHandler());
    const clientIds = paths ? clientIdsOf(request.body, paths) : null;
    if (header === undefined && clientIds === null) return next.handle();
    // Client ids decide the scope: a tablet replaying its outbox after its waiter changed is the same request.
    const key = clientIds ? clientIdsKey(request.method, request.path, clientIds) : header!;
    const principal = request.principal;
    const outcome = this.idempotency.execute(
      {
        scope: clientIds ? IDS_SCOPE : scopeOf(request),
        key,
        fingerprint: fingerprintOf(request),
        sealed: this.reflector.get<boolean | undefined>(SEALED_REPLY, context.getHandler()) === true,
        ownTransactions:
          this.reflector.get<boolean | undefined>(OWN_TRANSACTIONS, context.getHandler()) === true,
        clientIds: clientIds ?? undefined,
        route: `${request.method} ${request.path}`,
        device:
          deviceId === undefined
            ? undefined
            : {
                id: deviceId,
                // The key the device knows its outbox entry by: the header it sent, else the ids' key.
                key: header ?? key,
                userId: principal?.kind === 'staff' ? principal.userId : null,
                apiKeyId: principal?.kind === 'apiKey' ? principal.keyId : null,
              },
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
 * it is kept encrypted under ENCRYPTION_KEY for the replay. `clientIds`: where the body may carry client-chosen
 * ids (ClientIdProperty); when it does, they key the request instead of the header, for every caller alike.
 * `ownTransactions`: the handler commits its own work (it calls a provider between two transactions) and applies
 * a key once by itself; only the reply is stored after it. Every such route reads X-Device-Id, and records the keyed writes a device applied (GET /devices/{id}/outbox-state).
 */
export const Idempotent = (
  options: { sealReply?: boolean; clientIds?: ClientIdPath[]; ownTransactions?: boolean } = {},
) =>
  applyDecorators(
    SetMetadata(SEALED_REPLY, options.sealReply === true),
    SetMetadata(OWN_TRANSACTIONS, options.ownTransactions === true),
    SetMetadata(CLIENT_IDS, options.clientIds),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'A client-made unique key (a UUID): a retry with the same key and body replays the first reply' +
        (options.clientIds
          ? '; with client ids in the body, those key the request instead (the header is still checked)'
          : ''),
    }),
    ApiHeader({
      name: 'X-Device-Id',
      required: false,
      description:
        'The tablet’s own id (1 to 100 of A-Z a-z 0-9 . _ : -): a keyed write it applied is recorded for ' +
        'GET /devices/{id}/outbox-state',
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
