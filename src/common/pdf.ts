/** Characters the PDF standard fonts have (WinAnsi) beyond Latin-1; others print as "?". */
const WIN_ANSI_EXTRA = new Set(Array.from('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'));

/** Text as a PDF standard font (Courier, Helvetica) can show it: Latin-1 and a few more, others as "?". */
export const winAnsiText = (text: string): string =>
  Array.from(text, (char) => (char.charCodeAt(0) <= 0xff || WIN_ANSI_EXTRA.has(char) ? char : '?')).join('');

/** The bytes of a pdfkit document, once `end()` has been called on it; subscribe before drawing. */
export function pdfBytes(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

/**
 * A new pdfkit document. pdfkit and its font code (fontkit, brotli: about 2 MB of source) load on the first PDF,
 * not at start: most processes never draw one, and what loads at start stays in the old generation that every
 * full garbage collection marks.
 */
export async function newPdf(options?: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  return new PDFDocument(options);
}
