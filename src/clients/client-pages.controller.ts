import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { BrowserAssets } from '../common/html/browser-assets';
import { startHtmlPage } from '../common/html/html-page';
import { AppConfig } from '../config/app-config';
import { renderClientPage } from './client-page';

/**
 * The web clients' pages. Public, because a page is only code: the kitchen screen pairs with a manager's code and
 * signs cooks in with their PIN, the pickup board reads its board by the token in its link.
 */
@ApiTags('clients')
@Controller()
export class ClientPagesController {
  constructor(
    private readonly config: AppConfig,
    private readonly assets: BrowserAssets,
  ) {}

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
    this.send(response, `Kitchen · ${this.config.restaurantName}`, 'clients/kitchen/main');
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
  pickup(@Res() response: Response): void {
    this.send(response, `Pickup · ${this.config.restaurantName}`, 'clients/pickup/main');
  }

  private send(response: Response, title: string, entry: string): void {
    const nonce = startHtmlPage(response);
    response.send(
      renderClientPage({
        title,
        nonce,
        scriptUrl: this.assets.scriptUrl(entry),
        stylesheetUrls: this.assets.stylesheetUrls(entry),
      }),
    );
  }
}
