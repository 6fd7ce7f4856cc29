import type { CardDetails } from './payment.entities';

/** One refund of a card payment a terminal took, as the provider is asked for it. */
export interface CardRefundRequest {
  paymentId: string;
  /** Minor units going back to the card, the tip's part included. */
  amount: number;
  /**
   * The same for every run of the same refund (the payment's refunded amounts before it): a unit of work run again
   * after a serialisation failure asks the provider with the same key, and the provider refunds once.
   */
  idempotencyKey: string;
}

/**
 * Where the money of a terminal's payment goes back through its provider. The payments module asks; the terminals
 * module answers (it provides this token), so payments imports no terminals. A refused refund throws, and the
 * refund's transaction rolls back: no refund row without the money.
 */
export abstract class CardRefundPort {
  abstract refund(card: CardDetails, request: CardRefundRequest): Promise<void>;
}
