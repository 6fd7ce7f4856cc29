import type { DsfinvkTable } from './dsfinvk-layout';

/**
 * A cell as the export's code fills it: text, a whole number, or a decimal as an integer count of its column's
 * smallest unit (minor units for a 2-place column, thousandths for MENGE), so no amount ever passes through a
 * float. null is an empty field.
 */
export type DsfinvkCell = string | number | null;
export type DsfinvkRow = Record<string, DsfinvkCell>;

const CRLF = '\r\n';

/** `1234` in a 2-place column is `12,34`; `-5` is `-0,05`. Decimal comma, no digit grouping. */
export function decimalText(scaled: number, places: number): string {
  if (!Number.isSafeInteger(scaled)) throw new Error(`${scaled} is not a whole count of the column's unit`);
  if (places === 0) return String(scaled);
  const digits = String(Math.abs(scaled)).padStart(places + 1, '0');
  const sign = scaled < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -places)},${digits.slice(-places)}`;
}

/** The inverse of decimalText: `-0,05` in a 2-place column is -5. */
export function scaledOf(text: string, places: number): number {
  const match = /^(-?)(\d+)(?:,(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a DSFinV-K number`);
  const fraction = (match[3] ?? '').padEnd(places, '0');
  if (fraction.length > places) throw new Error(`"${text}" has more than ${places} decimals`);
  const value = Number(match[2] + fraction);
  return match[1] === '-' ? -value : value;
}

/**
 * Text cut to its column's length (in characters, as index.xml's MaxLength counts them), so that no field
 * overflows the layout: a long refund reason in BON_NOTIZ, a long dish name in ARTIKELTEXT.
 */
export const fitted = (value: string, maxLength: number): string =>
  [...value].length <= maxLength ? value : [...value].slice(0, maxLength).join('');

/** Text between quotes, quotes doubled; an empty cell is left empty. */
const quoted = (value: string): string => (value === '' ? '' : `"${value.replace(/"/g, '""')}"`);

/**
 * A table as the DSFinV-K's CSV: UTF-8, `;` between fields, CRLF after each record, a header row of the column
 * names, text in double quotes (cut to its length), numbers with a decimal comma. A row must name every column.
 */
export function tableCsv(table: DsfinvkTable, rows: readonly DsfinvkRow[]): string {
  const lines = [table.columns.map((column) => column.name).join(';')];
  for (const row of rows) {
    lines.push(
      table.columns
        .map((column) => {
          const value = row[column.name];
          if (value === undefined) throw new Error(`${table.file}: no value for ${column.name}`);
          if (value === null) return '';
          if ('text' in column.type) return quoted(fitted(String(value), column.type.text));
          return decimalText(Number(value), column.type.places);
        })
        .join(';'),
    );
  }
  return lines.map((line) => line + CRLF).join('');
}

/** The records of a DSFinV-K CSV file as text fields, the header row first. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') field += text[++i];
      else inQuotes = false;
    } else if (char === '"') inQuotes = true;
    else if (char === ';') {
      fields.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field !== '' || fields.length > 0) records.push([...fields, field]);
  return records;
}

/** A parsed table's records as objects by column name. */
export function rowsOf(text: string): Array<Record<string, string>> {
  const [header, ...records] = parseCsv(text);
  if (!header) return [];
  return records.map((record) => Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])));
}

const escapeXml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * index.xml: the GDPdU "DataSet" description (gdpdu-01-09-2004.dtd) an auditor's tool (IDEA, AIS TaxAudit) reads
 * to load the CSV files: for each table its file, name, encoding, delimiters and every column with its type.
 */
export function indexXml(
  tables: readonly DsfinvkTable[],
  supplier: { name: string; location: string },
): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE DataSet SYSTEM "gdpdu-01-09-2004.dtd">',
    '<DataSet>',
    '  <Version>1.0</Version>',
    '  <DataSupplier>',
    `    <Name>${escapeXml(supplier.name)}</Name>`,
    `    <Location>${escapeXml(supplier.location)}</Location>`,
    '    <Comment>DSFinV-K</Comment>',
    '  </DataSupplier>',
    '  <Media>',
    '    <Name>DSFinV-K</Name>',
  ];
  for (const table of tables) {
    out.push(
      '    <Table>',
      `      <URL>${table.file}</URL>`,
      `      <Name>${table.name}</Name>`,
      `      <Description>${table.name}</Description>`,
      '      <UTF8/>',
      '      <DecimalSymbol>,</DecimalSymbol>',
      '      <DigitGroupingSymbol>.</DigitGroupingSymbol>',
      '      <Range><From>2</From></Range>',
      '      <VariableLength>',
      '        <ColumnDelimiter>;</ColumnDelimiter>',
      '        <RecordDelimiter>&#13;&#10;</RecordDelimiter>',
      '        <TextEncapsulator>"</TextEncapsulator>',
    );
    for (const column of table.columns) {
      const type =
        'text' in column.type
          ? `<AlphaNumeric/><MaxLength>${column.type.text}</MaxLength>`
          : column.type.places > 0
            ? `<Numeric><Accuracy>${column.type.places}</Accuracy></Numeric>`
            : '<Numeric/>';
      out.push(
        '        <VariableColumn>',
        `          <Name>${column.name}</Name>`,
        `          <Description>${escapeXml(column.description)}</Description>`,
        `          ${type}`,
        '        </VariableColumn>',
      );
    }
    out.push('      </VariableLength>', '    </Table>');
  }
  out.push('  </Media>', '</DataSet>', '');
  return out.join('\n');
}
