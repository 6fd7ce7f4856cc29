import QRCode from 'qrcode';
import { newPdf, pdfBytes, winAnsiText } from '../common/pdf';

/** One table on the sheet: its name, its room, and the link its QR code holds. */
export interface SheetTable {
  name: string;
  location: string;
  url: string;
}

/** A4 in points; 3 × 4 cards a page, each big enough to cut out and stand on a table. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 28;
const COLUMNS = 3;
const ROWS = 4;
const CARD_WIDTH = (PAGE.width - 2 * MARGIN) / COLUMNS;
const CARD_HEIGHT = (PAGE.height - 2 * MARGIN) / ROWS;
const QR_SIZE = 130;

function drawCard(pdf: PDFKit.PDFDocument, table: SheetTable, left: number, top: number): void {
  pdf
    .rect(left + 4, top + 4, CARD_WIDTH - 8, CARD_HEIGHT - 8)
    .lineWidth(0.5)
    .dash(3, { space: 3 })
    .stroke('#999');
  pdf.undash();
  // The same code as GET /tables/{id}/qr: error correction M, a smudged print still reads.
  const { modules } = QRCode.create(table.url, { errorCorrectionLevel: 'M' });
  const cell = QR_SIZE / modules.size;
  const qrLeft = left + (CARD_WIDTH - QR_SIZE) / 2;
  const qrTop = top + 16;
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(y, x)) pdf.rect(qrLeft + x * cell, qrTop + y * cell, cell, cell);
    }
  }
  pdf.fill('#000');
  const textOptions = { width: CARD_WIDTH - 16, align: 'center' as const, lineBreak: false, ellipsis: true };
  pdf
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(winAnsiText(table.name), left + 8, qrTop + QR_SIZE + 8, textOptions);
  pdf
    .font('Helvetica')
    .fontSize(8)
    .text(winAnsiText(table.location), left + 8, qrTop + QR_SIZE + 26, textOptions)
    // A link longer than the card wraps onto a second line rather than losing its end.
    .fontSize(6)
    .text(winAnsiText(table.url), left + 8, qrTop + QR_SIZE + 38, {
      ...textOptions,
      lineBreak: true,
      height: 16,
    });
}

/** A printable A4 PDF of table cards: each table's QR code, name, room and link, twelve to a page. */
export async function drawQrSheet(title: string, tables: SheetTable[]): Promise<Buffer> {
  const pdf = await newPdf({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: winAnsiText(title) },
  });
  const done = pdfBytes(pdf);
  const perPage = COLUMNS * ROWS;
  if (tables.length === 0) pdf.addPage();
  tables.forEach((table, i) => {
    const slot = i % perPage;
    if (slot === 0) pdf.addPage();
    const left = MARGIN + (slot % COLUMNS) * CARD_WIDTH;
    const top = MARGIN + Math.floor(slot / COLUMNS) * CARD_HEIGHT;
    drawCard(pdf, table, left, top);
  });
  pdf.end();
  return done;
}
