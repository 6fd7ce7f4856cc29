import { Global, Module } from '@nestjs/common';
import { RedisConnections } from './redis-connections';

/** Redis when REDIS_URL is set: shared by the event feed's commit signal and socket.io's adapter. */
@Global()
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
