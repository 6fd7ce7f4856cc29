import type { Tx } from '../database/database.service';
import type { CardDetails } from './payment.entities';

/** A payment of an order with its method's name and kind. */
export interface OrderPayment {
  paymentId: string;
  method: string;
  kind: string;
  amount: number;
  refunded: number;
  /** The tip less what refunds gave back of it: what the guest left, as a receipt shows it. */
  tip: number;
  change: number;
  /** The card a terminal read (a terminal payment), for the receipt; null otherwise. */
  card: CardDetails | null;
}

const ORDER_PAYMENTS = `SELECT p.id AS payment_id, m.name AS method, m.kind, p.amount, p.refunded, p.tip, p.tip_refunded, p.change, p.card
  FROM payments p JOIN payment_methods m ON m.id = p.method_id
  WHERE p.order_id = $1 ORDER BY p.created_at, p.id`;

interface PaymentSqlRow {
  payment_id: string;
  method: string;
  kind: string;
  amount: number | string;
  refunded: number | string;
  tip: number | string;
  tip_refunded: number | string;
  change: number | string;
  card: string | null;
}

/** The order's payments in the order they were taken, read in `tx` in one statement (a receipt lists them). */
export async function paymentsOfOrder(tx: Tx, orderId: string): Promise<OrderPayment[]> {
  const rows = await tx.sql<PaymentSqlRow>(ORDER_PAYMENTS, [orderId]);
  return rows.map((row) => ({
    paymentId: row.payment_id,
    method: row.method,
    kind: row.kind,
    amount: Number(row.amount),
    refunded: Number(row.refunded),
    tip: Number(row.tip) - Number(row.tip_refunded),
    change: Number(row.change),
    card: row.card ? (JSON.parse(row.card) as CardDetails) : null,
  }));
}
