import type { GiftCardActivityView } from '../../guests/gift-cards/dto/gift-card.views';
import type { OrderView } from '../../orders/dto/order.views';
import { DrawerMovementKind } from '../../shifts/cash-shift.entity';
import type { ShiftView } from '../../shifts/dto/shift.view';
import type { DsfinvkRow } from './dsfinvk-files';
import {
  bonHead,
  fivePlaces,
  paymentType,
  type BonHead,
  type ClosingCells,
  type ReceiptRecords,
} from './single-records';
import { NOT_TAXABLE } from './vat-keys';

/**
 * Money of a Bon that is no sale, on VAT key 5 (not taxable): the drawer's float, a deposit or withdrawal, the
 * count's difference, a gift card's value sold.
 */
interface Movement {
  text: string;
  businessCase:
    'Anfangsbestand' | 'Einzahlung' | 'Auszahlung' | 'DifferenzSollIst' | 'MehrzweckgutscheinKauf';
  /** Signed: what went into the till (negative when it left). */
  amount: number;
  /** The Mehrzweckgutschein's number: the gift card's id. */
  voucher?: string;
}

/** How the movement was paid: the drawer's cash, or the method that took a gift card's price. */
interface Paid {
  type: string;
  name: string;
}

const DRAWER_CASH: Paid = { type: 'Bar', name: 'Bargeld' };

/** A Bon with no sale in it: what it says of itself, its id and closing. */
type OtherBon = Omit<BonHead, 'number' | 'total'> & { closing: ClosingCells; id: string };

/**
 * A Bon with no sale in it: its head and, per movement, one line on VAT key 5 (not taxable) and its payment, so the
 * closing's sums (businesscases, payment, cash_per_currency) count it as the drawer does.
 */
function bonOf(head: OtherBon, movements: Movement[], currency: string, paid = DRAWER_CASH): ReceiptRecords {
  const bon = { ...head.closing, BON_ID: head.id };
  const total = movements.reduce((sum, movement) => sum + movement.amount, 0);
  const key = NOT_TAXABLE.key;
  const lines: DsfinvkRow[] = movements.map((movement, i) => ({
    ...bon,
    POS_ZEILE: String(i + 1),
    GUTSCHEIN_NR: movement.voucher ?? null,
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
    transaction: bonHead(bon, { ...head, number: 0, total }),
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
            ZAHLART_TYP: paid.type,
            ZAHLART_NAME: paid.name,
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

/**
 * The ids of a drawer's Bons: BON_ID holds 40 characters, so a prefix of two before the shift's (or the
 * movement's) id.
 */
export const drawerBonIds = (shiftId: string) => ({ float: `A-${shiftId}`, difference: `D-${shiftId}` });
export const movementBonId = (movementId: string): string => `M-${movementId}`;

/** Who did it, by user id (a gift card's `staff:<id>` or `apiKey:<id>` named as it is). */
const operatorOf = (id: string, staffNames: ReadonlyMap<string, string>) => ({
  id,
  name: staffNames.get(id) ?? null,
});

interface RegisterContext {
  closing: ClosingCells;
  terminal: string;
  currency: string;
  staffNames: ReadonlyMap<string, string>;
}

/**
 * A cash shift's Bons: the float it opened with (Anfangsbestand), each cash paid in (Einzahlung) or out
 * (Auszahlung, negative) with its reason, and the difference its count found against what the drawer should hold
 * (DifferenzSollIst, negative when short), once closed.
 */
export function drawerBons(shift: ShiftView, context: RegisterContext): ReceiptRecords[] {
  const ids = drawerBonIds(shift.id);
  const head = (id: string, name: string, at: string, by: string, note: string | null): OtherBon => ({
    closing: context.closing,
    id,
    type: 'Beleg',
    name,
    start: new Date(at),
    end: new Date(at),
    terminal: context.terminal,
    operator: operatorOf(by, context.staffNames),
    note,
  });
  const bons = [
    bonOf(
      head(ids.float, 'Kassenöffnung', shift.openedAt, shift.openedBy, null),
      [{ text: 'Anfangsbestand', businessCase: 'Anfangsbestand', amount: shift.openingCash }],
      context.currency,
    ),
  ];
  for (const movement of shift.movements) {
    const deposit = movement.kind === DrawerMovementKind.Deposit;
    bons.push(
      bonOf(
        head(
          movementBonId(movement.id),
          deposit ? 'Einzahlung' : 'Auszahlung',
          movement.recordedAt,
          movement.recordedBy,
          movement.reason,
        ),
        [
          {
            text: movement.reason,
            businessCase: deposit ? 'Einzahlung' : 'Auszahlung',
            amount: deposit ? movement.amount : -movement.amount,
          },
        ],
        context.currency,
      ),
    );
  }
  if (shift.closedAt && shift.closedBy && shift.difference) {
    bons.push(
      bonOf(
        head(ids.difference, 'Kassenzählung', shift.closedAt, shift.closedBy, shift.note),
        [{ text: 'Kassendifferenz', businessCase: 'DifferenzSollIst', amount: shift.difference }],
        context.currency,
      ),
    );
  }
  return bons;
}

/**
 * A gift card's value sold (an activation or load paid for): a Mehrzweckgutschein's Kauf, not taxable until it is
 * spent, paid by the method that took the money. Its BON_ID is the activity's id, as its TSE row's.
 */
export function giftCardBon(
  sale: GiftCardActivityView,
  context: RegisterContext & { method: { name: string; kind: string } },
): ReceiptRecords {
  const staffId = sale.by.replace(/^staff:/, '');
  return bonOf(
    {
      closing: context.closing,
      id: sale.id,
      type: 'Beleg',
      name: 'Gutscheinverkauf',
      start: new Date(sale.at),
      end: new Date(sale.at),
      terminal: context.terminal,
      operator: operatorOf(staffId, context.staffNames),
      note: null,
    },
    [
      {
        text: 'Mehrzweckgutschein',
        businessCase: 'MehrzweckgutscheinKauf',
        amount: sale.amount,
        voucher: sale.giftCardId,
      },
    ],
    context.currency,
    { type: paymentType(context.method.kind), name: context.method.name },
  );
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
      start: new Date(order.createdAt),
      end: new Date(order.closedAt ?? order.updatedAt),
      terminal: context.terminal,
      operator: context.operator,
      note: order.cancelReason,
    },
    [],
    context.currency,
  );
}
