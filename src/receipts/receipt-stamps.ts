import type { ReceiptFiscalView } from './dto/receipt.views';

/**
 * The signing unit's data for receipts, kept by the fiscal module (src/fiscal/), which signs receipts after they
 * are issued: receipts read it through this port so that they need not know the fiscal module. An abstract class
 * rather than an interface only so that Nest can inject it by type; the fiscal module provides it.
 */
export abstract class ReceiptStamps {
  /** What a receipt carries as it is issued: `pending` with a signing unit, null without one. */
  abstract atIssue(): ReceiptFiscalView | null;
  /** The data of each receipt, by id; receipts not in the map have none (no unit). */
  abstract of(receiptIds: readonly string[]): Promise<Map<string, ReceiptFiscalView>>;
}
