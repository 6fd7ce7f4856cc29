import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Database, Tx } from '../database/database.service';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventType } from '../event-log/event-type';
import { KITCHEN_EVENT_TYPES } from '../printers/kitchen-ticket-changes';
import type { ReceiptView } from '../receipts/dto/receipt.views';
import { FiscalOrderLedger, FiscalTransaction, FiscalUnitRecord } from './fiscal.entities';
import { FiscalTills, SHARED_TILL } from './fiscal-tills';
import { OrderedLine, orderProcessData, receiptProcessData, UnplaceableRate } from './process-data';

/** What the recorder reads of an order event's data (the order as clients see it). */
interface OrderData {
  id: string;
  status: string;
  source: string;
  channel?: string | null;
  deviceId?: string | null;
  items?: Array<{
    id: string;
    name: string;
    variationName: string | null;
    quantity: number;
    status: string;
    unitPrice: number;
    modifiers?: Array<{ priceDelta?: number }>;
  }>;
}

/** Item statuses the kitchen has been told of. */
const AT_THE_KITCHEN = new Set(['new', 'in_progress', 'ready', 'served']);

/**
 * The till an order was taken at: the QR ordering, the channel it came from, the waiter's device it was opened on
 * (X-Device-Id) as `tills` assigns it, or the shared till for staff and API writes without a device.
 */
function tillOf(order: OrderData, deviceTills: ReadonlyMap<string, string>): string {
  if (order.source === 'qr') return 'qr';
  if (order.channel && order.channel !== 'own') return `channel-${order.channel}`;
  return order.deviceId ? deviceTills.get(order.deviceId)! : SHARED_TILL;
}

/** The devices of orders still without a ledger: those whose till is settled in this batch. */
function newDevices(
  events: readonly EventRecord[],
  ledgers: ReadonlyMap<string, FiscalOrderLedger>,
): Set<string> {
  const devices = new Set<string>();
  for (const event of events) {
    const order = event.data as unknown as OrderData;
    if (event.type !== EventType.ReceiptIssued && !ledgers.has(order.id) && order.deviceId) {
      devices.add(order.deviceId);
    }
  }
  return devices;
}

const RECORDED_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  ...KITCHEN_EVENT_TYPES,
  EventType.ReceiptIssued,
]);

/**
 * Records, in the fiscal consumer's deriving transaction, one fiscal transaction per receipt (Kassenbeleg-V1) and
 * per change of what the kitchen was sent (Bestellung-V1: lines sent, fired or voided, against each order's
 * ledger), each `pending` (`unit_failed` while the unit is known to be down), in event order.
 */
@Injectable()
export class FiscalRecorder {
  constructor(
    private readonly database: Database,
    private readonly tills: FiscalTills,
  ) {}

  /** The transactions recorded for `events`; each event's subject is unique, so a batch derived twice fails whole. */
  async record(tx: Tx, batch: readonly EventRecord[]): Promise<number> {
    const events = batch.filter((event) => RECORDED_EVENT_TYPES.has(event.type));
    const orderIds = [...new Set(events.map((event) => orderIdOf(event)))];
    if (orderIds.length === 0) return 0;
    const ledgers = new Map(
      (
        await this.database.selectRows(
          tx,
          FiscalOrderLedger,
          `order_id IN (${orderIds.map((_, i) => `$${i + 1}`).join(', ')})`,
          orderIds,
        )
      ).map((ledger) => [ledger.orderId, ledger]),
    );
    const unitDown = await this.unitDown(tx);
    const deviceTills = await this.tills.ofDevices(tx, newDevices(events, ledgers));
    const recorded: FiscalTransaction[] = [];
    const touched = new Set<FiscalOrderLedger>();
    for (const event of events) {
      const row = this.transactionOf(event, ledgers, deviceTills, touched, unitDown);
      if (row) recorded.push(row);
    }
    await this.database.insertRows(tx, FiscalTransaction, recorded);
    await this.database.insertRows(
      tx,
      FiscalOrderLedger,
      [...touched],
      'ON CONFLICT (order_id) DO UPDATE SET client_id = excluded.client_id, recorded = excluded.recorded',
    );
    return recorded.length;
  }

  private transactionOf(
    event: EventRecord,
    ledgers: Map<string, FiscalOrderLedger>,
    deviceTills: ReadonlyMap<string, string>,
    touched: Set<FiscalOrderLedger>,
    unitDown: string | null,
  ): FiscalTransaction | null {
    if (event.type === EventType.ReceiptIssued) {
      const receipt = event.data as unknown as ReceiptView;
      const till = ledgers.get(receipt.orderId)?.clientId ?? SHARED_TILL;
      return this.newTransaction(
        event,
        `receipt:${receipt.id}`,
        till,
        receipt.orderId,
        receipt.id,
        unitDown,
        () => receiptProcessData(receipt),
      );
    }
    const order = event.data as unknown as OrderData;
    if (!Array.isArray(order.items)) return null;
    let ledger = ledgers.get(order.id);
    if (!ledger) {
      ledger = Object.assign(new FiscalOrderLedger(), {
        orderId: order.id,
        clientId: tillOf(order, deviceTills),
        recorded: {},
      });
      ledgers.set(order.id, ledger);
      touched.add(ledger);
    }
    if (order.status === 'pending') return null;
    const lines: OrderedLine[] = [];
    const seen = new Set<string>();
    for (const item of order.items) {
      seen.add(item.id);
      const live = AT_THE_KITCHEN.has(item.status) ? item.quantity : 0;
      const modifiers = (item.modifiers ?? []).reduce((sum, modifier) => sum + (modifier.priceDelta ?? 0), 0);
      const name = item.variationName ? `${item.name} ${item.variationName}` : item.name;
      lines.push(
        ...this.change(ledger, item.id, { quantity: live, name, unitPrice: item.unitPrice + modifiers }),
      );
    }
    // A line that left the order (merged into another, moved to another check) is voided here: the order it
    // joined records it as sent there.
    for (const [itemId, line] of Object.entries(ledger.recorded)) {
      if (!seen.has(itemId)) lines.push(...this.change(ledger, itemId, { ...line, quantity: 0 }));
    }
    if (lines.length > 0) touched.add(ledger);
    if (lines.length === 0) return null;
    return this.newTransaction(event, `order:${event.seq}`, ledger.clientId, order.id, null, unitDown, () =>
      orderProcessData(lines),
    );
  }

  /** The line to record when `itemId` now stands at `now` on the ledger's order; none when nothing changed. */
  private change(ledger: FiscalOrderLedger, itemId: string, now: OrderedLine): OrderedLine[] {
    const before = ledger.recorded[itemId]?.quantity ?? 0;
    if (now.quantity === before) return [];
    ledger.recorded = { ...ledger.recorded, [itemId]: now };
    return [{ ...now, quantity: now.quantity - before }];
  }

  private newTransaction(
    event: EventRecord,
    subject: string,
    clientId: string,
    orderId: string,
    receiptId: string | null,
    unitDown: string | null,
    processData: () => string,
  ): FiscalTransaction {
    const row = Object.assign(new FiscalTransaction(), {
      id: randomUUID(),
      subject,
      seq: event.seq,
      position: 0,
      processType: receiptId ? 'Kassenbeleg-V1' : 'Bestellung-V1',
      processData: '',
      clientId,
      orderId,
      receiptId,
      occurredAt: event.occurredAt,
      state: unitDown === null ? 'pending' : 'unit_failed',
      error: unitDown,
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
      row.processData = processData();
    } catch (error) {
      if (!(error instanceof UnplaceableRate)) throw error;
      Object.assign(row, { state: 'unit_failed', error: error.message, refused: true });
    }
    return row;
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

function orderIdOf(event: EventRecord): string {
  return event.type === EventType.ReceiptIssued ? String(event.data.orderId) : String(event.data.id);
}
