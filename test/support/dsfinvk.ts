import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures', 'dsfinvk');

/** A column of the published index.xml: its type with its MaxLength or Accuracy. */
export interface ReferenceColumn {
  name: string;
  type: 'AlphaNumeric' | 'Numeric';
  maxLength?: number;
  accuracy?: number;
}

/** A table of the published index.xml. */
export interface ReferenceTable {
  file: string;
  name: string;
  columns: ReferenceColumn[];
}

/**
 * The published DSFinV-K layout (2.4) and Anhang G's mandatory-field matrix, as kept in test/fixtures/dsfinvk/ with
 * their sources: the export is checked against the spec and not against its own layout module.
 */
export const REFERENCE_LAYOUT = (
  JSON.parse(readFileSync(join(FIXTURES, 'index-layout.json'), 'utf8')) as {
    tables: ReferenceTable[];
  }
).tables;

export const MANDATORY_FIELDS = (
  JSON.parse(readFileSync(join(FIXTURES, 'mandatory-fields.json'), 'utf8')) as {
    tables: Record<string, Record<string, 'mandatory' | 'conditional' | 'ifItem' | 'oneOf'>>;
  }
).tables;

export const REFERENCE_DTD = readFileSync(join(FIXTURES, 'gdpdu-01-09-2004.dtd'), 'utf8');

/** Each table's column names in the published order, by file. */
export const DSFINVK_COLUMNS: Record<string, string[]> = Object.fromEntries(
  REFERENCE_LAYOUT.map((table) => [table.file, table.columns.map((column) => column.name)]),
);

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

/** Each table of an export's index.xml as REFERENCE_LAYOUT describes one: file, name, columns and their types. */
export function describedLayout(xml: string): ReferenceTable[] {
  return [...xml.matchAll(/<Table>([\s\S]*?)<\/Table>/g)].map(([, table]) => ({
    file: /<URL>(.*?)<\/URL>/.exec(table)![1],
    name: /<Name>(.*?)<\/Name>/.exec(table)![1],
    columns: [...table.matchAll(/<VariableColumn>([\s\S]*?)<\/VariableColumn>/g)].map(([, column]) => {
      const name = /<Name>(.*?)<\/Name>/.exec(column)![1];
      if (column.includes('<AlphaNumeric/>')) {
        return {
          name,
          type: 'AlphaNumeric' as const,
          maxLength: Number(/<MaxLength>(\d+)<\/MaxLength>/.exec(column)![1]),
        };
      }
      return {
        name,
        type: 'Numeric' as const,
        accuracy: Number(/<Accuracy>(\d+)<\/Accuracy>/.exec(column)?.[1] ?? 0),
      };
    }),
  }));
}

/**
 * The fields Anhang G's matrix (MANDATORY_FIELDS) asks for that the tables leave empty, as `file row n column`:
 * read from the reference itself, apart from the verifier's own matrix. A transaction the unit failed need not
 * carry the unit's fields; the customer fields only where a customer is named; TSE_ZERTIFIKAT_II only when the
 * certificate runs past TSE_ZERTIFIKAT_I.
 */
export function emptyMandatoryFields(tables: Record<string, Array<Record<string, string>>>): string[] {
  const continued = (file: string, column: string, row: Record<string, string>) =>
    file === 'tse.csv' && column === 'TSE_ZERTIFIKAT_II' && [...row.TSE_ZERTIFIKAT_I].length < 1000;
  const failed = (file: string, row: Record<string, string>) =>
    file === 'transactions_tse.csv' && row.TSE_TA_FEHLER !== '';
  const customer = (file: string, column: string) =>
    file === 'transactions.csv' && ['KUNDE_NAME', 'KUNDE_ID', 'KUNDE_TYP'].includes(column);
  const empty: string[] = [];
  for (const [file, columns] of Object.entries(MANDATORY_FIELDS)) {
    for (const [i, row] of tables[file].entries()) {
      for (const [column, rule] of Object.entries(columns)) {
        const needed =
          (rule === 'mandatory' &&
            !continued(file, column, row) &&
            !customer(file, column) &&
            !failed(file, row)) ||
          (rule === 'ifItem' && row.GV_TYP === 'Umsatz');
        if (needed && row[column] === '') empty.push(`${file} row ${i + 1} ${column}`);
      }
      const group = Object.keys(columns).filter((column) => columns[column] === 'oneOf');
      if (group.length > 0 && group.every((column) => row[column] === '')) empty.push(`${file} row ${i + 1}`);
    }
  }
  return empty;
}
