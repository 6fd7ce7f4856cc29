import { Injectable } from '@nestjs/common';
import { qrPng, qrSvg } from '../common/qr-code';
import { AppConfig } from '../config/app-config';

/** QR codes of table URLs, `PUBLIC_BASE_URL/t/<qrToken>`, ready to print. */
@Injectable()
export class QrCodeService {
  constructor(private readonly config: AppConfig) {}

  urlFor(qrToken: string): string {
    return `${this.config.publicBaseUrl}/t/${qrToken}`;
  }

  png(qrToken: string): Promise<Buffer> {
    return qrPng(this.urlFor(qrToken));
  }

  svg(qrToken: string): Promise<string> {
    return qrSvg(this.urlFor(qrToken));
  }
}
