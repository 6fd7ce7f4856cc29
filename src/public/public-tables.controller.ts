import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../common/access/access.decorators';
import { ErrorBody } from '../common/errors/error-body';
import { RateLimit } from '../rate-limit/rate-limit.guard';
import { PublicService } from './public.service';
import { PublicTableView, WaiterCalledView } from './public.views';

/** Per guest device at a table, and per table: one guest cannot flood the floor, nor can a whole party. */
const perTokenAndIp = (request: Request) => {
  const token = String(request.params.qrToken);
  return [
    { bucket: `ip:${request.ip ?? 'unknown'}:${token}`, limit: 3 },
    { bucket: `token:${token}`, limit: 10 },
  ];
};

@ApiTags('public')
@Controller('public/tables/:qrToken')
export class PublicTablesController {
  constructor(private readonly publicTables: PublicService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The table behind a QR code, and the menu' })
  @ApiOkResponse({ type: PublicTableView })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown, rotated or retired QR token' })
  table(@Param('qrToken') qrToken: string): Promise<PublicTableView> {
    return this.publicTables.tableWithMenu(qrToken);
  }

  @Post('call-waiter')
  @Public()
  @HttpCode(202)
  @RateLimit({ name: 'call-waiter', windowSeconds: 120, buckets: perTokenAndIp })
  @ApiOperation({ summary: 'Ask for a waiter: raises waiter.called to waiters and managers' })
  @ApiAcceptedResponse({ type: WaiterCalledView })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown, rotated or retired QR token' })
  callWaiter(@Param('qrToken') qrToken: string): Promise<WaiterCalledView> {
    return this.publicTables.callWaiter(qrToken);
  }
}
