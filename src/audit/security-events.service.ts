import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { SecurityEventView } from './dto/security-event.view';
import { SecurityEvent, SecurityEventType } from './security-event.entity';

export interface SecurityEventInput {
  type: SecurityEventType;
  userId?: string | null;
  subject?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class SecurityEventsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Written inside the caller's transaction, so the event stands or falls with what it describes. */
  async record(manager: EntityManager, event: SecurityEventInput): Promise<void> {
    const row = manager.create(SecurityEvent, {
      id: randomUUID(),
      type: event.type,
      userId: event.userId ?? null,
      subject: event.subject ?? null,
      ip: event.ip ?? null,
      details: event.details ?? null,
      occurredAt: this.clock.now(),
    });
    await manager.save(SecurityEvent, row);
  }

  async list(query: PageQuery): Promise<Page<SecurityEventView>> {
    const [events, total] = await this.database.reader.getRepository(SecurityEvent).findAndCount({
      order: { occurredAt: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(events.map(SecurityEventView.of), total, query);
  }
}
