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
