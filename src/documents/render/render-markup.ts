import { transform } from 'receiptline';
import type { DocumentFormat, RenderedDocument } from '../document-types';
import { pdfOperations } from './pdf-command';
import { drawPdf } from './pdf-writer';

/**
 * receiptline's multilingual encoding switches the printer's code page per character (cp437, cp858, cp1252, cp866,
 * cp852), so "€", "é" and "ß" print on any ESC/POS printer without a font download.
 */
const ENCODING = 'multilingual';

/** receiptline's SVG imports a web font from Google: a receipt shown to a guest must not call a third party. */
const WEB_FONT_IMPORT = /<style type="text\/css"><!\[CDATA\[@import url\([^)]*\);\]\]><\/style>/;

/** Renders ReceiptLine markup laid out for `width` characters to one format. */
export async function renderMarkup(
  markup: string,
  format: DocumentFormat,
  width: number,
  title: string,
): Promise<RenderedDocument> {
  switch (format) {
    case 'escpos':
      return {
        contentType: 'application/octet-stream',
        body: Buffer.from(transform(markup, { cpl: width, encoding: ENCODING, command: 'escpos' }), 'binary'),
      };
    case 'svg': {
      const svg = transform(markup, { cpl: width, encoding: ENCODING, command: 'svg' })
        .replace(WEB_FONT_IMPORT, '')
        // The paper is white whatever the screen's theme: the text is drawn black.
        .replace(/^(<svg[^>]*>)/, '$1<rect width="100%" height="100%" fill="#fff"/>');
      return { contentType: 'image/svg+xml', body: Buffer.from(svg, 'utf8') };
    }
    case 'pdf':
      return {
        contentType: 'application/pdf',
        body: await drawPdf(pdfOperations(markup, width), width, title),
      };
    case 'text':
      return {
        contentType: 'text/plain; charset=utf-8',
        body: Buffer.from(transform(markup, { cpl: width, encoding: ENCODING, command: 'text' }), 'utf8'),
      };
  }
}
