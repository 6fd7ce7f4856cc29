import { FactKind } from '../event-log/facts';
import type { Payment } from './payment.entities';

/**
 * A payment was taken towards an order: who took it (null for one from outside the restaurant), its tip, the
 * business day it is booked on and when. The tips module books the tip to the person who took it.
 */
export interface PaymentTaken {
  paymentId: string;
  orderId: string;
  takenBy: string | null;
  /** Minor units of tip on top of the amount; never a service charge. */
  tip: number;
  businessDay: string;
  takenAt: Date;
}

export const PAYMENT_TAKEN = new FactKind<PaymentTaken>('payment taken');

export const paymentTaken = (payment: Payment): PaymentTaken => ({
  paymentId: payment.id,
  orderId: payment.orderId,
  takenBy: payment.takenBy,
  tip: payment.tip,
  businessDay: payment.businessDay,
  takenAt: payment.createdAt,
});
