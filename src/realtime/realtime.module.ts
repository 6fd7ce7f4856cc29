import { KitchenModule } from '../kitchen/kitchen.module';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FloorModule } from '../floor/floor.module';
import { SecurityModule } from '../security/security.module';
import { EventsController } from './events.controller';
import { RealtimeGateway } from './realtime.gateway';
import { SocketAuthenticator } from './socket-authenticator';

/** Delivery of the event log to clients: the socket.io gateway and REST catch-up, beside the HTTP controllers. */
@Module({
  imports: [AuthModule, FloorModule, KitchenModule, SecurityModule],
  controllers: [EventsController],
  providers: [RealtimeGateway, SocketAuthenticator],
})
export class RealtimeModule {}
