import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { BrowserAssets } from '../common/html/browser-assets';
import { startHtmlPage } from '../common/html/html-page';
import { AppConfig } from '../config/app-config';
import { glanceCatalogue } from '../i18n/pages/glance';
import { htmlLocaleAttributes, pageI18n, publicPageLanguage } from '../i18n/page-i18n';
import { renderDayAtAGlancePage } from './day-at-a-glance-page';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

@ApiTags('back-office')
@Controller('back-office')
export class DayAtAGlancePageController {
  constructor(
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
    private readonly assets: BrowserAssets,
  ) {}

  /** Public because the page is only code: its figures come from the reports API after the manager signs in. */
  @Get()
  @Public()
  @ApiOperation({
    summary:
      'The day at a glance (HTML): a manager signs in and sees the open business day’s sales by hour against the ' +
      'same weekday last week, the payment mix, the slowest dishes and stations, and voids and discounts by staff',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page', schema: { type: 'string' } })
  page(@Headers('accept-language') acceptLanguage: string | undefined, @Res() response: Response): void {
    const nonce = startHtmlPage(response);
    // The manager's browser says which language it reads; else the restaurant's.
    const language = publicPageLanguage(this.restaurant, acceptLanguage);
    response.send(
      renderDayAtAGlancePage({
        restaurantName: this.restaurant.name,
        i18n: pageI18n(this.restaurant, language, [glanceCatalogue]),
        locale: htmlLocaleAttributes(this.restaurant, language),
        nonce,
        scriptUrl: this.assets.scriptUrl('back-office/browser/day-at-a-glance'),
      }),
    );
  }
}
