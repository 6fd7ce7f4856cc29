import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { MenuView } from './dto/menu.views';
import { ifNoneMatchHits, MenuService } from './menu.service';

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
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier reply' })
  @ApiOkResponse({
    type: MenuView,
    headers: {
      ETag: { description: 'Strong: the quoted SHA-256 hex of the body', schema: { type: 'string' } },
      'Cache-Control': { description: 'no-cache', schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match matched the current ETag; no body' })
  async get(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const { body, etag } = await this.menu.rendered();
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'no-cache');
    if (ifNoneMatchHits(ifNoneMatch, etag)) {
      response.status(304).end();
      return;
    }
    // The body is bytes made once per menu: sent as they are, without express's send() re-encoding them.
    response.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Length', body.length);
    response.end(body);
  }
}
