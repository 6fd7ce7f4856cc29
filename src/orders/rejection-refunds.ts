import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/access/principal';
import type { OrderChange } from './order-changes';

/** Gives back, inside the change that rejects an order, payments of it that never reached the till. */
export type RejectionRefund = (change: OrderChange, actor: Principal, reason: string) => Promise<void>;

/**
 * Where the payments module says how a rejected order's money goes back (a channel's payment is reversed, the
 * channel refunds its customer): rejecting asks before it cancels, so what is left paid still answers 409. The
 * lower module asks; the higher one answers, so orders imports no payments.
 */
@Injectable()
export class RejectionRefunds {
  private readonly refunds: RejectionRefund[] = [];

  register(refund: RejectionRefund): void {
    this.refunds.push(refund);
  }

  async apply(change: OrderChange, actor: Principal, reason: string): Promise<void> {
    for (const refund of this.refunds) await refund(change, actor, reason);
  }
}
