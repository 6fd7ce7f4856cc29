import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { ApiRevalidated, sendRevalidated } from '../common/http/revalidated';
import { MenuView } from './dto/menu.views';
import { MenuService } from './menu.service';

@ApiTags('menu')
@Controller('menu')
export class MenuController {
  constructor(private readonly menu: MenuService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'The menu as guests see it: what can be ordered now',
    description:
      'Active categories with their available dishes and variations; empty dishes and categories are left out. ' +
      'Categories and variations by sortOrder then name, dishes by name. Revalidate with If-None-Match.',
  })
  @ApiRevalidated(MenuView)
  async get(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    sendRevalidated(response, await this.menu.rendered(), ifNoneMatch);
  }
}
