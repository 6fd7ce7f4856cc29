import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { AppConfig } from '../config/app-config';

/** QR codes of table URLs, `PUBLIC_BASE_URL/t/<qrToken>`, ready to print. */
@Injectable()
export class QrCodeService {
  constructor(private readonly config: AppConfig) {}

  urlFor(qrToken: string): string {
    return `${this.config.publicBaseUrl}/t/${qrToken}`;
  }

  png(qrToken: string): Promise<Buffer> {
    return QRCode.toBuffer(this.urlFor(qrToken), {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 512,
    });
  }

  svg(qrToken: string): Promise<string> {
    return QRCode.toString(this.urlFor(qrToken), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }
}
