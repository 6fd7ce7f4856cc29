import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EventLog } from './event-log.service';

const PRUNE_EVERY_MS = 60 * 60_000;

/** Keeps the event log to EVENT_RETENTION_DAYS: prunes at start and then hourly. */
@Injectable()
export class EventRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly eventLog: EventLog,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.prune();
    this.timer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async prune(): Promise<void> {
    try {
      const removed = await this.eventLog.prune(this.config.eventRetentionMs);
      if (removed > 0) this.logger.log({ removed }, 'Pruned old events');
    } catch (error) {
      this.logger.error({ err: error }, 'Pruning the event log failed');
    }
  }
}
