import type { DocumentFiscalStamp, DocumentPayment, ReceiptDocument } from '../document-types';
import { adjustmentLines, itemLines, taxLines, totalLine } from './bill-lines';
import { footer, header, House, localTime, money } from './house';
import { Markup } from './markup';

/**
 * A receipt or refund receipt: numbered, the lines, the tax per rate, how it was paid, the journal's hash (and
 * signature) that make it verifiable, the signing unit's data with its QR code, and a QR code that opens its digital
 * copy. A refund receipt names the receipt it refunds; its amounts are negative as issued.
 */
export function receiptLayout(receipt: ReceiptDocument, house: House, width: number): string {
  const out = new Markup(width);
  header(out, house);
  const refund = receipt.kind === 'refund';
  out.text(refund ? 'REFUND RECEIPT' : 'RECEIPT', 'center', { bold: true, size: 'wide' });
  out.pair(`No. ${receipt.number}`, localTime(house, receipt.issuedAt));
  if (refund && receipt.refundOfNumber != null) out.text(`Refund of receipt No. ${receipt.refundOfNumber}`);
  if (refund && receipt.reason) out.text(`Reason: ${receipt.reason}`);
  const order = [
    receipt.orderNumber != null ? `Order ${receipt.orderNumber}` : null,
    receipt.tableName ? `Table ${receipt.tableName}` : null,
  ].filter((part): part is string => part !== null);
  if (order.length > 0) out.text(order.join(', '));
  if (receipt.waiterName) out.text(`Served by ${receipt.waiterName}`);
  out.rule();
  itemLines(out, house, receipt.lines);
  out.rule();
  adjustmentLines(out, house, receipt);
  totalLine(out, house, receipt.total);
  taxLines(out, house, receipt.taxes, 0);
  if (receipt.payments.length > 0) {
    out.rule();
    for (const payment of receipt.payments) {
      out.pair(payment.method, money(house, payment.amount));
      if (payment.card) cardLines(out, payment.card);
    }
  }
  if (receipt.tips !== 0) out.pair('Tip', money(house, receipt.tips));
  if (receipt.change !== 0) out.pair('Change', money(house, receipt.change));
  out.rule();
  out.text(`Hash ${receipt.hash}`, 'left');
  if (receipt.signature) out.text(`Signature ${receipt.signature}`, 'left');
  if (receipt.fiscal) fiscalLines(out, receipt.fiscal);
  if (receipt.url) {
    out.blank();
    out.qr(receipt.url);
    out.text('Your receipt online', 'center');
  }
  footer(out, house);
  return out.toString();
}

/**
 * What a signing unit's stamp prints as: the unit's data and its `V0;…` code, or that the unit failed; in Austria
 * the cash register and Belegnummer, and the failure marker while its signature device was out.
 */
export function fiscalStampLines(stamp: DocumentFiscalStamp): Array<[string, string]> {
  if (stamp.regime === 'AT-RKSV') {
    const lines: Array<[string, string]> = [
      ['Kassen-ID', stamp.cashRegisterId ?? ''],
      ['Belegnummer', stamp.receiptNumber ?? ''],
    ];
    if (stamp.state === 'device_failed') lines.push(['RKSV', 'Sicherheitseinrichtung ausgefallen']);
    return lines;
  }
  if (stamp.state === 'unit_failed') return [['TSE', 'Signing unit failed (TSE ausgefallen)']];
  if (stamp.state === 'pending') return [['TSE', 'Not signed yet']];
  return [
    ['TSE serial', stamp.unitSerial ?? ''],
    ['Till', stamp.clientId ?? ''],
    ['TSE transaction', String(stamp.transactionNumber)],
    ['Start', stamp.start ?? ''],
    ['End', stamp.end ?? ''],
    ['Signature counter', String(stamp.signatureCounter)],
    ['Signature', stamp.signature ?? ''],
  ];
}

function fiscalLines(out: Markup, stamp: DocumentFiscalStamp): void {
  out.rule();
  for (const [label, value] of fiscalStampLines(stamp)) out.text(`${label}: ${value}`, 'left');
  if (stamp.qrCode) {
    out.blank();
    out.qr(stamp.qrCode);
  }
}

/** What a card receipt must show of a terminal payment: the card (masked), how it was read, the EMV application. */
function cardLines(out: Markup, card: NonNullable<DocumentPayment['card']>): void {
  out.text(`${card.brand.toUpperCase()} **** ${card.last4} (${card.entryMode})`, 'left');
  if (card.applicationLabel || card.aid) {
    out.text([card.applicationLabel, card.aid ? `AID ${card.aid}` : null].filter(Boolean).join(' '), 'left');
  }
  if (card.authCode) out.text(`Auth code ${card.authCode}`, 'left');
}
