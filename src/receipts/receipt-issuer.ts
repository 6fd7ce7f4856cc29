import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { ORDER_CLOSED, ORDER_REFUNDED, OrderClosed, OrderRefunded } from '../orders/order-facts';
import { paymentsOfOrder } from '../payments/order-payments';
import { FiscalSigner } from './fiscal-signer';
import { chainHash, fiscalReceiptOf, ReceiptContent, receiptViewOf } from './receipt-chain';
import { refundContent, saleContent } from './receipt-content';
import { RECEIPT_ISSUED } from './receipt-facts';
import { Receipt, ReceiptKind } from './receipt.entity';
import { ReceiptStamps } from './receipt-stamps';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { audienceOf } from '../event-log/event-audiences';

/**
 * Takes the next receipt number and the hash to chain to; the row stays locked to the commit, so numbers and the
 * chain go in commit order.
 */
const NEXT_RECEIPT_NUMBER =
  'UPDATE receipt_sequence SET last_number = last_number + 1 WHERE id = 1 RETURNING last_number, last_hash';

const KEEP_LAST_HASH = 'UPDATE receipt_sequence SET last_hash = $1 WHERE id = 1';

/** PostgreSQL: the receipt and the counter's last hash in one statement, to keep the locked stretch short. */
const INSERT_RECEIPT_KEEPING_HASH = `WITH kept AS (UPDATE receipt_sequence SET last_hash = $9 WHERE id = 1)
  INSERT INTO receipts (id, number, kind, order_id, refund_of, issued_for, issued_at, total, content, previous_hash,
    hash, signature, token)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, $11, $9, $12, $13)`;

/**
 * Issues receipts in the transaction of the change that calls for one, from the orders' facts: an order closing
 * gets its sale receipt; a refund of a payment of an order that has one gets a refund receipt naming it. The receipt counter is taken
 * there, just before the event seq: numbers without a gap (a rollback gives its number back), the chain in
 * number order.
 */
@Injectable()
export class ReceiptIssuer implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly signer: FiscalSigner,
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
    private readonly clock: Clock,
    private readonly stamps: ReceiptStamps,
  ) {}

  onModuleInit(): void {
    this.eventLog.on(ORDER_CLOSED, (tx, closed) => this.issueSale(tx, closed), 'counters');
    this.eventLog.on(ORDER_REFUNDED, (tx, refunded) => this.issueRefund(tx, refunded), 'counters');
  }

  private async issueSale(tx: Tx, { order }: OrderClosed): Promise<void> {
    const payments = await paymentsOfOrder(tx, order.id);
    const content = saleContent(order, payments, { currency: this.restaurant.currency });
    await this.issue(
      tx,
      'sale',
      order.id,
      null,
      `order:${order.id}`,
      order.total,
      content,
      new Date(order.createdAt),
    );
  }

  private async issueRefund(tx: Tx, { order, refund }: OrderRefunded): Promise<void> {
    const [sale] = await this.database.selectRows(tx, Receipt, 'issued_for = $1', [`order:${order.id}`]);
    if (!sale) return;
    const content = refundContent(fiscalReceiptOf(sale), refund);
    await this.issue(
      tx,
      'refund',
      order.id,
      sale.id,
      `refund:${refund.id}`,
      -refund.amount,
      content,
      this.clock.now(),
    );
  }

  private async issue(
    tx: Tx,
    kind: ReceiptKind,
    orderId: string,
    refundOf: string | null,
    issuedFor: string,
    total: number,
    content: ReceiptContent,
    saleStartedAt: Date,
  ): Promise<void> {
    this.database.locking(tx, LockKind.ReceiptSequence);
    const [{ last_number: last, last_hash: previousHash }] = await tx.sql<{
      last_number: number | string;
      last_hash: string;
    }>(NEXT_RECEIPT_NUMBER);
    const number = Number(last);
    const receipt: Receipt = Object.assign(new Receipt(), {
      id: randomUUID(),
      number,
      kind,
      orderId,
      refundOf,
      issuedFor,
      issuedAt: this.clock.now(),
      total,
      content: JSON.stringify(content),
      previousHash,
      hash: '',
      signature: null,
      token: randomBytes(32).toString('base64url'),
    });
    receipt.hash = chainHash(previousHash, fiscalReceiptOf(receipt));
    receipt.signature = this.signer.sign(receipt.hash);
    await this.insert(tx, receipt);
    this.eventLog.raise(tx, RECEIPT_ISSUED, {
      receiptId: receipt.id,
      orderId,
      kind,
      taxes: content.taxes.map(({ percent, gross }) => ({ percent: Number(percent), gross })),
      payments: content.payments.map((payment) => ({
        cash: payment.kind === 'cash',
        giftCard: payment.kind === 'gift_card',
        amount: payment.amount,
        tip: payment.tip,
      })),
      saleStartedAt,
    });
    this.eventLog.append(tx, {
      type: EventType.ReceiptIssued,
      data: { ...receiptViewOf(receipt, this.config.publicBaseUrl, this.stamps.atIssue()) },
      audience: audienceOf(EventType.ReceiptIssued),
    });
  }

  private async insert(tx: Tx, receipt: Receipt): Promise<void> {
    if (this.database.kind === 'sqlite') {
      await this.database.insertRows(tx, Receipt, receipt);
      await tx.sql(KEEP_LAST_HASH, [receipt.hash]);
      return;
    }
    const r = receipt;
    await tx.sql(INSERT_RECEIPT_KEEPING_HASH, [
      r.id,
      r.number,
      r.kind,
      r.orderId,
      r.refundOf,
      r.issuedFor,
      r.issuedAt,
      r.total,
      r.hash,
      r.content,
      r.previousHash,
      r.signature,
      r.token,
    ]);
  }
}
