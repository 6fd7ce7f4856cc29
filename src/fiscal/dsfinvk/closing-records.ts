import type { FiscalUnitRecord } from '../fiscal.entities';
import type { DsfinvkRow } from './dsfinvk-files';
import { fivePlaces, type ClosingCells, type ReceiptRecords } from './single-records';
import { TAXONOMY_VERSION } from './dsfinvk-layout';
import type { VatKey } from './vat-keys';

/** Who runs the till: the restaurant's settings, as printed on its receipts. */
export interface Business {
  name: string;
  address: string[];
  taxId: string | null;
  currency: string;
  software: { brand: string; version: string };
}

/** What one cash point closing holds: its receipts' records, the tills and units that signed for it. */
export interface ClosingContents {
  closing: ClosingCells;
  businessDay: string;
  receipts: ReceiptRecords[];
  terminals: string[];
  units: Array<{ id: number; unit: FiscalUnitRecord }>;
  vatKeys: VatKey[];
}

/** Street, postcode and town from the address lines: the last line with a postcode names the town. */
function addressOf(lines: readonly string[]): {
  street: string | null;
  postcode: string | null;
  town: string | null;
} {
  const townLine = [...lines].reverse().find((line) => /^\s*\d{4,5}\s+\S/.test(line));
  const match = townLine ? /^\s*(\d{4,5})\s+(.+)$/.exec(townLine) : null;
  const street = lines.find((line) => line !== townLine) ?? null;
  return { street, postcode: match?.[1] ?? null, town: match?.[2].trim() ?? null };
}

/** A German VAT id (USt-IdNr.) is DE and nine digits; any other tax id is taken for the Steuernummer. */
function taxIds(taxId: string | null): { STNR: string | null; USTID: string | null } {
  if (!taxId) return { STNR: null, USTID: null };
  const compact = taxId.replace(/\s/g, '');
  return /^DE\d{9}$/.test(compact)
    ? { STNR: null, USTID: compact }
    : { STNR: taxId.slice(0, 20), USTID: null };
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** The Stammdatenmodul and the Kassenabschlussmodul of one closing, table by table. */
export interface ClosingRecords {
  cashPointClosing: DsfinvkRow;
  location: DsfinvkRow;
  cashRegister: DsfinvkRow;
  slaves: DsfinvkRow[];
  vat: DsfinvkRow[];
  tse: DsfinvkRow[];
  businessCases: DsfinvkRow[];
  payment: DsfinvkRow[];
  cashPerCurrency: DsfinvkRow[];
}

export function closingRecords(contents: ClosingContents, business: Business): ClosingRecords {
  const z = contents.closing;
  const address = addressOf(business.address);
  const payments = contents.receipts.flatMap((receipt) => receipt.payments);
  const amount = (row: DsfinvkRow) => Number(row.BASISWAEH_BETRAG);
  const cash = payments.filter((row) => row.ZAHLART_TYP === 'Bar');
  const ids = contents.receipts.map((receipt) => String(receipt.transaction.BON_ID));

  const cases = new Map<string, { type: string; key: number; gross: number; tax: number }>();
  for (const cell of contents.receipts.flatMap((receipt) => receipt.businessCases)) {
    const id = `${cell.businessCase}|${cell.key}`;
    const total = cases.get(id) ?? { type: cell.businessCase, key: cell.key, gross: 0, tax: 0 };
    total.gross += cell.gross;
    total.tax += cell.tax;
    cases.set(id, total);
  }
  const byMethod = new Map<string, { type: string; name: string; amount: number }>();
  for (const row of payments) {
    const id = `${row.ZAHLART_TYP}|${row.ZAHLART_NAME}`;
    const total = byMethod.get(id) ?? {
      type: String(row.ZAHLART_TYP),
      name: String(row.ZAHLART_NAME),
      amount: 0,
    };
    total.amount += amount(row);
    byMethod.set(id, total);
  }
  const software = { SW_BRAND: business.software.brand, SW_VERSION: business.software.version };

  return {
    cashPointClosing: {
      ...z,
      Z_BUCHUNGSTAG: contents.businessDay,
      TAXONOMIE_VERSION: TAXONOMY_VERSION,
      Z_START_ID: ids[0] ?? null,
      Z_ENDE_ID: ids[ids.length - 1] ?? null,
      NAME: business.name,
      STRASSE: address.street,
      PLZ: address.postcode,
      ORT: address.town,
      LAND: 'DEU',
      ...taxIds(business.taxId),
      Z_SE_ZAHLUNGEN: sum(payments.map(amount)),
      Z_SE_BARZAHLUNGEN: sum(cash.map(amount)),
    },
    location: {
      ...z,
      LOC_NAME: business.name,
      LOC_STRASSE: address.street,
      LOC_PLZ: address.postcode,
      LOC_ORT: address.town,
      LOC_LAND: 'DEU',
      LOC_USTID: taxIds(business.taxId).USTID,
    },
    cashRegister: {
      ...z,
      KASSE_BRAND: business.software.brand,
      KASSE_MODELL: 'Server',
      KASSE_SERIENNR: z.Z_KASSE_ID,
      KASSE_SW_BRAND: software.SW_BRAND,
      KASSE_SW_VERSION: software.SW_VERSION,
      KASSE_BASISWAEH_CODE: business.currency,
      KEINE_UST_ZUORDNUNG: '0',
    },
    slaves: contents.terminals.map((terminal) => ({
      ...z,
      TERMINAL_ID: terminal,
      TERMINAL_BRAND: null,
      TERMINAL_MODELL: null,
      TERMINAL_SERIENNR: terminal,
      TERMINAL_SW_BRAND: software.SW_BRAND,
      TERMINAL_SW_VERSION: software.SW_VERSION,
    })),
    vat: contents.vatKeys.map((key) => ({
      ...z,
      UST_SCHLUESSEL: key.key,
      UST_SATZ: Math.round(key.percent * 100),
      UST_BESCHR: key.description,
    })),
    tse: contents.units.map(({ id, unit }) => ({
      ...z,
      TSE_ID: id,
      TSE_SERIAL: unit.serial,
      TSE_SIG_ALGO: unit.algorithm,
      TSE_ZEITFORMAT: unit.timeFormat,
      TSE_PD_ENCODING: 'UTF-8',
      TSE_PUBLIC_KEY: unit.publicKey,
      // The first 1000 characters of the certificate's base64, then the rest (2000 hold any P-256 certificate).
      TSE_ZERTIFIKAT_I: unit.certificate?.slice(0, 1000) || null,
      TSE_ZERTIFIKAT_II: unit.certificate?.slice(1000, 2000) || null,
    })),
    businessCases: [...cases.values()]
      .sort((a, b) => a.type.localeCompare(b.type) || a.key - b.key)
      .map((total) => ({
        ...z,
        GV_TYP: total.type,
        GV_NAME: null,
        AGENTUR_ID: 0,
        UST_SCHLUESSEL: total.key,
        Z_UMS_BRUTTO: fivePlaces(total.gross),
        Z_UMS_NETTO: fivePlaces(total.gross - total.tax),
        Z_UST: fivePlaces(total.tax),
      })),
    payment: [...byMethod.values()].map((total) => ({
      ...z,
      ZAHLART_TYP: total.type,
      ZAHLART_NAME: total.name,
      Z_ZAHLART_BETRAG: total.amount,
    })),
    cashPerCurrency: [{ ...z, ZAHLART_WAEH: business.currency, ZAHLART_BETRAG_WAEH: sum(cash.map(amount)) }],
  };
}
