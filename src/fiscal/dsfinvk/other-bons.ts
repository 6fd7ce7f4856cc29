import type { OrderView } from '../../orders/dto/order.views';
import type { ShiftView } from '../../shifts/dto/shift.view';
import type { DsfinvkRow } from './dsfinvk-files';
import { fivePlaces, instantText, type ClosingCells, type ReceiptRecords } from './single-records';
import { NOT_TAXABLE } from './vat-keys';

/** What a Bon that is no receipt is: its id, kind, time, till and who made it. */
interface BonHead {
  closing: ClosingCells;
  id: string;
  type: 'Beleg' | 'AVBelegabbruch';
  name: string;
  at: Date;
  start?: Date;
  terminal: string;
  operator: { id: string; name: string | null };
  note: string | null;
}

/** A cash movement of the drawer that is no sale: a business case on VAT key 5, paid in cash. */
interface Movement {
  text: string;
  businessCase: 'Anfangsbestand' | 'DifferenzSollIst';
  amount: number;
}

/**
 * A Bon with no sale in it: its head and, per movement, one line on VAT key 5 (not taxable) and its cash, so the
 * closing's sums (businesscases, payment, cash_per_currency) count it as the drawer does.
 */
function bonOf(head: BonHead, movements: Movement[], currency: string): ReceiptRecords {
  const bon = { ...head.closing, BON_ID: head.id };
  const total = movements.reduce((sum, movement) => sum + movement.amount, 0);
  const key = NOT_TAXABLE.key;
  const lines: DsfinvkRow[] = movements.map((movement, i) => ({
    ...bon,
    POS_ZEILE: String(i + 1),
    GUTSCHEIN_NR: null,
    ARTIKELTEXT: movement.text,
    POS_TERMINAL_ID: head.terminal,
    GV_TYP: movement.businessCase,
    GV_NAME: null,
    INHAUS: null,
    P_STORNO: '0',
    AGENTUR_ID: null,
    ART_NR: null,
    GTIN: null,
    WARENGR_ID: null,
    WARENGR: null,
    MENGE: 1000,
    FAKTOR: 1000,
    EINHEIT: null,
    STK_BR: fivePlaces(movement.amount),
  }));
  return {
    transaction: {
      ...bon,
      BON_NR: 0,
      BON_TYP: head.type,
      BON_NAME: head.name,
      TERMINAL_ID: head.terminal,
      BON_STORNO: '0',
      BON_START: instantText(head.start ?? head.at),
      BON_ENDE: instantText(head.at),
      BEDIENER_ID: head.operator.id,
      BEDIENER_NAME: head.operator.name,
      UMS_BRUTTO: total,
      KUNDE_NAME: null,
      KUNDE_ID: null,
      KUNDE_TYP: null,
      KUNDE_STRASSE: null,
      KUNDE_PLZ: null,
      KUNDE_ORT: null,
      KUNDE_LAND: null,
      KUNDE_USTID: null,
      BON_NOTIZ: head.note,
    },
    transactionVat: movements.length
      ? [
          {
            ...bon,
            UST_SCHLUESSEL: key,
            BON_BRUTTO: fivePlaces(total),
            BON_NETTO: fivePlaces(total),
            BON_UST: 0,
          },
        ]
      : [],
    allocationGroup: { ...bon, ABRECHNUNGSKREIS: null },
    payments: movements.length
      ? [
          {
            ...bon,
            ZAHLART_TYP: 'Bar',
            ZAHLART_NAME: 'Bargeld',
            ZAHLWAEH_CODE: currency,
            ZAHLWAEH_BETRAG: null,
            BASISWAEH_BETRAG: total,
          },
        ]
      : [],
    references: [],
    lines,
    linesVat: lines.map((line, i) => ({
      ...bon,
      POS_ZEILE: line.POS_ZEILE,
      UST_SCHLUESSEL: key,
      POS_BRUTTO: fivePlaces(movements[i].amount),
      POS_NETTO: fivePlaces(movements[i].amount),
      POS_UST: 0,
    })),
    subitems: [],
    businessCases: movements.map((movement) => ({
      businessCase: movement.businessCase,
      key,
      gross: movement.amount,
      tax: 0,
    })),
  };
}

/** The ids of a drawer's Bons: BON_ID holds 40 characters, so a prefix of two before the shift's id. */
export const drawerBonIds = (shiftId: string) => ({ float: `A-${shiftId}`, difference: `D-${shiftId}` });

/**
 * A cash shift's Bons: the float it opened with (Anfangsbestand), and the difference its count found against what
 * the drawer should hold (DifferenzSollIst, negative when short), once closed.
 */
export function drawerBons(
  shift: ShiftView,
  context: {
    closing: ClosingCells;
    terminal: string;
    currency: string;
    staffNames: ReadonlyMap<string, string>;
  },
): ReceiptRecords[] {
  const ids = drawerBonIds(shift.id);
  const head = (id: string, name: string, at: string, by: string): BonHead => ({
    closing: context.closing,
    id,
    type: 'Beleg',
    name,
    at: new Date(at),
    terminal: context.terminal,
    operator: { id: by, name: context.staffNames.get(by) ?? null },
    note: null,
  });
  const bons = [
    bonOf(
      head(ids.float, 'Kassenöffnung', shift.openedAt, shift.openedBy),
      [{ text: 'Anfangsbestand', businessCase: 'Anfangsbestand', amount: shift.openingCash }],
      context.currency,
    ),
  ];
  if (shift.closedAt && shift.closedBy && shift.difference) {
    bons.push(
      bonOf(
        { ...head(ids.difference, 'Kassenzählung', shift.closedAt, shift.closedBy), note: shift.note },
        [{ text: 'Kassendifferenz', businessCase: 'DifferenzSollIst', amount: shift.difference }],
        context.currency,
      ),
    );
  }
  return bons;
}

/**
 * A cancelled order's Vorgang: its orders sent to the kitchen were signed (Bestellung-V1), and the Vorgang ends
 * without a sale, as an `AVBelegabbruch` Bon of no amount under the order's id (the BON_ID its TSE rows carry).
 */
export function cancelBon(
  order: OrderView,
  context: {
    closing: ClosingCells;
    terminal: string;
    currency: string;
    operator: { id: string; name: string | null };
  },
): ReceiptRecords {
  return bonOf(
    {
      closing: context.closing,
      id: order.id,
      type: 'AVBelegabbruch',
      name: `Bestellung ${order.number} storniert`,
      at: new Date(order.closedAt ?? order.updatedAt),
      start: new Date(order.createdAt),
      terminal: context.terminal,
      operator: context.operator,
      note: order.cancelReason,
    },
    [],
    context.currency,
  );
}
