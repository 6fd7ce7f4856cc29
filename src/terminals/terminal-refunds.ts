import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { CardRefundPort, CardRefundRequest } from '../payments/card-refund-port';
import type { CardDetails } from '../payments/payment.entities';
import { TerminalAdapters } from './terminal-adapters';

/** The terminals' side of CardRefundPort: a terminal payment's refund goes to the provider that took it. */
@Injectable()
export class TerminalRefunds extends CardRefundPort {
  constructor(private readonly adapters: TerminalAdapters) {
    super();
  }

  async refund(card: CardDetails, request: CardRefundRequest): Promise<void> {
    const adapter = this.adapters.of(card.provider, 'paymentId');
    try {
      await adapter.refund(card, request.amount, request.idempotencyKey);
    } catch (error) {
      throw new DomainError(
        ErrorCode.Conflict,
        `The ${card.provider} terminal provider refused the refund, nothing was refunded: ${String(error)}`,
      );
    }
  }
}
