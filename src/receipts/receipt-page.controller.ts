import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { startHtmlPage } from '../common/html/html-page';
import { qrSvg } from '../common/qr-code';
import { AppConfig } from '../config/app-config';
import { receiptCatalogue } from '../i18n/pages/receipt';
import { pageI18n, publicPageLanguage } from '../i18n/page-i18n';
import { renderReceiptNotFoundPage, renderReceiptPage } from './receipt-page';
import { ReceiptsService } from './receipts.service';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

/** The digital copy a receipt's QR code opens: no login, found only by its unguessable token. */
@ApiTags('public')
@Controller('r')
export class ReceiptPageController {
  constructor(
    private readonly receipts: ReceiptsService,
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
  ) {}

  @Get(':receiptToken')
  @Public()
  @ApiOperation({ summary: 'The digital copy of a receipt (HTML); a 404 page for an unknown token' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'HTML page: no receipt has this token', schema: { type: 'string' } })
  async page(
    @Param('receiptToken') token: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const nonce = startHtmlPage(response);
    const receipt = await this.receipts.byToken(token);
    // The guest's phone says which language it reads; else the restaurant's.
    const language = publicPageLanguage(this.restaurant, acceptLanguage);
    if (!receipt) {
      const i18n = pageI18n(this.restaurant, language, [receiptCatalogue]);
      response.status(404).send(renderReceiptNotFoundPage(this.restaurant.name, i18n, nonce));
      return;
    }
    response.send(
      renderReceiptPage(receipt, {
        restaurantName: this.restaurant.name,
        i18n: pageI18n(this.restaurant, language, [receiptCatalogue], receipt.currency),
        nonce,
        fiscalQrSvg: receipt.fiscal?.qrCode ? await qrSvg(receipt.fiscal.qrCode) : null,
      }),
    );
  }
}
