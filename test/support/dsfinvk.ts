import { strFromU8, unzipSync } from 'fflate';

/**
 * The DSFinV-K layout (v2.3), table by table, as the BMF's "Digitale Schnittstelle der Finanzverwaltung für
 * Kassensysteme" names the columns: written here once, from the spec, so that the export is checked against the
 * spec and not against its own layout module.
 */
const Z = ['Z_KASSE_ID', 'Z_ERSTELLUNG', 'Z_NR'];
const BON = [...Z, 'BON_ID'];
const POS = [...BON, 'POS_ZEILE'];
const CERTIFICATE = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'].map((part) => `TSE_ZERTIFIKAT_${part}`);

export const DSFINVK_COLUMNS: Record<string, string[]> = {
  'transactions.csv': [
    ...BON,
    'BON_NR',
    'BON_TYP',
    'BON_NAME',
    'TERMINAL_ID',
    'BON_STORNO',
    'BON_START',
    'BON_ENDE',
    'BEDIENER_ID',
    'BEDIENER_NAME',
    'UMS_BRUTTO',
    'KUNDE_NAME',
    'KUNDE_ID',
    'KUNDE_TYP',
    'KUNDE_STRASSE',
    'KUNDE_PLZ',
    'KUNDE_ORT',
    'KUNDE_LAND',
    'KUNDE_USTID',
    'BON_NOTIZ',
  ],
  'transactions_vat.csv': [...BON, 'UST_SCHLUESSEL', 'BON_BRUTTO', 'BON_NETTO', 'BON_UST'],
  'allocation_groups.csv': [...BON, 'ABRECHNUNGSKREIS'],
  'datapayment.csv': [
    ...BON,
    'ZAHLART_TYP',
    'ZAHLART_NAME',
    'ZAHLWAEH_CODE',
    'ZAHLWAEH_BETRAG',
    'BASISWAEH_BETRAG',
  ],
  'references.csv': [
    ...BON,
    'POS_ZEILE',
    'REF_TYP',
    'REF_NAME',
    'REF_DATUM',
    'REF_Z_KASSE_ID',
    'REF_Z_NR',
    'REF_BON_ID',
  ],
  'transactions_tse.csv': [
    ...BON,
    'TSE_ID',
    'TSE_TANR',
    'TSE_TA_START',
    'TSE_TA_ENDE',
    'TSE_TA_VORGANGSART',
    'TSE_TA_SIGZ',
    'TSE_TA_SIG',
    'TSE_TA_FEHLER',
    'TSE_TA_VORGANGSDATEN',
  ],
  'lines.csv': [
    ...POS,
    'GUTSCHEIN_NR',
    'ARTIKELTEXT',
    'POS_TERMINAL_ID',
    'GV_TYP',
    'GV_NAME',
    'INHAUS',
    'P_STORNO',
    'AGENTUR_ID',
    'ART_NR',
    'GTIN',
    'WARENGR_ID',
    'WARENGR',
    'MENGE',
    'FAKTOR',
    'EINHEIT',
    'STK_BR',
  ],
  'lines_vat.csv': [...POS, 'UST_SCHLUESSEL', 'POS_BRUTTO', 'POS_NETTO', 'POS_UST'],
  'itemamounts.csv': [...POS, 'TYP', 'UST_SCHLUESSEL', 'PF_BRUTTO', 'PF_NETTO', 'PF_UST'],
  'cashpointclosing.csv': [
    ...Z,
    'Z_BUCHUNGSTAG',
    'TAXONOMIE_VERSION',
    'Z_START_ID',
    'Z_ENDE_ID',
    'NAME',
    'STRASSE',
    'PLZ',
    'ORT',
    'LAND',
    'STNR',
    'USTID',
    'Z_SE_ZAHLUNGEN',
    'Z_SE_BARZAHLUNGEN',
  ],
  'location.csv': [...Z, 'LOC_NAME', 'LOC_STRASSE', 'LOC_PLZ', 'LOC_ORT', 'LOC_LAND', 'LOC_USTID'],
  'cashregister.csv': [
    ...Z,
    'KASSE_BRAND',
    'KASSE_MODELL',
    'KASSE_SERIENNR',
    'KASSE_SW_BRAND',
    'KASSE_SW_VERSION',
    'KASSE_BASISWAEH_CODE',
    'KEINE_UST_ZUORDNUNG',
  ],
  'slaves.csv': [
    ...Z,
    'TERMINAL_ID',
    'TERMINAL_BRAND',
    'TERMINAL_MODELL',
    'TERMINAL_SERIENNR',
    'TERMINAL_SW_BRAND',
    'TERMINAL_SW_VERSION',
  ],
  'pa.csv': [
    ...Z,
    'AGENTUR_ID',
    'AGENTUR_NAME',
    'AGENTUR_STRASSE',
    'AGENTUR_PLZ',
    'AGENTUR_ORT',
    'AGENTUR_LAND',
    'AGENTUR_STNR',
    'AGENTUR_USTID',
  ],
  'vat.csv': [...Z, 'UST_SCHLUESSEL', 'UST_SATZ', 'UST_BESCHR'],
  'tse.csv': [
    ...Z,
    'TSE_ID',
    'TSE_SERIAL',
    'TSE_SIG_ALGO',
    'TSE_ZEITFORMAT',
    'TSE_PD_ENCODING',
    'TSE_PUBLIC_KEY',
    ...CERTIFICATE,
  ],
  'businesscases.csv': [
    ...Z,
    'GV_TYP',
    'GV_NAME',
    'AGENTUR_ID',
    'UST_SCHLUESSEL',
    'Z_UMS_BRUTTO',
    'Z_UMS_NETTO',
    'Z_UST',
  ],
  'payment.csv': [...Z, 'ZAHLART_TYP', 'ZAHLART_NAME', 'Z_ZAHLART_BETRAG'],
  'cash_per_currency.csv': [...Z, 'ZAHLART_WAEH', 'ZAHLART_BETRAG_WAEH'],
};

/** The export's files as text (logs as bytes), by path. */
export function unzipExport(zip: Buffer): {
  text: Record<string, string>;
  bytes: Record<string, Uint8Array>;
} {
  const bytes = unzipSync(zip);
  const text = Object.fromEntries(
    Object.entries(bytes)
      .filter(([name]) => !name.endsWith('.log'))
      .map(([name, content]) => [name, strFromU8(content)]),
  );
  return { text, bytes };
}

/**
 * A table's records by column name, read the way an auditor's tool reads them from index.xml's description: `;`
 * between fields, CRLF between records, `"` around text with `""` inside it.
 */
export function records(csv: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted && c === '"' && csv[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  const [header, ...body] = rows;
  return body.map((values) => Object.fromEntries(header.map((name, i) => [name, values[i]])));
}

/** `12,34` as 1234 minor units; `-0,05000` (five places) as -5. */
export function minor(text: string): number {
  const [whole, fraction = ''] = text.split(',');
  const cents = Number(`${whole.replace('-', '')}${fraction.padEnd(2, '0').slice(0, 2)}`);
  if (fraction.slice(2).replace(/0/g, '') !== '') throw new Error(`${text} is not in whole cents`);
  return whole.startsWith('-') ? -cents : cents;
}

/** index.xml's tables, each with its file and its column names, after checking that its tags nest. */
export function indexTables(xml: string): Array<{ url: string; name: string; columns: string[] }> {
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of xml.matchAll(/<(\/?)([A-Za-z][\w]*)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) throw new Error(`index.xml: </${name}> does not close the open tag`);
  }
  if (stack.length > 0) throw new Error(`index.xml: <${stack.join('>, <')}> left open`);
  return [...xml.matchAll(/<Table>([\s\S]*?)<\/Table>/g)].map(([, table]) => ({
    url: /<URL>(.*?)<\/URL>/.exec(table)![1],
    name: /<Name>(.*?)<\/Name>/.exec(table)![1],
    columns: [...table.matchAll(/<VariableColumn>\s*<Name>(.*?)<\/Name>/g)].map((match) => match[1]),
  }));
}
