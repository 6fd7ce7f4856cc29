import { CsvSyntaxError, headerDelimiter, parseCsv } from '../../common/csv-parse';
import { ALLERGEN_CODES } from '../allergens';
import { MAX_PRICE } from '../dto/menu.inputs';

/** The columns of the menu's CSV, in the order the export writes them; the import reads them by header name. */
export const MENU_CSV_COLUMNS = [
  'key',
  'category',
  'dish',
  'variation',
  'price',
  'tax',
  'station',
  'allergens',
  'available',
] as const;

export type MenuCsvColumn = (typeof MENU_CSV_COLUMNS)[number];

/** What one line of the file asks for, read but not yet compared with the menu. */
export interface MenuCsvRow {
  line: number;
  /** The variation's id, as the export writes it; empty for a line that the names match or create. */
  key: string;
  category: string;
  dish: string;
  variation: string;
  /** Integer minor units. */
  price: number;
  /** Names or percents of tax rates; empty: the category's. */
  taxes: string[];
  /** Empty: no station. */
  station: string;
  allergens: string[];
  available: boolean;
}

/** A problem with the file: the line it is on (1 is the header) and the column, when there is one. */
export interface MenuCsvProblem {
  line: number;
  column: MenuCsvColumn | null;
  message: string;
}

/** A list cell (taxes, allergens): its entries split by semicolons. */
export const LIST_SEPARATOR = ';';

const NAME_MAX = 100;
// A decimal point or comma, as the back office's amount fields take; a thousands separator ("1.234,50") is refused.
const AMOUNT = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

/** "8.50" or "8,50" → 850: digits, a point or comma and at most two decimals, nothing else; null otherwise. */
export function parsePrice(text: string): number | null {
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return minor <= MAX_PRICE ? minor : null;
}

/** 850 → "8.50", what parsePrice reads. */
export function formatPrice(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

export function formatList(entries: readonly string[]): string {
  return entries.join(`${LIST_SEPARATOR} `);
}

/**
 * The export prefixes text a spreadsheet would run as a formula with an apostrophe (common/csv-write.ts): the import
 * takes it off again, so that an export reads back as it was.
 */
function unguarded(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const splitList = (text: string) =>
  text
    .split(LIST_SEPARATOR)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

/** Reads the file's rows and every problem of form; a row with a problem is left out of `rows`. */
export function readMenuCsv(text: string): { rows: MenuCsvRow[]; problems: MenuCsvProblem[] } {
  let records;
  try {
    records = parseCsv(text, headerDelimiter(text));
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      return { rows: [], problems: [{ line: error.line, column: null, message: error.message }] };
    }
    throw error;
  }
  const [header, ...lines] = records;
  if (!header) return { rows: [], problems: [{ line: 1, column: null, message: 'the file is empty' }] };
  const positions = new Map(header.fields.map((name, index) => [name.trim().toLowerCase(), index]));
  const missing = MENU_CSV_COLUMNS.filter((column) => column !== 'key' && !positions.has(column));
  if (missing.length > 0) {
    return {
      rows: [],
      problems: [{ line: 1, column: null, message: `the header lacks the column(s) ${missing.join(', ')}` }],
    };
  }
  const rows: MenuCsvRow[] = [];
  const problems: MenuCsvProblem[] = [];
  for (const record of lines) {
    if (record.fields.every((field) => field.trim() === '')) continue;
    const cell = (column: MenuCsvColumn) => {
      const index = positions.get(column);
      return index === undefined ? '' : unguarded((record.fields[index] ?? '').trim());
    };
    const found: MenuCsvProblem[] = [];
    const problem = (column: MenuCsvColumn, message: string) =>
      found.push({ line: record.line, column, message });
    for (const column of ['category', 'dish', 'variation'] as const) {
      const value = cell(column);
      if (value === '') problem(column, 'is empty');
      else if (value.length > NAME_MAX) problem(column, `is longer than ${NAME_MAX} characters`);
    }
    const price = parsePrice(cell('price'));
    if (price === null) {
      problem(
        'price',
        `"${cell('price')}" is not a price like 8.50 or 8,50 (at most two decimals, no thousands separator, not negative)`,
      );
    }
    const allergens = splitList(cell('allergens').toLowerCase());
    const unknown = allergens.filter((code) => !(ALLERGEN_CODES as readonly string[]).includes(code));
    if (unknown.length > 0) problem('allergens', `unknown allergen(s): ${unknown.join(', ')}`);
    const available = cell('available').toLowerCase();
    if (available !== 'yes' && available !== 'no') problem('available', 'must be yes or no');
    problems.push(...found);
    if (found.length > 0 || price === null) continue;
    rows.push({
      line: record.line,
      key: cell('key'),
      category: cell('category'),
      dish: cell('dish'),
      variation: cell('variation'),
      price,
      taxes: splitList(cell('tax')),
      station: cell('station'),
      allergens: [...new Set(allergens)].sort(),
      available: available === 'yes',
    });
  }
  return { rows, problems };
}
