/**
 * What the printed documents say, independent of how they are printed: each is rendered by its one layout to ESC/POS,
 * SVG, PDF or plain text (see DocumentRenderer). Amounts are integer minor units in the restaurant's currency,
 * times ISO 8601 UTC instants (printed in its time zone). Header and footer (the restaurant's name, address and tax
 * number from its profile, RECEIPT_FOOTER) come from the renderer, never from the document.
 */

/** The formats a document renders to; JSON is the document itself. */
export const DOCUMENT_FORMATS = ['escpos', 'svg', 'pdf', 'text'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Characters per line: 32 on 58 mm paper, 42 or 48 on 80 mm (font B or A). */
export const PAPER_WIDTHS = [32, 42, 48] as const;
export type PaperWidth = (typeof PAPER_WIDTHS)[number];

/** A chosen modifier option, as copied onto an order item. */
export interface DocumentModifier {
  name: string;
  /** Minor units added to the unit price; 0 for a free option. */
  priceDelta: number;
}

/**
 * A chosen component of a combo line, as the guest ordered it: no price of its own (the combo's price was spread over
 * its components only to tax and count them), its options by name.
 */
export interface DocumentComponent {
  name: string;
  variationName?: string | null;
  modifiers?: Array<{ name: string }>;
}

/** One line of a bill or receipt: an order item as ordered (an OrderItemView fits). */
export interface DocumentLine {
  name: string;
  variationName?: string | null;
  quantity: number;
  /** Minor units per unit before modifiers. */
  unitPrice: number;
  modifiers?: DocumentModifier[];
  /** The seat it is for, when the waiter gave one. */
  seat?: number | null;
  /** (unitPrice + modifiers) × quantity, minor units; negative on a refund receipt. */
  total: number;
  /** A combo line's components (docs/combos.md), printed under it; its price and total are the whole combo's. */
  components?: DocumentComponent[];
}

/** One row per tax rate, as the order view's `taxes` (sum(gross) = total, sum(tax) = tax). */
export interface DocumentTaxRow {
  name: string;
  percent: number;
  net: number;
  tax: number;
  gross: number;
}

/** What the bill adds to or takes from the lines. */
export interface DocumentAdjustments {
  subtotal: number;
  discount: number;
  /** Why and how much, when a discount was given: `{kind: 'percent', value: 10, reason}`. */
  discountDetail?: { kind: 'percent' | 'amount'; value: number; reason: string } | null;
  serviceCharge: number;
  /** The tax in the total (or added to it): printed as one line when there are no per-rate rows. */
  tax: number;
  /** Per-rate rows; when present they are printed instead of the single tax line. */
  taxes?: DocumentTaxRow[];
  total: number;
}

/** The pre-bill handed to the guest before paying: the order as it stands, marked "not a receipt". */
export interface GuestCheckDocument extends DocumentAdjustments {
  kind: 'guest_check';
  orderNumber: number;
  tableName?: string | null;
  waiterName?: string | null;
  guests?: number | null;
  /** This check's part when the order was split evenly: part 1 of 3. */
  split?: { part: number; parts: number } | null;
  lines: DocumentLine[];
  /** Paid so far and still due, minor units. */
  paid: number;
  due: number;
  /** When it was printed. */
  printedAt: string;
}

/** A payment on a receipt: the method's name and the amount it paid towards the bill (negative when refunded). */
export interface DocumentPayment {
  method: string;
  amount: number;
  /** A card terminal payment's card: printed under it. */
  card?: {
    brand: string;
    last4: string;
    entryMode: string;
    authCode: string | null;
    aid: string | null;
    applicationLabel: string | null;
  };
}

/** The signing unit's data a receipt prints (a ReceiptView's `fiscal` fits): what German law asks on paper. */
export interface DocumentFiscalStamp {
  /** Austria's regime: the cash register's receipt; absent for Germany's signing unit. */
  regime?: 'AT-RKSV';
  state: 'signed' | 'pending' | 'unit_failed' | 'device_failed';
  cashRegisterId?: string;
  receiptNumber?: string;
  unitSerial: string | null;
  clientId: string | null;
  transactionNumber: number | null;
  start: string | null;
  end: string | null;
  signatureCounter: number | null;
  signature: string | null;
  /** `V0;…` (Germany) or `_R1-AT…` (Austria), printed as a QR code: an auditor's app checks the signature from it. */
  qrCode: string | null;
}

/**
 * A receipt or refund receipt: the fiscal journal's receipt (its ReceiptView can be passed as it is), plus the
 * table and waiter when the caller has them. A refund receipt names the receipt it refunds; its amounts are
 * negative as issued.
 */
export interface ReceiptDocument {
  kind: 'sale' | 'refund';
  id: string;
  /** The gap-free receipt number. */
  number: number;
  orderId: string;
  orderNumber?: number | null;
  tableName?: string | null;
  waiterName?: string | null;
  issuedAt: string;
  /** A refund receipt: the number of the sale receipt it refunds, and why. */
  refundOfNumber?: number | null;
  reason?: string | null;
  lines: DocumentLine[];
  /** Subtotal, discount and service charge when the receipt carries them; printed when not zero. */
  subtotal?: number | null;
  discount?: number | null;
  serviceCharge?: number | null;
  taxes: DocumentTaxRow[];
  payments: DocumentPayment[];
  tips: number;
  change: number;
  total: number;
  previousHash: string;
  hash: string;
  signature: string | null;
  /** The signing unit's data; null or absent without a unit. */
  fiscal?: DocumentFiscalStamp | null;
  /** The digital copy, `PUBLIC_BASE_URL/r/<token>`: printed as a QR code. */
  url?: string | null;
}

/** Which kitchen ticket: what reached the station. */
export type KitchenTicketKind = 'new' | 'added' | 'fired' | 'void';

/** An item on a kitchen ticket: what to make, never a price. */
export interface KitchenTicketLine {
  quantity: number;
  name: string;
  variationName?: string | null;
  modifiers?: Array<{ name: string }>;
  seat?: number | null;
  course?: number | null;
  comment?: string | null;
}

/** What one station's printer gets when items reach it: only those items, never the whole order again. */
export interface KitchenTicketDocument {
  kind: 'kitchen_ticket';
  ticket: KitchenTicketKind;
  /** The fired course (ticket `fired`). */
  course?: number | null;
  /** A reprint of a ticket that printed before: marked REPRINT. */
  reprint?: boolean;
  stationName?: string | null;
  orderNumber: number;
  /** dine_in, takeaway or delivery. */
  orderType?: string | null;
  tableName?: string | null;
  waiterName?: string | null;
  guests?: number | null;
  /** The channel a takeaway or delivery came from, and when it was promised. */
  channel?: string | null;
  promisedAt?: string | null;
  notes?: string | null;
  /** The order's customer, when known: allergens are printed prominently. */
  customer?: { name?: string | null; allergens?: string[] | null } | null;
  /** When the change that made the ticket happened. */
  createdAt: string;
  lines: KitchenTicketLine[];
}

/** Sales figures of a day, as the X and Z reports carry them (SalesFiguresView). */
export interface DocumentSalesFigures {
  orders: number;
  itemSales: number;
  discounts: number;
  serviceCharge: number;
  refunds: number;
  tax: number;
  salesExclTax: number;
  salesInclTax: number;
  tips: number;
  averageTicket: number;
}

/** One business day's figures: the shape of the X report (/reports/shift) and a Z report's `report`. */
export interface DocumentDayReport {
  businessDay: string;
  sales: DocumentSalesFigures;
  payments: Array<{
    name: string;
    received: number;
    refunded: number;
    change: number;
    tips: number;
    net: number;
  }>;
  cash: { in: number; out: number; net: number };
  adjustments: { discounts: number; discountAmount: number; voids: number; voidedValue: number };
  refunds: { count: number; amount: number };
  cancelledOrders: number;
  openOrders: { count: number; total: number; due: number };
  cashDrawers: Array<{
    openingCash: number;
    expectedCash: number;
    countedCash: number | null;
    difference: number | null;
  }>;
}

/** The X report of the open day (GET /reports/shift). */
export interface XReportDocument {
  kind: 'x_report';
  report: DocumentDayReport & { generatedAt: string };
}

/** The Z report of a closed day (GET /business-days/:day/z-report). */
export interface ZReportDocument {
  kind: 'z_report';
  number: number;
  closedAt: string;
  closedByName?: string | null;
  report: DocumentDayReport;
}

export type PrintableDocument =
  GuestCheckDocument | ReceiptDocument | KitchenTicketDocument | XReportDocument | ZReportDocument;

/** A rendered document: what to send as Content-Type, and the bytes. */
export interface RenderedDocument {
  contentType: string;
  body: Buffer;
}
