import type { FiscalReceipt } from '../../receipts/receipt-chain';
import type { FiscalTransaction } from '../fiscal.entities';
import { splitOverRates } from './apportion';
import type { DsfinvkRow } from './dsfinvk-files';
import type { LineArticle, ReceiptOrderFacts } from './order-facts';
import { NOT_TAXABLE, VatKeys } from './vat-keys';

/** A closed business day as the export numbers it: its Z report's number and when it was taken. */
export interface Closing {
  businessDay: string;
  number: number;
  closedAt: Date;
}

/** The three columns every row begins with. */
export type ClosingCells = { Z_KASSE_ID: string; Z_ERSTELLUNG: string; Z_NR: number };

/** An instant as the export writes it: ISO 8601 in UTC to the second, `2026-11-22T21:30:05Z`. */
export const instantText = (instant: Date): string => instant.toISOString().replace(/\.\d{3}Z$/, 'Z');

export const closingCells = (cashRegisterId: string, closing: Closing): ClosingCells => ({
  Z_KASSE_ID: cashRegisterId,
  Z_ERSTELLUNG: instantText(closing.closedAt),
  Z_NR: closing.number,
});

/** Minor units of a 2-place column in a 5-place one (POS_BRUTTO, STK_BR, BON_BRUTTO, Z_UMS_BRUTTO). */
export const fivePlaces = (minor: number): number => minor * 1000;

/** How a payment method's kind is named in Bonkopf_Zahlarten and Z_Zahlart (Anhang D). */
export function paymentType(kind: string): string {
  return kind === 'cash' ? 'Bar' : 'Unbar';
}

/** What transactions.csv (Bonkopf) says of a Bon beyond its id. */
export interface BonHead {
  number: number;
  type: 'Beleg' | 'AVBelegabbruch';
  name: string | null;
  terminal: string;
  start: Date;
  end: Date;
  operator: { id: string | null; name: string | null };
  total: number;
  note: string | null;
}

/** A Bon's row of transactions.csv: a receipt's, or that of a Bon with no sale in it (other-bons.ts). */
export function bonHead(bon: ClosingCells & { BON_ID: string }, head: BonHead): DsfinvkRow {
  return {
    ...bon,
    BON_NR: head.number,
    BON_TYP: head.type,
    BON_NAME: head.name,
    TERMINAL_ID: head.terminal,
    BON_STORNO: '0',
    BON_START: instantText(head.start),
    BON_ENDE: instantText(head.end),
    BEDIENER_ID: head.operator.id,
    BEDIENER_NAME: head.operator.name,
    UMS_BRUTTO: head.total,
    // No Bon names a recipient: a guest's name stays out of the tax office's copy.
    KUNDE_NAME: null,
    KUNDE_ID: null,
    KUNDE_TYP: null,
    KUNDE_STRASSE: null,
    KUNDE_PLZ: null,
    KUNDE_ORT: null,
    KUNDE_LAND: null,
    KUNDE_USTID: null,
    BON_NOTIZ: head.note,
  };
}

/** One position of a receipt as Bonpos writes it. */
interface Position {
  text: string;
  businessCase: 'Umsatz' | 'Rabatt' | 'Aufschlag' | 'TrinkgeldAN' | 'MehrzweckgutscheinEinloesung';
  amount: number;
  quantity: number;
  article: LineArticle | null;
  /** The gift card a redemption took from (GUTSCHEIN_NR). */
  voucher?: string | null;
}

/** A position that is no article: a discount, a service charge, a tip. */
const charge = (text: string, businessCase: Position['businessCase'], amount: number): Position => ({
  text,
  businessCase,
  amount,
  quantity: 1,
  article: null,
});

/** The positions of a receipt: its lines, then its discount, service charge and tips as positions of their own. */
function positionsOf(receipt: FiscalReceipt, facts: ReceiptOrderFacts | null): Position[] {
  const positions: Position[] = receipt.lines.map((line, i) => ({
    text: line.variationName ? `${line.name} (${line.variationName})` : line.name,
    businessCase: 'Umsatz',
    amount: line.total,
    quantity: line.quantity,
    article: facts?.articles[i] ?? null,
  }));
  const sign = receipt.kind === 'refund' ? -1 : 1;
  if (receipt.discount !== 0) positions.push(charge('Rabatt', 'Rabatt', -sign * receipt.discount));
  if (receipt.serviceCharge !== 0)
    positions.push(charge('Servicezuschlag', 'Aufschlag', sign * receipt.serviceCharge));
  return positions;
}

/** The payment kind that redeems a gift card (PaymentMethodKind.GiftCard). */
const GIFT_CARD = 'gift_card';

const giftCardPayments = (receipt: FiscalReceipt) =>
  receipt.payments.filter((payment) => payment.kind === GIFT_CARD);

/** What gift cards paid of a receipt, tips included: no payment, a negative position (Einlösung) instead. */
const redeemed = (receipt: FiscalReceipt): number =>
  giftCardPayments(receipt).reduce((sum, payment) => sum + payment.amount + payment.tip, 0);

/** A receipt's tax rows merged by VAT key: what Bonkopf_USt says. */
function ratesOf(receipt: FiscalReceipt, keys: VatKeys): Array<{ key: number; gross: number; tax: number }> {
  const byKey = new Map<number, { key: number; gross: number; tax: number }>();
  for (const row of receipt.taxes) {
    const key = keys.keyOf(row.percent);
    const rate = byKey.get(key) ?? { key, gross: 0, tax: 0 };
    rate.gross += row.gross;
    rate.tax += row.tax;
    byKey.set(key, rate);
  }
  if (byKey.size === 0) return [{ key: keys.keyOf(0), gross: receipt.total, tax: 0 }];
  return [...byKey.values()].sort((a, b) => a.key - b.key);
}

/** What one receipt puts in the Einzelaufzeichnungsmodul. */
export interface ReceiptRecords {
  transaction: DsfinvkRow;
  transactionVat: DsfinvkRow[];
  allocationGroup: DsfinvkRow;
  payments: DsfinvkRow[];
  references: DsfinvkRow[];
  lines: DsfinvkRow[];
  linesVat: DsfinvkRow[];
  subitems: DsfinvkRow[];
  /** Bonpos_USt cells by business case and VAT key, for the closing's Z_GV_Typ. */
  businessCases: Array<{ businessCase: string; key: number; gross: number; tax: number }>;
}

export interface ReceiptContext {
  closing: ClosingCells;
  /** The till it was signed for, or the cash register when there is no signed transaction. */
  terminal: string;
  /** Its Kassenbeleg-V1 transaction, when one was recorded. */
  signing: FiscalTransaction | null;
  /** A refund's sale receipt: the closing it was in. */
  original: { closing: ClosingCells; id: string } | null;
  /** The VAT percentages of the receipt's first lines, from the order items they were printed from, when known. */
  lineRates: ReadonlyArray<readonly number[]> | null;
  /** What its order says: where it was eaten, who served, the articles. */
  facts: ReceiptOrderFacts | null;
  /** The gift card each gift-card payment redeemed, by payment id. */
  vouchers: ReadonlyMap<string, string>;
  /** The restaurant's currency (ZAHLWAEH_CODE). */
  currency: string;
}

export function receiptRecords(
  receipt: FiscalReceipt,
  context: ReceiptContext,
  keys: VatKeys,
): ReceiptRecords {
  const bon = { ...context.closing, BON_ID: receipt.id };
  const rates = ratesOf(receipt, keys);
  const positions = positionsOf(receipt, context.facts);
  const carries = positions.map((_, i) => {
    const percents = context.lineRates?.[i];
    if (!percents) return null;
    const lineKeys = percents.map((percent) => keys.knownKeyOf(percent));
    return rates.map((rate) => lineKeys.includes(rate.key));
  });
  const cells = splitOverRates(
    positions.map((position) => position.amount),
    rates,
    carries,
  );
  const lines: DsfinvkRow[] = [];
  const linesVat: DsfinvkRow[] = [];
  const subitems: DsfinvkRow[] = [];
  const inHouse = context.facts ? (context.facts.inHouse ? '1' : '0') : null;
  const businessCases: ReceiptRecords['businessCases'] = [];
  const addLine = (position: Position, split: Array<{ key: number; gross: number; tax: number }>) => {
    const line = { ...bon, POS_ZEILE: String(lines.length + 1) };
    const gross = split.reduce((sum, cell) => sum + cell.gross, 0);
    lines.push({
      ...line,
      GUTSCHEIN_NR: position.voucher ?? null,
      ARTIKELTEXT: position.text,
      POS_TERMINAL_ID: context.terminal,
      GV_TYP: position.businessCase,
      GV_NAME: null,
      INHAUS: inHouse,
      P_STORNO: '0',
      AGENTUR_ID: null,
      // The dish's id; a line that names no dish of the order (a share of a split) by its printed text.
      ART_NR: position.businessCase === 'Umsatz' ? (position.article?.articleNumber ?? position.text) : null,
      GTIN: null,
      WARENGR_ID: null,
      WARENGR: null,
      MENGE: position.quantity * 1000,
      FAKTOR: 1000,
      EINHEIT: 'Stück',
      STK_BR: Math.round(fivePlaces(gross) / (position.quantity || 1)),
    });
    for (const cell of split) {
      if (cell.gross === 0 && cell.tax === 0) continue;
      linesVat.push({
        ...line,
        UST_SCHLUESSEL: cell.key,
        POS_BRUTTO: fivePlaces(cell.gross),
        POS_NETTO: fivePlaces(cell.gross - cell.tax),
        POS_UST: fivePlaces(cell.tax),
      });
      businessCases.push({ businessCase: position.businessCase, ...cell });
    }
    const key = split.find((cell) => cell.gross !== 0)?.key ?? split[0]?.key ?? NOT_TAXABLE.key;
    for (const part of position.article?.parts ?? []) {
      subitems.push({
        ...line,
        ZI_ART_NR: part.articleNumber,
        ZI_GTIN: null,
        ZI_NAME: part.name,
        ZI_WARENGR_ID: null,
        ZI_WARENGR: null,
        ZI_MENGE: Math.round(part.quantity * 1000),
        ZI_FAKTOR: null,
        ZI_EINHEIT: 'Stück',
        ZI_UST_SCHLUESSEL: key,
        ZI_BASISPREIS_BRUTTO: null,
        ZI_BASISPREIS_NETTO: null,
        ZI_BASISPREIS_UST: null,
      });
    }
  };
  positions.forEach((position, i) =>
    addLine(
      position,
      rates.map((rate, r) => ({ key: rate.key, ...cells[i][r] })),
    ),
  );
  // Not taxable (VAT key 5): the tips, and a gift card's value redeemed, negative, which no payment repeats.
  const notTaxable = [
    ...(receipt.tips !== 0 ? [charge('Trinkgeld', 'TrinkgeldAN', receipt.tips)] : []),
    ...giftCardPayments(receipt).map((payment) => ({
      ...charge('Mehrzweckgutschein', 'MehrzweckgutscheinEinloesung', -(payment.amount + payment.tip)),
      voucher: context.vouchers.get(payment.paymentId) ?? null,
    })),
  ];
  for (const position of notTaxable) {
    addLine(position, [{ key: NOT_TAXABLE.key, gross: position.amount, tax: 0 }]);
  }
  const notTaxableGross = notTaxable.reduce((sum, position) => sum + position.amount, 0);
  const vat = rates.map((rate) => ({ ...rate }));
  if (notTaxable.length > 0) {
    const row = vat.find((rate) => rate.key === NOT_TAXABLE.key);
    if (row) row.gross += notTaxableGross;
    else vat.push({ key: NOT_TAXABLE.key, gross: notTaxableGross, tax: 0 });
  }
  return {
    transaction: bonHead(bon, {
      number: receipt.number,
      type: 'Beleg',
      name: receipt.kind === 'refund' ? 'Erstattung' : null,
      terminal: context.terminal,
      // The Vorgang began when its order opened: the start the receipt prints.
      start: context.signing?.saleStartedAt ?? new Date(receipt.issuedAt),
      end: context.signing?.finishedAt ?? new Date(receipt.issuedAt),
      operator: context.facts?.operator ?? { id: null, name: null },
      total: receipt.total + receipt.tips - redeemed(receipt),
      note: receipt.reason,
    }),
    transactionVat: vat.map((rate) => ({
      ...bon,
      UST_SCHLUESSEL: rate.key,
      BON_BRUTTO: fivePlaces(rate.gross),
      BON_NETTO: fivePlaces(rate.gross - rate.tax),
      BON_UST: fivePlaces(rate.tax),
    })),
    allocationGroup: {
      ...bon,
      ABRECHNUNGSKREIS: `Bestellung ${receipt.orderNumber} vom ${receipt.businessDay}`,
    },
    payments: receipt.payments
      .filter((payment) => payment.kind !== GIFT_CARD)
      .map((payment) => ({
        ...bon,
        ZAHLART_TYP: paymentType(payment.kind),
        ZAHLART_NAME: payment.method,
        ZAHLWAEH_CODE: context.currency,
        ZAHLWAEH_BETRAG: null,
        BASISWAEH_BETRAG: payment.amount + payment.tip,
      })),
    references: context.original
      ? [
          {
            ...bon,
            POS_ZEILE: null,
            REF_TYP: 'Transaktion',
            REF_NAME: null,
            REF_DATUM: context.original.closing.Z_ERSTELLUNG,
            REF_Z_KASSE_ID: context.original.closing.Z_KASSE_ID,
            REF_Z_NR: context.original.closing.Z_NR,
            REF_BON_ID: context.original.id,
          },
        ]
      : [],
    lines,
    linesVat,
    subitems,
    businessCases,
  };
}

/** TSE_VORGANGSDATEN's length: longer process data is left out (the column is optional; the log message has it). */
export const PROCESS_DATA_LENGTH = 1000;

/**
 * A till's transaction as TSE_Transaktionen writes it. TSE_TA_FEHLER says why a transaction is not signed, and,
 * for one the unit signed only once it was back, that the unit had failed when the sale was made.
 */
export function tseTransactionRow(
  transaction: FiscalTransaction,
  bon: ClosingCells & { BON_ID: string },
  tseId: number | null,
): DsfinvkRow {
  const signed = transaction.state === 'signed';
  const failure =
    transaction.state === 'pending' && !transaction.error
      ? 'Noch nicht signiert'
      : transaction.state === 'unit_failed' || transaction.error
        ? `TSE ausgefallen (${instantText(transaction.occurredAt)}): ${transaction.error ?? 'ohne Angabe'}`
        : null;
  return {
    ...bon,
    TSE_ID: signed ? tseId : null,
    TSE_TANR: transaction.transactionNumber,
    TSE_TA_START: transaction.startedAt ? instantText(transaction.startedAt) : null,
    TSE_TA_ENDE: transaction.finishedAt ? instantText(transaction.finishedAt) : null,
    TSE_TA_VORGANGSART: transaction.processType,
    TSE_TA_SIGZ: signed ? transaction.signatureCounter : null,
    TSE_TA_SIG: signed ? transaction.signature : null,
    TSE_TA_FEHLER: failure,
    TSE_VORGANGSDATEN: transaction.processData.length <= PROCESS_DATA_LENGTH ? transaction.processData : null,
  };
}
