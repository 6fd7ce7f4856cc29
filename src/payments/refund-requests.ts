import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Database } from '../database/database.service';
import { OrderChanges } from '../orders/order-changes';
import type { CardRefundRequest } from './card-refund-port';
import { PaymentView, RefundInput } from './dto/payment.dto';
import { CardRefundStep, PaymentRefunds, RefundRequest } from './payment-refunds';
import { CardDetails, Payment, Refund } from './payment.entities';

/** A UUID (version 5's shape) made of a hex digest: the same digest, the same id. */
const uuidOf = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;

/** Thrown by a refund's first run once it knows the provider's refund it needs: rolls it back, nothing written. */
class CardRefundPlanned extends Error {}

/** POST /payments/{id}/refund: a refund asked for, its card's provider called between transactions of its own. */
@Injectable()
export class RefundRequests {
  private readonly logger = new Logger(RefundRequests.name);

  constructor(
    private readonly database: Database,
    private readonly orderChanges: OrderChanges,
    private readonly refunds: PaymentRefunds,
  ) {}

  /**
   * A refund of one payment. A terminal's card payment goes back at its provider outside any transaction (on
   * SQLite a transaction holds the one writer, and a provider may take its timeout to answer): the refund's unit
   * of work runs once to learn what goes back (and rolls back), the provider is asked with a key derived from the
   * refund's Idempotency-Key, then the unit of work runs again and records it. Should the payment have changed
   * meanwhile so that the refund is another one, 409 says so (the provider's refund is then found by repeating
   * the request with the same key, which asks the provider with the same key and records it).
   */
  async refund(
    actor: StaffPrincipal,
    paymentId: string,
    orderVersion: number | undefined,
    input: RefundInput,
    idempotencyKey?: string,
  ): Promise<PaymentView> {
    const keyed = idempotencyKey
      ? createHash('sha256').update(`${actor.userId}:${paymentId}:${idempotencyKey}`).digest('hex')
      : undefined;
    const request = {
      paymentId,
      ...input,
      providerKey: keyed && `refund-${keyed}`,
      refundId: keyed && uuidOf(keyed),
    };
    // Recorded already (its reply was lost before it was stored): the payment as it is, nothing asked again.
    const recorded =
      request.refundId && (await this.database.reader.findOneBy(Refund, { id: request.refundId }));
    if (recorded) {
      return PaymentView.of(await this.database.reader.findOneByOrFail(Payment, { id: recorded.paymentId }));
    }
    let planned: { card: CardDetails; request: CardRefundRequest } | undefined;
    try {
      return await this.refundIn(actor, orderVersion, request, (card, cardRequest) => {
        planned = { card, request: cardRequest };
        throw new CardRefundPlanned();
      });
    } catch (error) {
      if (!(error instanceof CardRefundPlanned)) throw error;
    }
    const asked = planned!.request;
    await this.refunds.refundAtProvider(planned!.card, asked);
    return this.refundIn(actor, orderVersion, request, (_card, cardRequest) => {
      if (cardRequest.amount !== asked.amount || cardRequest.idempotencyKey !== asked.idempotencyKey) {
        this.logger.error(
          `Payment ${paymentId}: the provider refunded ${asked.amount} (key ${asked.idempotencyKey}), but the payment changed before it was recorded`,
        );
        throw new DomainError(
          ErrorCode.Conflict,
          `The payment changed while its refund of ${asked.amount} went to the provider: send the same request (same Idempotency-Key) again to record it`,
        );
      }
    });
  }

  /**
   * The refund's unit of work: the order that holds the payment now is read in the transaction (a merge may have
   * moved it), locked first, then the payment (which must still be the order's: PaymentRefunds checks).
   */
  private refundIn(
    actor: StaffPrincipal,
    orderVersion: number | undefined,
    request: RefundRequest,
    cardStep: CardRefundStep,
  ): Promise<PaymentView> {
    return this.database.transaction(async (tx) => {
      const [payment] = await this.database.selectRows(tx, Payment, 'id = $1', [request.paymentId]);
      if (!payment) throw DomainError.notFound('Payment');
      let refunded: Payment | undefined;
      await this.orderChanges.change(payment.orderId, orderVersion, async (change) => {
        this.refunds.assertMayAsk(change, actor, request);
        refunded = await this.refunds.refund(change, actor, request, cardStep);
      });
      return PaymentView.of(refunded!);
    });
  }
}
