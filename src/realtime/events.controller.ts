import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Scopes } from '../common/access/access.decorators';
import { Scope } from '../common/access/scope';
import type { Principal } from '../common/access/principal';
import { EventCatchUpQuery, EventCatchUpView } from './event-catch-up.dto';
import { EventLog, mustResync } from '../event-log/event-log.service';
import { viewerOf } from '../visibility/viewer';
import { visibleTo } from '../visibility/visibility';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly eventLog: EventLog) {}

  @Get()
  @Scopes(Scope.EventsRead)
  @ApiOperation({
    summary: 'Catch up on the event log over REST: the same events, envelopes and visibility as the socket',
  })
  @ApiOkResponse({ type: EventCatchUpView })
  async catchUp(
    @CurrentPrincipal() principal: Principal,
    @Query() query: EventCatchUpQuery,
  ): Promise<EventCatchUpView> {
    const bounds = await this.eventLog.bounds();
    if (mustResync(query.since, bounds)) {
      return { items: [], nextSince: bounds.lastSeq, lastSeq: bounds.lastSeq, resyncRequired: true };
    }
    const scanned = await this.eventLog.after(query.since, query.limit);
    const viewer = viewerOf(principal);
    return {
      items: scanned.map((event) => visibleTo(event, viewer)).filter((envelope) => envelope !== null),
      nextSince: scanned.at(-1)?.seq ?? query.since,
      lastSeq: bounds.lastSeq,
      resyncRequired: false,
    };
  }
}
