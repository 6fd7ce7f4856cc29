import { FactKind } from '../event-log/facts';
import type { ReceiptKind } from './receipt.entity';

/**
 * A receipt was issued: its amounts as printed, signed as the money went (a refund's negative). `taxes`: the gross
 * per tax rate; `payments`: each payment's amount (its tip apart) and whether it was cash.
 */
export interface ReceiptIssued {
  receiptId: string;
  /** The order it is for: the sale it closes, or the sale a refund gives back from. */
  orderId: string;
  kind: ReceiptKind;
  taxes: Array<{ percent: number; gross: number }>;
  payments: Array<{ cash: boolean; giftCard: boolean; amount: number; tip: number }>;
  /** When the sale began: a sale's order opened; a refund begins as it is made. */
  saleStartedAt: Date;
}

export const RECEIPT_ISSUED = new FactKind<ReceiptIssued>('receipt issued');
