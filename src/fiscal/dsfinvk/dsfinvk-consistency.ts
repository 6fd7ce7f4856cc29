import { DSFINVK_TABLES } from './dsfinvk-layout';
import { MANDATORY_FIELDS } from './dsfinvk-mandatory';
import { parseCsv, rowsOf, scaledOf } from './dsfinvk-files';
import { GDPDU_DTD_FILE } from './gdpdu-dtd';

type Row = Record<string, string>;
/** The export's tables by file, as text fields. */
export type Tables = Readonly<Record<string, Row[]>>;

/**
 * What is wrong with the export's files against the published layout, or null: every table of index.xml there
 * with its header, no text longer than its column, no number with more decimals than its column, the DTD
 * next to index.xml. Also reads the tables.
 */
export function layoutOf(files: Readonly<Record<string, string>>): { tables: Tables } | { problem: string } {
  if (files['index.xml'] === undefined || files[GDPDU_DTD_FILE] === undefined) {
    return { problem: `index.xml and ${GDPDU_DTD_FILE} must be in the export` };
  }
  const tables: Record<string, Row[]> = {};
  for (const table of DSFINVK_TABLES) {
    const text = files[table.file];
    if (text === undefined) return { problem: `${table.file} (${table.name}) is missing` };
    const [header = []] = parseCsv(text);
    const expected = table.columns.map((column) => column.name);
    if (header.join(';') !== expected.join(';')) {
      return {
        problem: `${table.file} has the columns ${header.join(';')}, the layout ${expected.join(';')}`,
      };
    }
    tables[table.file] = rowsOf(text);
    for (const [i, row] of tables[table.file].entries()) {
      for (const column of table.columns) {
        const value = row[column.name];
        if (value === '') continue;
        const where = `${table.file} row ${i + 1} ${column.name}`;
        if ('text' in column.type) {
          if ([...value].length > column.type.text)
            return { problem: `${where} is longer than ${column.type.text}` };
          continue;
        }
        try {
          scaledOf(value, column.type.places);
        } catch {
          return { problem: `${where} "${value}" is no number of ${column.type.places} decimals` };
        }
      }
    }
  }
  return { tables };
}

/** The first mandatory field (Anhang G) left empty, or null. */
export function mandatoryProblem(tables: Tables): string | null {
  for (const [file, fields] of Object.entries(MANDATORY_FIELDS)) {
    for (const [i, row] of tables[file].entries()) {
      const where = `${file} row ${i + 1}${row.BON_ID ? ` (BON_ID ${row.BON_ID})` : ''}`;
      const empty = (names: readonly string[]) => names.find((name) => row[name] === '');
      const missing =
        empty(fields.always) ??
        (row.GV_TYP === 'Umsatz' ? empty(fields.onArticleLines ?? []) : undefined) ??
        (row.TSE_TA_FEHLER ? undefined : empty(fields.unlessFailed ?? [])) ??
        (fields.withCustomer?.some((name) => row[name] !== '') ? empty(fields.withCustomer) : undefined);
      const rest = Object.entries(fields.continued ?? {}).find(
        ([name, first]) => row[name] === '' && [...row[first]].length === 1000,
      );
      if (missing ?? rest) return `${where} leaves the mandatory ${missing ?? rest![0]} empty`;
      const group = fields.oneOf?.find((names) => names.every((name) => row[name] === ''));
      if (group) return `${where} fills none of ${group.join(', ')}`;
    }
  }
  return null;
}

const amount = (value: string, places: number): number => (value === '' ? 0 : scaledOf(value, places));
/** A 5-place amount in minor units (the export writes whole cents). */
const cents = (value: string): number => Math.round(amount(value, 5) / 1000);

function sums(rows: Row[], key: (row: Row) => string, value: (row: Row) => number): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0) + value(row));
  return totals;
}

function differing(left: Map<string, number>, right: Map<string, number>): string | null {
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    if ((left.get(key) ?? 0) !== (right.get(key) ?? 0)) return key;
  }
  return null;
}

/**
 * The tables against each other, or null: every TSE row belongs to a Vorgang in transactions.csv; each Bon's
 * total (UMS_BRUTTO) is its VAT rows' and its payments'; its VAT rows per key are its lines'; each closing's sums
 * (cashpointclosing, payment, cash_per_currency, businesscases) are its Bons'.
 */
export function crossTableProblem(tables: Tables): string | null {
  const bons = new Map(tables['transactions.csv'].map((row) => [`${row.Z_NR}|${row.BON_ID}`, row]));
  for (const row of tables['transactions_tse.csv']) {
    if (!bons.has(`${row.Z_NR}|${row.BON_ID}`)) {
      return `transaction ${row.TSE_TANR || '?'} belongs to BON_ID ${row.BON_ID}, which transactions.csv of Z ${row.Z_NR} does not hold`;
    }
  }
  const byBon = (row: Row) => `${row.Z_NR}|${row.BON_ID}`;
  const vat = sums(tables['transactions_vat.csv'], byBon, (row) => cents(row.BON_BRUTTO));
  const paid = sums(tables['datapayment.csv'], byBon, (row) => amount(row.BASISWAEH_BETRAG, 2));
  const vatByKey = sums(
    tables['transactions_vat.csv'],
    (row) => `${byBon(row)}|${row.UST_SCHLUESSEL}`,
    (row) => cents(row.BON_BRUTTO),
  );
  const linesByKey = sums(
    tables['lines_vat.csv'],
    (row) => `${byBon(row)}|${row.UST_SCHLUESSEL}`,
    (row) => cents(row.POS_BRUTTO),
  );
  for (const [key, bon] of bons) {
    const total = amount(bon.UMS_BRUTTO, 2);
    const name = `Bon ${bon.BON_NR} (BON_ID ${bon.BON_ID})`;
    if ((vat.get(key) ?? 0) !== total)
      return `${name}: UMS_BRUTTO ${bon.UMS_BRUTTO} is not its VAT rows' sum`;
    if (paid.has(key) && paid.get(key) !== total)
      return `${name}: UMS_BRUTTO ${bon.UMS_BRUTTO} is not its payments' sum`;
  }
  const line = differing(vatByKey, linesByKey);
  if (line) return `Bon ${line.split('|')[1]}: its VAT rows of key ${line.split('|')[2]} are not its lines'`;

  const payments = tables['datapayment.csv'];
  for (const closing of tables['cashpointclosing.csv']) {
    const z = closing.Z_NR;
    const ofZ = payments.filter((row) => row.Z_NR === z);
    const cash = ofZ.filter((row) => row.ZAHLART_TYP === 'Bar');
    const total = (rows: Row[]) => rows.reduce((sum, row) => sum + amount(row.BASISWAEH_BETRAG, 2), 0);
    if (amount(closing.Z_SE_ZAHLUNGEN, 2) !== total(ofZ))
      return `Z ${z}: Z_SE_ZAHLUNGEN is not the Bons' payments`;
    if (amount(closing.Z_SE_BARZAHLUNGEN, 2) !== total(cash))
      return `Z ${z}: Z_SE_BARZAHLUNGEN is not the Bons' cash`;
    const perCurrency = tables['cash_per_currency.csv'].filter((row) => row.Z_NR === z);
    if (perCurrency.reduce((sum, row) => sum + amount(row.ZAHLART_BETRAG_WAEH, 2), 0) !== total(cash)) {
      return `Z ${z}: cash_per_currency.csv is not the Bons' cash`;
    }
    const byMethod = (row: Row) => `${row.ZAHLART_TYP}|${row.ZAHLART_NAME}`;
    const method = differing(
      sums(ofZ, byMethod, (row) => amount(row.BASISWAEH_BETRAG, 2)),
      sums(
        tables['payment.csv'].filter((row) => row.Z_NR === z),
        byMethod,
        (row) => amount(row.Z_ZAHLART_BETRAG, 2),
      ),
    );
    if (method) return `Z ${z}: payment.csv's ${method.replace('|', ' ')} is not the Bons' payments`;
    const caseOf = new Map(
      tables['lines.csv']
        .filter((row) => row.Z_NR === z)
        .map((row) => [`${byBon(row)}|${row.POS_ZEILE}`, row.GV_TYP]),
    );
    const businessCase = differing(
      sums(
        tables['lines_vat.csv'].filter((row) => row.Z_NR === z),
        (row) => `${caseOf.get(`${byBon(row)}|${row.POS_ZEILE}`)}|${row.UST_SCHLUESSEL}`,
        (row) => cents(row.POS_BRUTTO),
      ),
      sums(
        tables['businesscases.csv'].filter((row) => row.Z_NR === z),
        (row) => `${row.GV_TYP}|${row.UST_SCHLUESSEL}`,
        (row) => cents(row.Z_UMS_BRUTTO),
      ),
    );
    if (businessCase)
      return `Z ${z}: businesscases.csv's ${businessCase.replace('|', ' key ')} is not the lines'`;
  }
  return null;
}

/** The Kassenbeleg-V1 place of each VAT key: 19 %, 7 %, the two average rates, then 0 % (not taxable, exempt). */
const PLACE_OF_KEY: Readonly<Record<string, number>> = { 1: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 4 };

/**
 * Each receipt against what the unit signed, or null: the Kassenbeleg-V1 process data's amount per VAT place must
 * be the receipt's VAT rows', and its payments per type (Bar, Unbar) the receipt's payments, tips included.
 */
export function signedDataProblem(tables: Tables, processData: ReadonlyMap<string, string>): string | null {
  const byBon = (row: Row) => `${row.Z_NR}|${row.BON_ID}`;
  for (const bon of tables['transactions.csv']) {
    const data = processData.get(byBon(bon));
    const match = data ? /^Beleg\^([^^]*)\^(.*)$/.exec(data) : null;
    if (!match) continue;
    const name = `receipt ${bon.BON_NR} (BON_ID ${bon.BON_ID})`;
    const places = [0, 0, 0, 0, 0];
    for (const row of tables['transactions_vat.csv'].filter((vat) => byBon(vat) === byBon(bon))) {
      const place = PLACE_OF_KEY[row.UST_SCHLUESSEL];
      if (place !== undefined) places[place] += cents(row.BON_BRUTTO);
    }
    const signed = match[1].split('_').map((value) => Math.round(Number(value) * 100));
    if (signed.join('_') !== places.join('_')) {
      return `${name}: the unit signed the amounts ${match[1]} per VAT place, the tables ${places.map((cents) => (cents / 100).toFixed(2)).join('_')}`;
    }
    const signedPayments = new Map<string, number>();
    for (const part of match[2] ? match[2].split('_') : []) {
      const [value, type] = part.split(':');
      signedPayments.set(type, (signedPayments.get(type) ?? 0) + Math.round(Number(value) * 100));
    }
    const paid = sums(
      tables['datapayment.csv'].filter((row) => byBon(row) === byBon(bon)),
      (row) => (row.ZAHLART_TYP === 'Bar' ? 'Bar' : 'Unbar'),
      (row) => amount(row.BASISWAEH_BETRAG, 2),
    );
    const type = differing(signedPayments, paid);
    if (type) return `${name}: the unit signed other ${type} payments than the tables hold`;
  }
  return null;
}
