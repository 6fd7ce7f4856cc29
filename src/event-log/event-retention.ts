import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { EventLog } from './event-log.service';

const PRUNE_EVERY_MS = 60 * 60_000;

/** Keeps the event log to EVENT_RETENTION_DAYS: prunes at start and then hourly. */
@Injectable()
export class EventRetention implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventRetention.name);

  constructor(
    private readonly eventLog: EventLog,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.prune();
  }

  @Interval(PRUNE_EVERY_MS)
  async prune(): Promise<void> {
    try {
      const removed = await this.eventLog.prune(this.config.eventRetentionMs);
      if (removed > 0) this.logger.log({ removed }, 'Pruned old events');
    } catch (error) {
      this.logger.error({ err: error }, 'Pruning the event log failed');
    }
  }
}
