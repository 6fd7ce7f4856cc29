import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FloorModule } from '../floor/floor.module';
import { EventRetention } from './event-retention';
import { EventsController } from './events.controller';
import { RealtimeGateway } from './realtime.gateway';
import { SocketAuthenticator } from './socket-authenticator';

/** The client side of the event log: the socket.io gateway, REST catch-up and retention. */
@Module({
  imports: [AuthModule, FloorModule],
  controllers: [EventsController],
  providers: [RealtimeGateway, SocketAuthenticator, EventRetention],
})
export class RealtimeModule {}
