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

/**
 * The published DSFinV-K layout (2.4) and Anhang G's mandatory-field matrix, as kept in test/fixtures/dsfinvk/ with
 * their sources: the export is checked against the spec and not against its own layout module.
 */
export const REFERENCE_LAYOUT = (
  JSON.parse(readFileSync(join(FIXTURES, 'index-layout.json'), 'utf8')) as {
    tables: Array<{ file: string; name: string; columns: ReferenceColumn[] }>;
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
