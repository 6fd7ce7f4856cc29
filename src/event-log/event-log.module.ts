import { Global, Module } from '@nestjs/common';
import { CommitSignal } from './commit-signal';
import { Consumers } from './consumers/consumers.service';
import { EventFeed } from './event-feed';
import { EventLog } from './event-log.service';
import { EventRetention } from './event-retention';

/**
 * The event log, for every module that changes something clients must see, and the consumers that derive durable
 * jobs from it (webhook deliveries, print jobs): a low layer that knows no domain. Delivery to clients (socket.io,
 * REST catch-up) is the realtime module's, above the domains.
 */
@Global()
@Module({
  providers: [EventLog, EventFeed, CommitSignal, EventRetention, Consumers],
  exports: [EventLog, EventFeed, Consumers],
})
export class EventLogModule {}
