import { strToU8, zipSync, type Zippable } from 'fflate';
import type { OrderView } from '../../orders/dto/order.views';
import type { FiscalReceipt } from '../../receipts/receipt-chain';
import type { ShiftView } from '../../shifts/dto/shift.view';
import type { FiscalTransaction, FiscalUnitRecord } from '../fiscal.entities';
import { Business, closingRecords, ClosingRecords } from './closing-records';
import { tillIdOf } from '../till-ids';
import { DsfinvkRow, indexXml, tableCsv } from './dsfinvk-files';
import * as layout from './dsfinvk-layout';
import { GDPDU_DTD, GDPDU_DTD_FILE } from './gdpdu-dtd';
import type { ReceiptOrderFacts } from './order-facts';
import type { GiftCardActivityView } from '../../guests/gift-cards/dto/gift-card.views';
import { cancelBon, drawerBonIds, drawerBons, giftCardBon, movementBonId } from './other-bons';
import {
  Closing,
  closingCells,
  ClosingCells,
  receiptRecords,
  ReceiptRecords,
  tseTransactionRow,
} from './single-records';
import { VatKeys } from './vat-keys';

/** Everything one export holds, read by the service; the rest is arithmetic and layout. */
export interface ExportData {
  cashRegisterId: string;
  business: Business;
  /** The period's closings in Z number order, and the one before it (where the first begins). */
  closings: Closing[];
  previous: Closing | null;
  /** The receipts booked on the period's days, in number order. */
  receipts: FiscalReceipt[];
  /** The closing each receipt's business day was closed by. */
  closingOfDay: ReadonlyMap<string, Closing>;
  /** Refund receipts' sale receipts and their closings, by the sale receipt's id. */
  originals: ReadonlyMap<string, Closing>;
  /** The VAT percentages of each sale receipt's item lines, by receipt id, where its order still shows them. */
  lineRates: ReadonlyMap<string, ReadonlyArray<readonly number[]>>;
  /** What each receipt's order says (where eaten, who served, the articles), by receipt id. */
  facts: ReadonlyMap<string, ReceiptOrderFacts>;
  /** The gift card each gift-card payment redeemed, by payment id (GUTSCHEIN_NR). */
  vouchers: ReadonlyMap<string, string>;
  /** The cash shifts opened on the period's days. */
  shifts: ShiftView[];
  /** The gift cards' values sold in the period's reach, with the method that took each. */
  giftCardSales: Array<{ sale: GiftCardActivityView; method: { name: string; kind: string } }>;
  /** The orders of the period's days that were cancelled, with who took each. */
  cancelled: Array<{ order: OrderView; operator: { id: string; name: string | null } }>;
  staffNames: ReadonlyMap<string, string>;
  /** The till's transactions that happened in the period's reach, in signing order. */
  transactions: FiscalTransaction[];
  units: FiscalUnitRecord[];
}

/** The closing a transaction that has no receipt of its own belongs to: the first closed after it happened. */
function closingAt(instant: Date, closings: Closing[], previous: Closing | null): Closing | null {
  if (previous && instant <= previous.closedAt) return null;
  return closings.find((closing) => instant <= closing.closedAt) ?? null;
}

/**
 * The Vorgang (BON_ID) of a transaction that signs no receipt, from what it records (its subject): a cancelled
 * order's abort and its orders sent to the kitchen, a drawer's float, cash paid in or out and count, a gift card's
 * value sold (its activity).
 */
function vorgangOf(transaction: FiscalTransaction): string {
  const [kind, id] = transaction.subject.split(/:(.*)/s);
  if (kind === 'drawer-open') return drawerBonIds(id).float;
  if (kind === 'drawer-difference') return drawerBonIds(id).difference;
  if (kind === 'drawer-movement') return movementBonId(id);
  if (kind === 'abort' || kind === 'gift-card') return id;
  return transaction.orderId ?? transaction.id;
}

/** Where each transaction goes: its closing and the Vorgang (BON_ID) it belongs to. */
function placeTransactions(
  data: ExportData,
): Array<{ transaction: FiscalTransaction; bon: ClosingCells & { BON_ID: string }; closing: Closing }> {
  const receipts = new Map(data.receipts.map((receipt) => [receipt.id, receipt]));
  const sales = new Map(
    data.receipts.filter((receipt) => receipt.kind === 'sale').map((receipt) => [receipt.orderId, receipt]),
  );
  return data.transactions.flatMap((transaction) => {
    const receipt = transaction.receiptId
      ? receipts.get(transaction.receiptId)
      : transaction.orderId
        ? sales.get(transaction.orderId)
        : undefined;
    if (transaction.receiptId && !receipt) return [];
    const closing = receipt
      ? data.closingOfDay.get(receipt.businessDay)!
      : closingAt(transaction.occurredAt, data.closings, data.previous);
    if (!closing) return [];
    const bon = {
      ...closingCells(data.cashRegisterId, closing),
      BON_ID: receipt?.id ?? vorgangOf(transaction),
    };
    return [{ transaction, bon, closing }];
  });
}

/** The DSFinV-K export as ZIP entries: the CSV tables, index.xml and the unit's log messages. */
export function exportFiles(data: ExportData): Zippable {
  const z = (closing: Closing) => closingCells(data.cashRegisterId, closing);
  const keys = new VatKeys([
    0,
    ...data.receipts.flatMap((receipt) => receipt.taxes.map((row) => row.percent)),
  ]);
  const placed = placeTransactions(data);
  const signings = new Map(
    placed
      .filter(({ transaction }) => transaction.receiptId)
      .map((entry) => [entry.transaction.receiptId!, entry]),
  );
  const units = [...data.units]
    .sort((a, b) => a.firstUsedAt.getTime() - b.firstUsedAt.getTime())
    .map((unit, i) => ({ id: i + 1, unit }));
  const unitIds = new Map(units.map(({ id, unit }) => [unit.serial, id]));

  const byClosing = new Map<number, ReceiptRecords[]>();
  for (const receipt of data.receipts) {
    const closing = data.closingOfDay.get(receipt.businessDay)!;
    const signing = signings.get(receipt.id)?.transaction ?? null;
    const original = receipt.refundOf ? data.originals.get(receipt.refundOf) : undefined;
    const records = receiptRecords(
      receipt,
      {
        closing: z(closing),
        terminal: signing ? tillIdOf(signing.clientId) : data.cashRegisterId,
        signing,
        original: original && receipt.refundOf ? { closing: z(original), id: receipt.refundOf } : null,
        lineRates: data.lineRates.get(receipt.id) ?? null,
        facts: data.facts.get(receipt.id) ?? null,
        vouchers: data.vouchers,
        currency: data.business.currency,
      },
      keys,
    );
    byClosing.set(closing.number, [...(byClosing.get(closing.number) ?? []), records]);
  }
  const closingByDay = new Map(data.closings.map((closing) => [closing.businessDay, closing]));
  const addBons = (businessDay: string, bons: (closing: Closing) => ReceiptRecords[]) => {
    const closing = closingByDay.get(businessDay);
    if (closing) byClosing.set(closing.number, [...(byClosing.get(closing.number) ?? []), ...bons(closing)]);
  };
  const register = {
    terminal: data.cashRegisterId,
    currency: data.business.currency,
    staffNames: data.staffNames,
  };
  for (const shift of data.shifts)
    addBons(shift.businessDay, (closing) => drawerBons(shift, { ...register, closing: z(closing) }));
  // A gift card's sale goes to the closing its TSE row goes to: the first after it.
  for (const { sale, method } of data.giftCardSales) {
    const closing = closingAt(new Date(sale.at), data.closings, data.previous);
    if (closing)
      addBons(closing.businessDay, () => [giftCardBon(sale, { ...register, method, closing: z(closing) })]);
  }
  const tills = new Map(
    data.transactions.flatMap((row) => (row.orderId ? [[row.orderId, row.clientId]] : [])),
  );
  for (const { order, operator } of data.cancelled) {
    const till = tills.get(order.id);
    const terminal = till ? tillIdOf(till) : data.cashRegisterId;
    addBons(order.businessDay, (closing) => [
      cancelBon(order, { ...register, terminal, operator, closing: z(closing) }),
    ]);
  }

  const closings: ClosingRecords[] = data.closings.map((closing) => {
    const ofClosing = placed.filter((entry) => entry.closing.number === closing.number);
    const serials = new Set(ofClosing.map(({ transaction }) => transaction.unitSerial));
    const bons = byClosing.get(closing.number) ?? [];
    return closingRecords(
      {
        closing: z(closing),
        businessDay: closing.businessDay,
        receipts: bons,
        terminals: [
          ...new Set([
            ...ofClosing.map(({ transaction }) => tillIdOf(transaction.clientId)),
            ...bons.map((bon) => String(bon.transaction.TERMINAL_ID)),
          ]),
        ]
          // The register itself (a drawer's Bons, a receipt never signed) is no terminal of its own.
          .filter((terminal) => terminal !== data.cashRegisterId)
          .sort(),
        units: units.filter(({ unit }) => serials.has(unit.serial)),
        vatKeys: keys.all(),
      },
      data.business,
    );
  });
  const receipts = [...byClosing.values()].flat();
  const rows = new Map<layout.DsfinvkTable, DsfinvkRow[]>([
    [layout.CASH_POINT_CLOSING, closings.map((closing) => closing.cashPointClosing)],
    [layout.LOCATION, closings.map((closing) => closing.location)],
    [layout.CASH_REGISTER, closings.map((closing) => closing.cashRegister)],
    [layout.SLAVES, closings.flatMap((closing) => closing.slaves)],
    [layout.AGENCIES, []],
    [layout.VAT, closings.flatMap((closing) => closing.vat)],
    [layout.TSE, closings.flatMap((closing) => closing.tse)],
    [layout.BUSINESS_CASES, closings.flatMap((closing) => closing.businessCases)],
    [layout.PAYMENT, closings.flatMap((closing) => closing.payment)],
    [layout.CASH_PER_CURRENCY, closings.flatMap((closing) => closing.cashPerCurrency)],
    [layout.TRANSACTIONS, receipts.map((receipt) => receipt.transaction)],
    [layout.TRANSACTIONS_VAT, receipts.flatMap((receipt) => receipt.transactionVat)],
    [layout.ALLOCATION_GROUPS, receipts.map((receipt) => receipt.allocationGroup)],
    [layout.DATA_PAYMENT, receipts.flatMap((receipt) => receipt.payments)],
    [layout.REFERENCES, receipts.flatMap((receipt) => receipt.references)],
    [
      layout.TRANSACTIONS_TSE,
      placed.map(({ transaction, bon }) =>
        tseTransactionRow(transaction, bon, unitIds.get(transaction.unitSerial ?? '') ?? null),
      ),
    ],
    [layout.LINES, receipts.flatMap((receipt) => receipt.lines)],
    [layout.LINES_VAT, receipts.flatMap((receipt) => receipt.linesVat)],
    [layout.ITEM_AMOUNTS, []],
    [layout.SUBITEMS, receipts.flatMap((receipt) => receipt.subitems)],
  ]);

  const files: Zippable = {
    'index.xml': strToU8(
      indexXml(layout.DSFINVK_TABLES, {
        name: data.business.name,
        location: data.business.address.join(', '),
      }),
    ),
    [GDPDU_DTD_FILE]: strToU8(GDPDU_DTD),
  };
  for (const table of layout.DSFINVK_TABLES)
    files[table.file] = strToU8(tableCsv(table, rows.get(table) ?? []));
  const logs: Record<string, Record<string, Uint8Array>> = {};
  for (const { transaction } of placed) {
    if (transaction.state !== 'signed' || !transaction.logMessage || !transaction.unitSerial) continue;
    logs[transaction.unitSerial] ??= {};
    logs[transaction.unitSerial][`${transaction.transactionNumber}.log`] = Buffer.from(
      transaction.logMessage,
      'base64',
    );
  }
  if (Object.keys(logs).length > 0) files.tse = logs;
  return files;
}

export const zipOf = (files: Zippable): Uint8Array => zipSync(files, { level: 6 });
