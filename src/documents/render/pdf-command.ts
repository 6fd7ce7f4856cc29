import { commands, qrcode, transform } from 'receiptline';

/** Text printed from `x` (in characters from the paper's left edge) in one style. */
export interface PdfSpan {
  x: number;
  text: string;
  bold: boolean;
  inverted: boolean;
  /** How many characters wide and lines high each character is (ReceiptLine's `^`, `^^`, `^^^`). */
  scaleX: number;
  scaleY: number;
}

/** What the PDF writer draws, line by line, as receiptline laid it out for the paper. */
export type PdfOperation =
  | { op: 'line'; spans: PdfSpan[]; rule: { x: number; width: number } | null }
  | { op: 'qr'; x: number; width: number; align: number; cell: number; matrix: string[] };

interface PdfState {
  left: number;
  width: number;
  alignment: number;
  position: number;
  bold: boolean;
  inverted: boolean;
  scaleX: number;
  scaleY: number;
  spans: PdfSpan[];
  rule: { x: number; width: number } | null;
}

const emit = (operation: PdfOperation): string => `${JSON.stringify(operation)}\n`;

/**
 * A receiptline command set, like its `svg` and `escpos` ones, that answers each printed line as one JSON operation:
 * the PDF is drawn from the same layout the printer and the screen get, wrapping and columns included.
 */
const pdfCommandSet: typeof commands.base & PdfState & ThisType<typeof commands.base & PdfState> = {
  ...commands.base,
  left: 0,
  width: 0,
  alignment: 0,
  position: 0,
  bold: false,
  inverted: false,
  scaleX: 1,
  scaleY: 1,
  spans: [],
  rule: null,
  open(printer) {
    this.width = printer.cpl ?? 48;
    this.spans = [];
    this.rule = null;
    return '';
  },
  close: () => '',
  area(left: number, width: number) {
    this.left = left;
    this.width = width;
    return '';
  },
  align(align: number) {
    this.alignment = align;
    return '';
  },
  absolute(position: number) {
    this.position = position;
    return '';
  },
  relative(position: number) {
    this.position += position;
    return '';
  },
  hr(width: number) {
    this.rule = { x: this.left, width };
    return '';
  },
  vr: () => '',
  vrstart: () => '',
  vrstop: () => '',
  vrhr: () => '',
  vrlf() {
    return this.lf();
  },
  cut: () => '',
  ul: () => '',
  em() {
    this.bold = true;
    return '';
  },
  iv() {
    this.inverted = true;
    return '';
  },
  wh(wh: number) {
    this.scaleX = wh < 2 ? wh + 1 : wh - 1;
    this.scaleY = Math.max(1, wh < 3 ? wh : wh - 1);
    return '';
  },
  normal() {
    this.bold = false;
    this.inverted = false;
    this.scaleX = 1;
    this.scaleY = 1;
    return '';
  },
  text(text, encoding) {
    const { bold, inverted, scaleX, scaleY } = this;
    this.spans.push({ x: this.left + this.position, text, bold, inverted, scaleX, scaleY });
    this.position += this.measureText(text, encoding) * scaleX;
    return '';
  },
  lf() {
    const line = emit({ op: 'line', spans: this.spans, rule: this.rule });
    this.spans = [];
    this.rule = null;
    this.position = 0;
    return line;
  },
  command: () => '',
  image: () => '',
  barcode: () => '',
  qrcode(symbol) {
    const matrix = qrcode.generate(symbol).map((row) => Array.from(row).join(''));
    return emit({
      op: 'qr',
      x: this.left,
      width: this.width,
      align: this.alignment,
      cell: symbol.cell,
      matrix,
    });
  },
};

/** The drawing operations of ReceiptLine markup laid out `width` characters wide. */
export function pdfOperations(markup: string, width: number): PdfOperation[] {
  return transform(markup, { cpl: width, encoding: 'multilingual', command: pdfCommandSet })
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PdfOperation);
}
