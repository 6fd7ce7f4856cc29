import { inflateSync } from 'node:zlib';
import type { Response } from 'superagent';

/**
 * Reads rendered SVG and PDF documents back in tests: the text they show, and whether they are well formed.
 * ESC/POS has its own decoder (escpos-decoder.ts).
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity];
  });
}

/** Throws unless every tag closes in order, attributes are quoted and every entity is known: XML well-formedness. */
export function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  for (const [tag] of body.matchAll(/<[^>]*>/g)) {
    const name = /^<\/?([A-Za-z][\w:-]*)/.exec(tag)?.[1];
    if (!name) throw new Error(`malformed tag ${tag}`);
    const attributes = tag.replace(/^<\/?[\w:-]+/, '').replace(/\/?>$/, '');
    if (!/^(\s+[\w:-]+="[^"<]*")*\s*$/.test(attributes)) throw new Error(`malformed attributes in ${tag}`);
    if (tag.startsWith('</')) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes nothing open`);
    } else if (!tag.endsWith('/>')) stack.push(name);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  const text = body.replace(/<[^>]*>/g, '');
  for (const [entity] of text.matchAll(/&[^;\s]*;?/g)) {
    if (!/^&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);$/i.test(entity)) throw new Error(`bad entity ${entity}`);
  }
  if (/[<>]/.test(text)) throw new Error('a bare < or > in text');
}

/** The lines of a receiptline SVG: each line's text runs (columns) joined by a space. */
export function svgLines(svg: string): string[] {
  const lines: string[] = [];
  for (const [group] of svg.matchAll(/<g transform="translate\([^)]*\)">(?:<text[^>]*>.*?<\/text>)+<\/g>/g)) {
    const runs = [...group.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map(([, spans]) =>
      [...spans.matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map(([, char]) => decodeEntities(char)).join(''),
    );
    lines.push(runs.join(' ').replace(/\u00a0/g, ' '));
  }
  return lines;
}

/** WinAnsi's characters at 0x80–0x9f, where Latin-1 has control codes: the standard fonts' text encoding. */
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const winAnsiChar = (byte: number): string =>
  byte >= 0x80 && byte <= 0x9f ? WIN_ANSI_HIGH[byte - 0x80] : String.fromCharCode(byte);

/** The pages and shown text of a PDF written by pdfkit (its content streams inflated, its hex strings read). */
export function readPdf(pdf: Buffer): { pages: number; text: string } {
  const raw = pdf.toString('latin1');
  const pages = raw.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
  const shown: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const [, array] of content.matchAll(/\[(.*?)\] TJ/g)) {
      const hex = [...array.matchAll(/<([0-9a-f]*)>/gi)].map(([, digits]) => digits).join('');
      shown.push(Array.from(Buffer.from(hex, 'hex'), winAnsiChar).join(''));
    }
  }
  return { pages, text: shown.join('\n') };
}

/** A supertest parser that receives a binary reply whole, whatever its content type: `.buffer(true).parse(binary)`. */
export const binary = (response: Response, done: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  (response as unknown as NodeJS.ReadableStream).on('data', (chunk: Buffer) => chunks.push(chunk));
  (response as unknown as NodeJS.ReadableStream).on('end', () => done(null, Buffer.concat(chunks)));
};
