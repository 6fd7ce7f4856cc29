import QRCode from 'qrcode';

/**
 * QR codes of URLs, one look for all: error correction M (a smudged print still reads), a quiet zone of 2 modules.
 * PNG is 512 px wide, for printing; SVG scales.
 */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 });
}

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
