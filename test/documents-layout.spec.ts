import { renderDocument } from '../src/documents/document-renderer';
import type { ZReportView } from '../src/business-days/dto/business-day.views';
import {
  PAPER_WIDTHS,
  PrintableDocument,
  type KitchenTicketDocument,
  type PaperWidth,
  type XReportDocument,
  type ZReportDocument,
} from '../src/documents/document-types';
import type { OrderItemView } from '../src/orders/dto/order-item.views';
import type { ShiftReportView } from '../src/reports/dto/report.views';
import { escape, Markup, wrapWords } from '../src/documents/layout/markup';
import {
  GUEST_CHECK,
  HOUSE,
  KITCHEN_TICKET,
  LONG_NAME,
  RECEIPT,
  REFUND_RECEIPT,
  X_REPORT,
  Z_REPORT,
} from './support/documents-fixture';
import { assertWellFormedXml, readPdf, svgLines } from './support/document-readers';
import { decodeEscPos } from './support/escpos-decoder';

/** The document as a printer prints it: its ESC/POS bytes decoded back to lines. */
async function printed(document: PrintableDocument, width: PaperWidth = 48) {
  return decodeEscPos((await renderDocument(document, 'escpos', width, HOUSE)).body);
}

const ALL: Array<[string, PrintableDocument]> = [
  ['guest check', GUEST_CHECK],
  ['receipt', RECEIPT],
  ['refund receipt', REFUND_RECEIPT],
  ['kitchen ticket', KITCHEN_TICKET],
  ['X report', X_REPORT],
  ['Z report', Z_REPORT],
];

describe('document types', () => {
  it('take the views other modules already have, as they are', () => {
    // Compile-time: the X report view, a Z report and an order's items fit the documents without mapping.
    const x = (report: ShiftReportView): XReportDocument => ({ kind: 'x_report', report });
    const z = (close: ZReportView): ZReportDocument => ({ ...close, kind: 'z_report' });
    const lines = (items: OrderItemView[]): KitchenTicketDocument['lines'] => items;
    expect([x, z, lines].every((fits) => typeof fits === 'function')).toBe(true);
  });
});

describe('wrapWords', () => {
  it('breaks at spaces, splits only a word longer than a line, and never answers nothing', () => {
    expect(wrapWords('Pizza quattro stagioni', 10)).toEqual(['Pizza', 'quattro', 'stagioni']);
    expect(wrapWords('Pizza quattro stagioni', 13)).toEqual(['Pizza quattro', 'stagioni']);
    expect(wrapWords('Supercalifragilistic', 8)).toEqual(['Supercal', 'ifragili', 'stic']);
    expect(wrapWords('', 8)).toEqual(['']);
    for (const width of [5, 13, 29]) {
      for (const line of wrapWords(LONG_NAME, width)) expect(line.length).toBeLessThanOrEqual(width);
    }
  });
});

describe('escape', () => {
  it('turns markup and control characters into text', () => {
    expect(escape('a|b{c}')).toBe('a\\|b\\{c\\}');
    expect(escape('"x"^_`~\\-=')).toBe('\\"x\\"\\^\\_\\`\\~\\\\\\-\\=');
    expect(escape('line\nbreak\u001b@')).toBe('line break @');
  });

  it('prints a name full of markup characters as written, and a line of dashes is not a rule', async () => {
    const out = new Markup(32).text('Fish | Chips {big} "x" ^2^ ~ _u_').text('---').text('===');
    const { lines, cuts } = decodeEscPos(
      (await renderDocument({ ...GUEST_CHECK, lines: [] }, 'escpos', 32, HOUSE)).body,
    );
    expect(cuts).toBe(1);
    expect(lines.join('\n')).toContain('Trattoria | Da');
    const text = (await import('../src/documents/render/render-markup')).renderMarkup;
    const rendered = (await text(out.toString(), 'text', 32, 'x')).body.toString();
    expect(rendered).toContain('Fish | Chips {big} "x" ^2^ ~ _u_');
    expect(rendered).toContain('---\n');
    expect(rendered).toContain('===\n');
  });
});

describe('layouts', () => {
  describe.each(PAPER_WIDTHS)('at %i characters', (width) => {
    it.each(ALL)('the %s keeps every line within the paper', async (_, document) => {
      const { lines, widest } = await printed(document, width);
      expect(widest).toBeLessThanOrEqual(width);
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    });

    it('right-aligns the amounts of the lines and totals in one column', async () => {
      const { lines } = await printed(GUEST_CHECK, width);
      // TOTAL is double width: the decoder writes its characters once, so its line reads shorter.
      const amounts = lines.filter((line) => /€[\d,]+\.\d\d$/.test(line) && !line.startsWith('TOTAL'));
      expect(amounts.length).toBeGreaterThanOrEqual(8);
      for (const line of amounts) expect(line).toHaveLength(width);
    });

    it('wraps a long dish name at word boundaries under its own column', async () => {
      const { lines } = await printed(GUEST_CHECK, width);
      const first = lines.findIndex((line) => line.startsWith('2x  Pizza'));
      const nameColumn = lines[first].indexOf('Pizza');
      const continued: string[] = [];
      for (const line of lines.slice(first + 1)) {
        if (line.slice(0, nameColumn).trim() !== '' || line.slice(nameColumn).startsWith('+')) break;
        continued.push(line);
      }
      expect(continued.length).toBeGreaterThan(0);
      const name = [lines[first].slice(nameColumn), ...continued.map((line) => line.slice(nameColumn))]
        .map((part) => part.replace(/\s+€[\d.,]+$/, '').trim())
        .join(' ');
      expect(name).toContain(`${LONG_NAME} (Large)`);
    });
  });

  it('prints the guest check: items, options, seats, discount, service charge, taxes, totals, not a receipt', async () => {
    const text = (await printed(GUEST_CHECK)).lines.join('\n');
    for (const expected of [
      'Trattoria | Da {Mario}',
      'Via Roma 1, 00100 Roma',
      'Tax ID IT12345678901',
      'GUEST CHECK',
      'Order 42',
      '2026-11-22 20:03',
      'Table Terrace 4, 3 guests',
      'Served by Maria',
      'Seat 1',
      'Seat 2',
      'Shared',
      '+ Aioli (+€1.50)',
      '+ No basil',
      'Crème brûlée "maison" ^_^',
      '10x Water | still',
      'Subtotal',
      'Discount 10% (regular guest)',
      '-€6.45',
      'Service charge',
      'VAT 10% of €38.00',
      'VAT 22% of €19.30',
      'TOTAL',
      '€63.05',
      'Due',
      '€43.05',
      '*** NOT A RECEIPT ***',
      'Grazie e arrivederci!',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('(Regular)');
  });

  it('prints a receipt with its number, payments, tip, change, hash and a QR code of its digital copy', async () => {
    const { lines, images } = await printed(RECEIPT);
    const text = lines.join('\n');
    for (const expected of ['RECEIPT', 'No. 1017', 'Card', 'Cash', 'Tip', 'Change', 'Your receipt online']) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/\s/g, '')).toContain(`Hash${RECEIPT.hash}`);
    expect(text).not.toContain('NOT A RECEIPT');
    expect(images).toBe(1);
    expect((await printed({ ...RECEIPT, url: null })).images).toBe(0);
  });

  it.each(PAPER_WIDTHS)(
    'prints a combo at %i characters once, its components indented beneath without prices',
    async (width) => {
      const combo = {
        name: 'Burger Menu',
        variationName: 'Regular',
        quantity: 2,
        unitPrice: 1290,
        total: 2580,
        components: [
          { name: 'Burger', variationName: 'Double', modifiers: [{ name: 'No onions' }] },
          { name: `Fries ${LONG_NAME}`, variationName: null, modifiers: [] },
        ],
      };
      const { lines } = await printed({ ...RECEIPT, lines: [combo] }, width);
      const at = lines.findIndex((line) => line.startsWith('2x '));
      const nameAt = lines[at].indexOf('Burger Menu');
      expect(lines[at]).toMatch(/Burger Menu +€25\.80$/);
      expect(lines.join('\n').split('Burger Menu')).toHaveLength(2);
      const under = lines.slice(
        at + 1,
        lines.findIndex((line, i) => i > at && /^-+$/.test(line)),
      );
      expect(under[0]).toBe(`${' '.repeat(nameAt + 2)}Burger (Double)`);
      expect(under[1]).toBe(`${' '.repeat(nameAt + 4)}+ No onions`);
      for (const line of under.slice(2)) expect(line.search(/\S/)).toBe(nameAt + 2);
      expect(under.slice(2).join(' ').replace(/\s+/g, ' ').trim()).toBe(`Fries ${LONG_NAME}`);
      expect(under.join('\n')).not.toContain('€');
    },
  );

  it('prints a refund receipt naming the original, with negative amounts', async () => {
    const text = (await printed(REFUND_RECEIPT)).lines.join('\n');
    expect(text).toContain('REFUND RECEIPT');
    expect(text).toContain('Refund of receipt No. 1017');
    expect(text).toContain('Reason: cold soup');
    expect(text).toMatch(/TOTAL\s+-€6\.50/);
  });

  describe('kitchen tickets', () => {
    it('say what happened, where it goes and what to make, without prices', async () => {
      const text = (await printed(KITCHEN_TICKET)).lines.join('\n');
      for (const expected of [
        'NEW',
        'Grill',
        '#42',
        'Table Terrace 4',
        'Maria',
        '+ Aioli',
        'Seat 1',
        '! well done',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).toContain('Course 1');
      expect(text).toContain('1x Steak');
      expect(text).not.toMatch(/€/);
    });

    it.each([
      [{ ticket: 'added' as const }, 'ADDED'],
      [{ ticket: 'fired' as const, course: 2 }, 'FIRED COURSE 2'],
      [{ ticket: 'void' as const }, 'VOID'],
    ])('head a %j ticket %s', async (change, title) => {
      const text = (await printed({ ...KITCHEN_TICKET, ...change })).lines.join('\n');
      expect(text).toContain(title);
      expect(text).not.toContain('REPRINT');
    });

    it('mark a reprint, and print the guest’s allergens, a takeaway’s channel and promised time', async () => {
      const text = (
        await printed({
          ...KITCHEN_TICKET,
          reprint: true,
          orderType: 'takeaway',
          tableName: null,
          channel: 'Deliveroo',
          promisedAt: '2026-11-22T19:30:00.000Z',
          customer: { name: 'Ada', allergens: ['peanuts', 'milk'] },
        })
      ).lines.join('\n');
      for (const expected of [
        'REPRINT',
        'TAKEAWAY, DELIVEROO',
        'PROMISED 2026-11-22 20:30',
        'ALLERGENS:',
        'peanuts',
      ]) {
        expect(text).toContain(expected);
      }
      expect((await printed(KITCHEN_TICKET)).lines.join('\n')).not.toContain('ALLERGENS');
    });
  });

  it('prints the X and Z reports', async () => {
    const x = (await printed(X_REPORT)).lines.join('\n');
    expect(x).toContain('X REPORT');
    // Net is before tax: 955.00 paid less 150.00 tax; the figure with tax is named so.
    expect(x).toMatch(/Net sales \(excl\. tax\)\s+€805\.00/);
    expect(x).toMatch(/Gross sales \(incl\. tax\)\s+€955\.00/);
    expect(x).toMatch(/Difference\s+-€1\.00/);
    const z = (await printed(Z_REPORT)).lines.join('\n');
    expect(z).toContain('Z REPORT No. 128');
    expect(z).toContain('Closed by Luca');
    expect(z).not.toContain('-€0.00');
  });
});

describe('SVG and PDF', () => {
  it.each(ALL)(
    'the %s renders as well-formed SVG with the same text, without third-party fonts',
    async (_, doc) => {
      const svg = (await renderDocument(doc, 'svg', 42, HOUSE)).body.toString('utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(() => assertWellFormedXml(svg)).not.toThrow();
      expect(svg).not.toContain('googleapis');
      const words = (line: string) => line.replace(/\s+/g, ' ').trim();
      const paper = (await printed(doc, 42)).lines.map(words).filter((line) => line && !/^-+$/.test(line));
      expect(svgLines(svg).map(words).filter(Boolean)).toEqual(paper);
    },
  );

  it('shows the guest check in SVG', async () => {
    const lines = svgLines((await renderDocument(GUEST_CHECK, 'svg', 32, HOUSE)).body.toString('utf8'));
    expect(lines).toContain('*** NOT A RECEIPT ***');
    expect(lines.join('\n')).toContain('TOTAL €63.05');
  });

  it.each(ALL)('the %s renders as a PDF with pages and its text', async (_, document) => {
    const pdf = (await renderDocument(document, 'pdf', 48, HOUSE)).body;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text } = readPdf(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Trattoria'.slice(0, document.kind === 'kitchen_ticket' ? 0 : 9));
  });

  it('puts a long document on several pages', async () => {
    const lines = Array.from({ length: 120 }, (_, index) => ({
      ...GUEST_CHECK.lines[2],
      name: `Dish ${index}`,
    }));
    const { pages, text } = readPdf((await renderDocument({ ...GUEST_CHECK, lines }, 'pdf', 48, HOUSE)).body);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('NOT A RECEIPT');
    expect(text).toContain('Dish 119');
  });
});
