import { Injectable } from '@nestjs/common';
import { qrPng, qrSvg } from '../common/qr-code';
import { AppConfig } from '../config/app-config';
import { drawQrSheet } from './qr-sheet';

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

  /** The sheet of every live table's card, titled with the restaurant's name. */
  sheet(
    restaurantName: string,
    tables: Array<{ name: string; location: string; qrToken: string }>,
  ): Promise<Buffer> {
    return drawQrSheet(
      `${restaurantName}: table QR codes`,
      tables.map(({ name, location, qrToken }) => ({ name, location, url: this.urlFor(qrToken) })),
    );
  }
}
