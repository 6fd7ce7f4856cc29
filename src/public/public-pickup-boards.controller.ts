import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/access/access.decorators';
import { ErrorBody } from '../common/errors/error-body';
import { ApiRevalidated, sendRevalidated } from '../common/http/revalidated';
import { PickupBoardDisplayView } from '../pickup-boards/dto/pickup-board.views';
import { PickupBoardsService } from '../pickup-boards/pickup-boards.service';
import { RateLimit } from '../rate-limit/rate-limit.guard';
import { perTokenAndIp } from './guest-rate-limits';

/**
 * A board polls every 2 seconds (30 a minute): a screen may poll four times that, and a board's token may be open
 * on twenty screens, before either is refused.
 */
const PER_SCREEN_PER_MINUTE = 120;
const PER_BOARD_PER_MINUTE = 600;

@ApiTags('public')
@Controller('public/pickup-boards/:token')
export class PublicPickupBoardsController {
  constructor(private readonly boards: PickupBoardsService) {}

  @Get()
  @Public()
  @RateLimit({
    name: 'pickup-board',
    windowSeconds: 60,
    buckets: perTokenAndIp('token', PER_SCREEN_PER_MINUTE, PER_BOARD_PER_MINUTE),
  })
  @ApiOperation({
    summary: 'A pickup board: the numbers of takeaway and channel orders preparing and ready (no login)',
    description:
      'Takeaway and delivery orders (own and channels’) of the open business day, oldest first: `preparing` once ' +
      'accepted (not a pending order awaiting acceptance) while something still cooks; `ready` once every item ' +
      'is ready, until served, picked up, out for delivery, closed or cancelled. Order numbers only, never a ' +
      'name or anything else about the customer. The board page polls this every 2 seconds: send the last ' +
      '`ETag` in If-None-Match and a board with nothing new answers 304 without a body. Rate limited per screen ' +
      `(${PER_SCREEN_PER_MINUTE} a minute per address and token) and per board (${PER_BOARD_PER_MINUTE} a minute).`,
  })
  @ApiRevalidated(PickupBoardDisplayView)
  @ApiNotFoundResponse({
    type: ErrorBody,
    description: 'NOT_FOUND: a token of no board (revoked, or never made)',
  })
  async board(
    @Param('token') token: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    sendRevalidated(response, await this.boards.display(token), ifNoneMatch);
  }
}
