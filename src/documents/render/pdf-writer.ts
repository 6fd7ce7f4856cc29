import { newPdf, pdfBytes, winAnsiText } from '../../common/pdf';
import type { PdfOperation, PdfSpan } from './pdf-command';

/** Courier's advance is 0.6 em: at 9 pt a character is 5.4 pt wide, 48 of them about 9 cm, a receipt's width. */
const FONT_SIZE = 9;
const CHAR_WIDTH = FONT_SIZE * 0.6;
const LINE_HEIGHT = FONT_SIZE * 1.35;
/** receiptline counts 12 printer dots per character; a QR code's cells are given in dots. */
const DOT = CHAR_WIDTH / 12;
const MARGIN = 18;
/** A page is as long as the document, up to an A4 page; longer documents go on over several. */
const MAX_PAGE_HEIGHT = 842;

function heightOf(operation: PdfOperation): number {
  if (operation.op === 'qr') return operation.matrix.length * operation.cell * DOT + LINE_HEIGHT / 2;
  return LINE_HEIGHT * Math.max(1, ...operation.spans.map((span) => span.scaleY));
}

function drawSpan(pdf: PDFKit.PDFDocument, span: PdfSpan, lineTop: number, lineHeight: number): void {
  const x = MARGIN + span.x * CHAR_WIDTH;
  const top = lineTop + lineHeight - LINE_HEIGHT * span.scaleY;
  const text = winAnsiText(span.text);
  if (span.inverted) {
    pdf
      .rect(x, top, Array.from(text).length * CHAR_WIDTH * span.scaleX, LINE_HEIGHT * span.scaleY)
      .fill('#000');
  }
  pdf
    .font(span.bold ? 'Courier-Bold' : 'Courier')
    .fontSize(FONT_SIZE * span.scaleY)
    .fillColor(span.inverted ? '#fff' : '#000')
    .text(text, x, top + FONT_SIZE * 0.15 * span.scaleY, {
      lineBreak: false,
      // A wide character takes scaleX columns whatever its height: the gap is spacing.
      characterSpacing: CHAR_WIDTH * (span.scaleX - span.scaleY),
    });
  pdf.fillColor('#000');
}

function drawQr(pdf: PDFKit.PDFDocument, operation: Extract<PdfOperation, { op: 'qr' }>, top: number): void {
  const module = operation.cell * DOT;
  const size = operation.matrix.length * module;
  const free = operation.width * CHAR_WIDTH - size;
  const left = MARGIN + operation.x * CHAR_WIDTH + (free * operation.align) / 2;
  operation.matrix.forEach((row, y) =>
    Array.from(row).forEach((cell, x) => {
      if (cell === '1') pdf.rect(left + x * module, top + y * module, module, module);
    }),
  );
  pdf.fill('#000');
}

/** Draws the operations on pages as wide as the paper, and answers the PDF's bytes. */
export async function drawPdf(operations: PdfOperation[], width: number, title: string): Promise<Buffer> {
  const pageWidth = width * CHAR_WIDTH + 2 * MARGIN;
  const contentHeight = operations.reduce((sum, operation) => sum + heightOf(operation), 0);
  const pageHeight = Math.min(MAX_PAGE_HEIGHT, contentHeight + 2 * MARGIN);
  const pdf = await newPdf({ size: [pageWidth, pageHeight], margin: 0, info: { Title: title } });
  const done = pdfBytes(pdf);
  let top = MARGIN;
  for (const operation of operations) {
    const height = heightOf(operation);
    if (top + height > pageHeight - MARGIN && top > MARGIN) {
      pdf.addPage({ size: [pageWidth, pageHeight], margin: 0 });
      top = MARGIN;
    }
    if (operation.op === 'qr') {
      drawQr(pdf, operation, top);
    } else {
      for (const span of operation.spans) drawSpan(pdf, span, top, height);
      if (operation.rule) {
        const y = top + height / 2;
        const x = MARGIN + operation.rule.x * CHAR_WIDTH;
        pdf
          .moveTo(x, y)
          .lineTo(x + operation.rule.width * CHAR_WIDTH, y)
          .lineWidth(0.8)
          .stroke('#000');
      }
    }
    top += height;
  }
  pdf.end();
  return done;
}
