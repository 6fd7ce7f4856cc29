import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { AppConfig } from '../config/app-config';
import { FloorService } from '../floor/floor.service';
import { TableMenus } from './table-menus';
import { BrowserAssets } from '../common/html/browser-assets';
import { startHtmlPage } from '../common/html/html-page';
import { QrBillNote } from './qr-bill-note';
import { renderQrMenuMain, renderQrMenuPage, renderQrNotFoundPage } from './qr-menu-page';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

class QrPageQuery {
  @ApiPropertyOptional({
    enum: ['menu'],
    description: 'menu: only the <main> with the menu, for live refreshes',
  })
  @IsOptional()
  @IsIn(['menu'])
  part?: 'menu';
}

/** The page a guest's phone opens from the table's QR code: server-rendered, live, no front-end framework. */
@ApiTags('public')
@Controller('t')
export class QrMenuPageController {
  constructor(
    private readonly floor: FloorService,
    private readonly tableMenus: TableMenus,
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
    private readonly assets: BrowserAssets,
    private readonly billNote: QrBillNote,
  ) {}

  @Get(':qrToken')
  @Public()
  @ApiOperation({
    summary: 'The customer menu page of a table (HTML); a friendly 404 page for unknown codes',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page', schema: { type: 'string' } })
  @ApiNotFoundResponse({
    description: 'HTML page: no table has this code (any more)',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  async page(
    @Param('qrToken') qrToken: string,
    @Query() query: QrPageQuery,
    @Res() response: Response,
  ): Promise<void> {
    const nonce = startHtmlPage(response);
    const table = await this.floor.tableByQrToken(qrToken);
    if (!table) {
      response.status(404).send(renderQrNotFoundPage(this.restaurant.name, nonce));
      return;
    }
    const menu = await this.tableMenus.of(table);
    if (query.part === 'menu') {
      response.send(renderQrMenuMain(menu, this.restaurant.currency, this.config.qrOrdering).value);
      return;
    }
    response.send(
      renderQrMenuPage({
        restaurantName: this.restaurant.name,
        tableName: table.name,
        qrToken,
        currency: this.restaurant.currency,
        menu,
        nonce,
        scriptUrl: this.assets.scriptUrl('public/browser/qr-page'),
        ordering: this.config.qrOrdering,
        totalNote: await this.billNote.note(),
      }),
    );
  }
}
