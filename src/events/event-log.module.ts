import { Global, Module } from '@nestjs/common';
import { EventFeed } from './event-feed';
import { EventLog } from './event-log.service';

/** The event log, for every module that changes something clients must see. */
@Global()
@Module({
  providers: [EventLog, EventFeed],
  exports: [EventLog, EventFeed],
})
export class EventLogModule {}
