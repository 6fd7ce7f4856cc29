import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorBody } from '../../common/errors/error-body';
import { GiftCardCodes } from './gift-card-codes';

const FIELD = 'giftCardCode';
const found = new WeakMap<Request, string>();

/**
 * Finds the card of a payment's `giftCardCode` before the request's transaction starts (a guard runs before the
 * idempotency interceptor opens it), so that a code matching no card is counted against the caller even though
 * the payment then fails and writes nothing.
 */
@Injectable()
export class GiftCardCodeGuard implements CanActivate {
  constructor(private readonly codes: GiftCardCodes) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const code = (request.body as Record<string, unknown> | undefined)?.[FIELD];
    if (typeof code !== 'string' || !request.principal) return true;
    const card = await this.codes.find(request.principal, FIELD, code, () =>
      DomainError.invalidField(FIELD, 'matches no gift card'),
    );
    found.set(request, card.id);
    return true;
  }
}

/** Resolves a body's `giftCardCode` to its card, counting misses like wrong PINs; documents the 429. */
export const FindsGiftCardCode = () =>
  applyDecorators(
    UseGuards(GiftCardCodeGuard),
    ApiTooManyRequestsResponse({
      type: ErrorBody,
      description: 'RATE_LIMITED, with Retry-After: too many gift card codes that matched no card',
    }),
  );

/** The id of the card that the request's `giftCardCode` named, or null when it named none. */
export const GiftCardOfCode = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | null =>
    found.get(context.switchToHttp().getRequest<Request>()) ?? null,
);
