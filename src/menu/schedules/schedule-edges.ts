import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { Database } from '../../database/database.service';
import { EventLog } from '../../event-log/event-log.service';
import { EventType } from '../../event-log/event-type';
import { MenuService } from '../menu.service';
import { MenuScheduleEdge } from './menu-schedule.entity';
import { audienceOf } from '../../event-log/event-audiences';

/**
 * Raises `menu.updated {reason: "schedule"}` when the menu passes a window edge. Every instance sees the edge; the
 * edge's row in menu_schedule_edges, inserted with the event, makes the first one's the only one.
 */
@Injectable()
export class ScheduleEdges implements OnModuleInit {
  private readonly logger = new Logger(ScheduleEdges.name);

  constructor(
    private readonly menu: MenuService,
    private readonly database: Database,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.menu.onScheduleEdge((edge) => {
      this.announce(edge).catch((error: unknown) =>
        this.logger.error({ err: error, edge }, 'Announcing a menu schedule edge failed'),
      );
    });
  }

  /** Raises the edge's event unless an instance did already; answers whether this call raised it. */
  announce(edge: Date): Promise<boolean> {
    return this.database.transaction(async (tx) => {
      const row = Object.assign(new MenuScheduleEdge(), {
        edge: edge.toISOString(),
        announcedAt: this.clock.now(),
      });
      const inserted = await this.database.insertRows(
        tx,
        MenuScheduleEdge,
        row,
        'ON CONFLICT DO NOTHING RETURNING edge',
      );
      if (inserted.length === 0) return false;
      this.eventLog.append(tx, {
        type: EventType.MenuUpdated,
        data: { reason: 'schedule', edge: row.edge },
        audience: audienceOf(EventType.MenuUpdated),
      });
      return true;
    });
  }
}
