import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import {
  ORDER_CANCELLED,
  ORDER_MERGED_INTO,
  ORDER_SENT_TO_KITCHEN,
  OrderSentToKitchen,
} from '../orders/order-facts';
import { GIFT_CARD_SOLD } from '../guests/gift-cards/gift-card-facts';
import { RECEIPT_ISSUED, ReceiptIssued } from '../receipts/receipt-facts';
import { DRAWER_COUNTED, DRAWER_MOVED, DRAWER_OPENED } from '../shifts/drawer-facts';
import { FiscalConsumer } from './fiscal-consumer';
import type { ProcessType } from './fiscal-unit';
import { FiscalOrderLedger, FiscalTransaction, FiscalUnitRecord } from './fiscal.entities';
import { FiscalTills, SHARED_TILL } from './fiscal-tills';
import { ConfiguredUnit } from './fiscal-units';
import {
  abortProcessData,
  noVatProcessData,
  OrderedLine,
  orderProcessData,
  receiptProcessData,
  UnplaceableRate,
} from './process-data';

/** What a transaction records, before the recorder numbers it. */
export interface Recording {
  /** What it records, once (a unique key): made from its number where one order has many. */
  subject: (seq: number) => string;
  processType: ProcessType;
  clientId: string;
  orderId: string | null;
  receiptId: string | null;
  processData: () => string;
  /** A receipt's: when its sale began. */
  saleStartedAt?: Date;
}

/**
 * Records each till's transactions from the writers' facts, in the writer's transaction: a change of what the
 * kitchen has of an order (Bestellung-V1: the lines sent, fired or voided since the last, against the order's
 * ledger), a receipt (Kassenbeleg-V1), a Vorgang that ends without one (AVBelegabbruch), and money without VAT
 * outside orders (a gift card sold, the drawer's float, cash paid in or out, the counted difference). Each is `pending`
 * (`unit_failed` while the unit is known to be down) and numbered in recording order (`seq`), the order the
 * fiscal consumer signs in. Registered only when FISCAL_SIGNER names a signing unit: without one, no write pays.
 */
@Injectable()
export class FiscalRecorder implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly tills: FiscalTills,
    private readonly configured: ConfiguredUnit,
    private readonly consumer: FiscalConsumer,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    if (!this.configured.unit) return;
    this.eventLog.on(ORDER_SENT_TO_KITCHEN, (tx, fact) => this.recordKitchen(tx, fact));
    this.eventLog.on(RECEIPT_ISSUED, (tx, fact) => this.recordReceipt(tx, fact));
    // At the counters stage, so after the voids the same write raised for the kitchen (later, at the rows stage):
    // the abort closes the Vorgang last. It locks no counter.
    this.eventLog.on(ORDER_CANCELLED, (tx, fact) => this.recordAbort(tx, fact.orderId), 'counters');
    this.eventLog.on(ORDER_MERGED_INTO, (tx, fact) => this.recordAbort(tx, fact.from), 'counters');
    this.eventLog.on(GIFT_CARD_SOLD, (tx, sold) =>
      this.recordNoVat(tx, `gift-card:${sold.activityId}`, sold.amount, sold.cash),
    );
    this.eventLog.on(DRAWER_OPENED, (tx, opened) =>
      this.recordNoVat(tx, `drawer-open:${opened.shiftId}`, opened.openingCash, true),
    );
    this.eventLog.on(DRAWER_MOVED, (tx, moved) =>
      this.recordNoVat(
        tx,
        `drawer-movement:${moved.movementId}`,
        moved.kind === 'deposit' ? moved.amount : -moved.amount,
        true,
      ),
    );
    this.eventLog.on(DRAWER_COUNTED, (tx, counted) =>
      this.recordNoVat(tx, `drawer-difference:${counted.shiftId}`, counted.difference, true),
    );
  }

  /** Appends one transaction of the unit's, numbered after every one recorded before it. */
  async record(tx: Tx, recording: Recording): Promise<void> {
    const [{ seq }] = await tx.sql<{ seq: number | string }>(
      this.database.kind === 'postgres'
        ? "SELECT nextval('fiscal_recording_seq') AS seq"
        : // SQLite's one writer runs units of work one at a time: no other takes the same number meanwhile.
          'SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM fiscal_transactions',
    );
    const unitDown = await this.unitDown(tx);
    const row = Object.assign(new FiscalTransaction(), {
      id: randomUUID(),
      subject: recording.subject(Number(seq)),
      seq: Number(seq),
      processType: recording.processType,
      processData: '',
      clientId: recording.clientId,
      orderId: recording.orderId,
      receiptId: recording.receiptId,
      occurredAt: this.clock.now(),
      saleStartedAt: recording.saleStartedAt ?? null,
      state: unitDown === null ? 'pending' : 'unit_failed',
      error: unitDown,
      failedAt: unitDown === null ? null : this.clock.now(),
      refused: false,
      unitSerial: null,
      transactionNumber: null,
      startedAt: null,
      finishedAt: null,
      signatureCounter: null,
      signature: null,
      logMessage: null,
    });
    try {
      row.processData = recording.processData();
    } catch (error) {
      if (!(error instanceof UnplaceableRate)) throw error;
      Object.assign(row, {
        state: 'unit_failed',
        error: error.message,
        failedAt: this.clock.now(),
        refused: true,
      });
    }
    await this.database.insertRows(tx, FiscalTransaction, row);
  }

  private async recordKitchen(tx: Tx, fact: OrderSentToKitchen): Promise<void> {
    let [ledger] = await this.database.selectRows(tx, FiscalOrderLedger, 'order_id = $1', [fact.orderId]);
    ledger ??= Object.assign(new FiscalOrderLedger(), {
      orderId: fact.orderId,
      clientId: await this.tills.ofOrder(tx, fact),
      recorded: {},
    });
    const lines: OrderedLine[] = [];
    const seen = new Set<string>();
    for (const line of fact.lines) {
      seen.add(line.itemId);
      lines.push(...change(ledger, line.itemId, line));
    }
    // A line that left the order (voided, merged into another, moved to another check) is voided here: the order
    // it joined records it as sent there.
    for (const [itemId, line] of Object.entries(ledger.recorded)) {
      if (!seen.has(itemId)) lines.push(...change(ledger, itemId, { ...line, quantity: 0 }));
    }
    if (lines.length === 0) return;
    await this.database.insertRows(
      tx,
      FiscalOrderLedger,
      ledger,
      'ON CONFLICT (order_id) DO UPDATE SET recorded = excluded.recorded',
    );
    for (const part of orderProcessData(lines)) {
      await this.record(tx, {
        subject: (seq) => `order:${fact.orderId}:${seq}`,
        processType: 'Bestellung-V1',
        clientId: ledger.clientId,
        orderId: fact.orderId,
        receiptId: null,
        processData: () => part,
      });
    }
  }

  private async recordReceipt(tx: Tx, receipt: ReceiptIssued): Promise<void> {
    const [ledger] = await this.database.selectRows(tx, FiscalOrderLedger, 'order_id = $1', [
      receipt.orderId,
    ]);
    await this.record(tx, {
      subject: () => `receipt:${receipt.receiptId}`,
      processType: 'Kassenbeleg-V1',
      clientId: ledger?.clientId ?? SHARED_TILL,
      orderId: receipt.orderId,
      receiptId: receipt.receiptId,
      processData: () => receiptProcessData(receipt),
      saleStartedAt: receipt.saleStartedAt,
    });
  }

  /** Closes the Vorgang of an order the kitchen had lines of and that ends without a receipt. */
  private async recordAbort(tx: Tx, orderId: string): Promise<void> {
    const [ledger] = await this.database.selectRows(tx, FiscalOrderLedger, 'order_id = $1', [orderId]);
    if (!ledger) return;
    await this.record(tx, {
      subject: () => `abort:${orderId}`,
      processType: 'Kassenbeleg-V1',
      clientId: ledger.clientId,
      orderId,
      receiptId: null,
      processData: abortProcessData,
    });
  }

  /**
   * Money in or out of the till that belongs to no order, at the shared till. No order event announces it, so it
   * adds its own signing round.
   */
  private async recordNoVat(tx: Tx, subject: string, amountPaid: number, cash: boolean): Promise<void> {
    await this.record(tx, {
      subject: () => subject,
      processType: 'Kassenbeleg-V1',
      clientId: SHARED_TILL,
      orderId: null,
      receiptId: null,
      processData: () => noVatProcessData(amountPaid, cash),
    });
    await this.consumer.signSoon(tx);
  }

  /**
   * Why the unit is down, while the last call did not reach it: new transactions say at once that the unit
   * failed. Null while it answers.
   */
  private async unitDown(tx: Tx): Promise<string | null> {
    const [down] = await this.database.selectRows(tx, FiscalUnitRecord, 'NOT reachable', []);
    return down ? (down.lastError ?? 'the unit did not answer') : null;
  }
}

/** The line to record when `itemId` now stands at `now` on the ledger's order; none when nothing changed. */
function change(ledger: FiscalOrderLedger, itemId: string, now: OrderedLine): OrderedLine[] {
  const before = ledger.recorded[itemId]?.quantity ?? 0;
  if (now.quantity === before) return [];
  ledger.recorded = {
    ...ledger.recorded,
    [itemId]: { quantity: now.quantity, name: now.name, unitPrice: now.unitPrice },
  };
  return [{ name: now.name, unitPrice: now.unitPrice, quantity: now.quantity - before }];
}
