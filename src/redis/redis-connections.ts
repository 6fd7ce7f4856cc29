import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * For a connection that subscribes: ioredis 5 may send its ready check (INFO) after a SUBSCRIBE made while
 * connecting, then refuses it in subscriber mode, the connection starts over and its subscriptions were lost (an
 * instance of the two-instance bench heard no commit, about one start in five; ioredis issue 2037). A subscriber
 * needs no ready check.
 */
export const SUBSCRIBER: RedisOptions = { enableReadyCheck: false };

/**
 * The Redis connections of this instance when REDIS_URL is set (none otherwise): one for commands and publishing,
 * one for subscriptions (a subscribed connection can do nothing else). ioredis, not node-redis: it restores its
 * subscriptions after a reconnect, which socket.io's adapter documentation warns node-redis does not.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnections.name);
  private readonly opened: Redis[] = [];
  readonly publisher: Redis | null;
  readonly subscriber: Redis | null;

  constructor(private readonly config: AppConfig) {
    this.publisher = this.open('publisher');
    this.subscriber = this.open('subscriber', SUBSCRIBER);
  }

  /**
   * Another connection, for a user that needs its own (socket.io's adapter) or other options (the rate-limit
   * counters fail fast, subscribers take SUBSCRIBER); closed at shutdown with the rest.
   */
  open(role: string, options: RedisOptions = {}): Redis | null {
    if (!this.config.redisUrl) return null;
    const client = new (loadIoredis())(this.config.redisUrl, { maxRetriesPerRequest: null, ...options });
    // ioredis reconnects by itself; an unhandled 'error' event would end the process.
    client.on('error', (error: Error) => this.logger.warn({ err: error, role }, 'Redis connection error'));
    this.opened.push(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for Redis to answer; a connection that is not up would wait for ever.
    const up = this.opened.filter((client) => client.status === 'ready');
    for (const client of this.opened) if (!up.includes(client)) client.disconnect();
    await Promise.all(up.map((client) => client.quit().catch(() => undefined)));
  }
}

/**
 * ioredis, loaded only where REDIS_URL is set: a restaurant on one box (and every test that boots the service)
 * does not pay its half second of loading at each start.
 */
function loadIoredis(): typeof Redis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on use, see above
  return require('ioredis') as typeof Redis;
}
