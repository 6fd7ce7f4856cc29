import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { DomainError } from '../common/errors/domain-error';
import { ErrorBody } from '../common/errors/error-body';
import { ErrorCode } from '../common/errors/error-code';
import { BrowserAssets } from '../common/html/browser-assets';
import { startHtmlPage } from '../common/html/html-page';
import { screensCatalogue } from '../i18n/pages/screens';
import type { Language } from '../i18n/languages';
import { htmlLocaleAttributes, pageI18n, publicPageLanguage, restaurantLanguage } from '../i18n/page-i18n';
import { renderClientPage } from './client-page';
import { AppConfig } from '../config/app-config';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

const KITCHEN_APP = 'clients/kitchen/main';
const WAITER_APP = 'clients/waiter/main';
const APP_SHELL_WORKER = 'clients/shared/app-shell-worker';
const BACK_OFFICE_APP = 'clients/back-office/main';

/**
 * The web clients' pages. Public, because a page is only code: the kitchen screen pairs with a manager's code and
 * signs cooks in with their PIN, the waiter tablet signs waiters in with theirs, the pickup board reads its board
 * by the token in its link, the back office signs managers in with their password.
 */
@ApiTags('clients')
@Controller()
export class ClientPagesController {
  constructor(
    private readonly restaurant: RestaurantProfile,
    private readonly assets: BrowserAssets,
    private readonly config: AppConfig,
  ) {}

  @Get('back-office')
  @Public()
  @ApiOperation({
    summary:
      'The back office (HTML): a manager or admin signs in with password and second factor; the day at a glance, ' +
      'and a setup guide that takes an empty restaurant to its first order',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page', schema: { type: 'string' } })
  backOffice(@Res() response: Response): void {
    this.send(response, 'backOffice', restaurantLanguage(this.restaurant), BACK_OFFICE_APP);
  }

  @Get('kitchen')
  @Public()
  @ApiOperation({
    summary:
      'The kitchen screen (HTML): paired once with a manager’s code, then cooks sign in with their PIN and work the ' +
      'tickets of the screen’s stations live',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page', schema: { type: 'string' } })
  kitchen(@Res() response: Response): void {
    this.send(response, 'kitchen', restaurantLanguage(this.restaurant), KITCHEN_APP);
  }

  @Get('pickup')
  @Public()
  @ApiOperation({
    summary:
      'The pickup board (HTML), opened from a board’s link (`?board=<token>`): takeaway and channel order numbers, ' +
      'preparing and ready',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page', schema: { type: 'string' } })
  pickup(@Headers('accept-language') acceptLanguage: string | undefined, @Res() response: Response): void {
    // A public page: the TV's browser says which language it reads.
    this.send(response, 'pickup', publicPageLanguage(this.restaurant, acceptLanguage), 'clients/pickup/main');
  }

  @Get('waiter')
  @Public()
  @ApiOperation({
    summary:
      'The waiter tablet (HTML): PIN sign-in, the floor live, taking orders, the check, split and payments; writes ' +
      'made offline wait in an outbox and are sent once the connection is back',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page', schema: { type: 'string' } })
  waiter(@Res() response: Response): void {
    this.send(response, 'waiter', restaurantLanguage(this.restaurant), WAITER_APP);
  }

  @Get('waiter-sw.js')
  @Public()
  @ApiOperation({
    summary:
      'The waiter tablet’s service worker: the app’s files for this build, so the tablet starts without the network',
  })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'JavaScript', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'NOT_FOUND: the browser scripts were not built' })
  waiterServiceWorker(@Res() response: Response): void {
    this.sendServiceWorker(response, '/waiter', WAITER_APP);
  }

  @Get('kitchen-sw.js')
  @Public()
  @ApiOperation({
    summary:
      'The kitchen screen’s service worker: the app’s files for this build, so a screen reloaded during a drop ' +
      'starts with its last tickets',
  })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'JavaScript', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'NOT_FOUND: the browser scripts were not built' })
  kitchenServiceWorker(@Res() response: Response): void {
    this.sendServiceWorker(response, '/kitchen', KITCHEN_APP);
  }

  /** The one app-shell worker, told which page it keeps (`shell`) and that page's files for this build. */
  private sendServiceWorker(response: Response, shell: string, entry: string): void {
    const script = this.assets.scriptText(APP_SHELL_WORKER);
    if (script === null) throw new DomainError(ErrorCode.NotFound, 'The browser scripts were not built');
    // A new build is a new worker at once: the browser checks this address on every start of the app.
    response.setHeader('Cache-Control', 'no-cache');
    response.type('text/javascript');
    response.send(
      `self.SHELL = ${JSON.stringify(shell)};\n` +
        `self.PRECACHE = ${JSON.stringify(this.assets.urlsOf(entry))};\n` +
        `self.CACHE_NAME = ${JSON.stringify(`${shell.slice(1)}-${this.assets.fingerprint}`)};\n${script}`,
    );
  }

  /**
   * A staff screen starts in the restaurant's language, then its device's own choice (the screen's switch) wins;
   * the pickup board reads the browser's.
   */
  private send(
    response: Response,
    page: 'backOffice' | 'kitchen' | 'pickup' | 'waiter',
    language: Language,
    entry: string,
  ): void {
    const nonce = startHtmlPage(response);
    const { t } = pageI18n(this.restaurant, language, [screensCatalogue]);
    response.send(
      renderClientPage({
        title: t(`clientPages.${page}`, { restaurant: this.restaurant.name }),
        locale: htmlLocaleAttributes(this.restaurant, language),
        nonce,
        scriptUrl: this.assets.scriptUrl(entry),
        stylesheetUrls: this.assets.stylesheetUrls(entry),
        serviceRole: this.config.role,
      }),
    );
  }
}
