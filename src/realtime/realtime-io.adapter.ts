import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '../config/app-config';
import { RedisConnections, SUBSCRIBER } from '../redis/redis-connections';

/**
 * socket.io with the same CORS rule as HTTP: only CORS_ORIGINS, never `*`; with REDIS_URL, on the Redis adapter, so
 * socket.io's cross-instance operations (fetchSockets, serverSideEmit, a broadcast) reach every instance. Events
 * themselves are sent by each instance to its own sockets from its own tail of the log (`server.local`), which
 * keeps each socket's stream ordered and free of doubles through replays and reconnects.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly servers: Server[] = [];

  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  /**
   * Closes every socket's transport: a client sees "transport close" and reconnects by itself (to another instance
   * behind the load balancer), resuming with `since`; a server-side disconnect would tell it not to reconnect.
   */
  closeTransports(): void {
    for (const server of this.servers) server.engine.close();
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.app.get(AppConfig).corsOrigins;
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: origins.length > 0 ? origins : false },
    }) as Server;
    const redis = this.app.get(RedisConnections);
    // The adapter gets connections of its own: it subscribes to patterns that the commit signal need not hear.
    const publisher = redis.open('socket.io publisher');
    const subscriber = redis.open('socket.io subscriber', SUBSCRIBER);
    if (publisher && subscriber) server.adapter(createAdapter(publisher, subscriber));
    this.servers.push(server);
    return server;
  }
}
