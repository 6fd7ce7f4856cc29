import { Global, Module } from '@nestjs/common';
import { CommitSignal } from './commit-signal';
import { EventFeed } from './event-feed';
import { EventLog } from './event-log.service';
import { EventRetention } from './event-retention';

/**
 * The event log, for every module that changes something clients must see: a low layer that knows no domain.
 * Delivery to clients (socket.io, REST catch-up) is the realtime module's, above the domains.
 */
@Global()
@Module({
  providers: [EventLog, EventFeed, CommitSignal, EventRetention],
  exports: [EventLog, EventFeed],
})
export class EventLogModule {}
