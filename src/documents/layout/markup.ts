/**
 * Writes ReceiptLine markup (https://www.ofsc.or.jp/receiptline/en/), the one form every layout produces: receiptline
 * turns it into ESC/POS and SVG, and the PDF command into drawing operations. Layouts never write markup by hand:
 * every piece of text passes through `escape`, so a dish called `Fish | Chips {big}` prints as written and cannot
 * start a property, a column or a paper cut.
 */

export type Align = 'left' | 'center' | 'right';

/** A cell of a row: its text and where it sits in its column. */
export interface Cell {
  text: string;
  align?: Align;
}

export interface TextStyle {
  bold?: boolean;
  /** Double width (`wide`), double width and height (`big`). */
  size?: 'wide' | 'big';
  /** White on black: for what the cook must not miss. */
  inverted?: boolean;
}

/** C0 and C1 control characters and DEL: a printer would take them as commands. */
function isControlCharacter(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

const SPECIAL = /[\\|{}\-=_"`^~]/g;

/**
 * Text as receiptline prints it literally: control characters and no-break spaces become spaces (a printer would
 * take the former as commands), markup characters are escaped.
 */
export function escape(text: string): string {
  return Array.from(text, (char) => (isControlCharacter(char) ? ' ' : char))
    .join('')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(SPECIAL, (char) => `\\${char}`);
}

/** Printed width of text in characters (one per code point: the paper's fonts are monospaced). */
export function widthOf(text: string): number {
  return Array.from(text).length;
}

/**
 * Breaks text into lines of at most `width` characters, at spaces where it can, inside a word that is longer than a
 * line. Never answers an empty list.
 */
export function wrapWords(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (widthOf(candidate) <= limit) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = Array.from(word);
    while (rest.length > limit) {
      lines.push(rest.slice(0, limit).join(''));
      rest = rest.slice(limit);
    }
    line = rest.join('');
  }
  lines.push(line);
  return lines;
}

function styled(text: string, style: TextStyle): string {
  let markup = escape(text);
  if (style.size === 'wide') markup = `^${markup}^`;
  if (style.size === 'big') markup = `^^^${markup}^^^`;
  if (style.bold) markup = `"${markup}"`;
  if (style.inverted) markup = `\`${markup}\``;
  return markup;
}

function cellMarkup(cell: Cell, style: TextStyle = {}): string {
  const text = cell.text === '' ? '' : styled(cell.text, style);
  switch (cell.align ?? 'left') {
    case 'left':
      return `${text} `;
    case 'right':
      return ` ${text}`;
    case 'center':
      return ` ${text} `;
  }
}

/**
 * A document being written for a paper `width` characters wide. Rows lay cells out in columns whose widths are
 * fixed per row (`*` takes what is left); receiptline wraps a cell that does not fit, and `lines` pre-wraps at word
 * boundaries where a layout wants that.
 */
export class Markup {
  private readonly out: string[] = [];
  private columns = '';

  constructor(readonly width: number) {}

  /** One line of text across the paper, wrapped at word boundaries (a wide or big one at half the width). */
  text(text: string, align: Align = 'left', style: TextStyle = {}): this {
    const scale = style.size ? 2 : 1;
    for (const line of wrapWords(text, Math.floor(this.width / scale))) {
      this.row(['*'], [{ text: line, align }], style);
    }
    return this;
  }

  /** A row of cells in columns of the given widths (numbers, or `*` for the rest); every cell in one style. */
  row(widths: Array<number | '*'>, cells: Cell[], style: TextStyle = {}): this {
    const columns = `{width:${widths.join(',')}}`;
    if (columns !== this.columns) {
      this.out.push(columns);
      this.columns = columns;
    }
    this.out.push(`|${cells.map((cell) => cellMarkup(cell, style)).join('|')}|`);
    return this;
  }

  /** A label on the left and an amount on the right, the label wrapped at word boundaries to leave room. */
  pair(label: string, value: string, style: TextStyle = {}): this {
    const scale = style.size ? 2 : 1;
    const valueWidth = Math.min(widthOf(value), Math.floor(this.width / scale / 2)) * scale;
    const labelWidth = this.width - valueWidth - 1;
    const labels = wrapWords(label, Math.floor(labelWidth / scale));
    labels.forEach((line, index) =>
      this.row(
        ['*', valueWidth],
        [
          { text: line, align: 'left' },
          { text: index === labels.length - 1 ? value : '', align: 'right' },
        ],
        style,
      ),
    );
    return this;
  }

  /** A horizontal rule across the paper. */
  rule(): this {
    this.out.push('-');
    return this;
  }

  blank(): this {
    this.out.push('');
    return this;
  }

  /** A QR code of `data`, centred. */
  qr(data: string): this {
    const value = data.replace(/[\\{}|;]/g, (char) => `\\${char}`);
    this.out.push(`{code:${value};option:qrcode,${this.width < 42 ? 4 : 5},m}`);
    this.columns = '';
    return this;
  }

  toString(): string {
    return `${this.out.join('\n')}\n`;
  }
}
