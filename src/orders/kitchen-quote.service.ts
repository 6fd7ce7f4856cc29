import { Injectable } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import type { Orderable, OrderLine } from '../menu/menu-catalog';
import { MenuService } from '../menu/menu.service';
import { KitchenJob, minutesUntilReady } from './kitchen-quote';
import { OrderItem } from './order-item.entity';
import { COOKING, KITCHEN_ORDERS } from './kitchen.service';
import { ItemStatus } from './order-status';

const MINUTE_MS = 60_000;

/**
 * When new lines would be ready if ordered now, from what the kitchen has open (docs/fulfilment.md "The quote"):
 * what channels promise their customers.
 */
@Injectable()
export class KitchenQuoteService {
  constructor(
    private readonly database: Database,
    private readonly menu: MenuService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The time `lines` would be ready, rounded up to the minute: the kitchen's open lines (fired, not ready, of
   * orders it works on) and the new ones through the station model of minutesUntilReady, a combo's components
   * each at its own station. A line that could not be ordered now (an unknown or 86'd dish or variation, a dish
   * off its schedule) is the 422 ordering it would get, naming `items[i]`: nothing is promised that cannot be
   * sold. One indexed query and the menu kept in memory.
   */
  async readyAt(lines: readonly OrderLine[], now: Date): Promise<Date> {
    const resolved = await this.menu.orderables(lines);
    const problems: FieldProblem[] = resolved.flatMap((line, i) =>
      Array.isArray(line)
        ? line.map(({ field, message }) => ({ field: `items[${i}].${field}`, message }))
        : [],
    );
    if (problems.length > 0) throw DomainError.validation(problems);
    const added = (resolved as Orderable[]).flatMap((line) =>
      (line.components ?? [line]).map(({ stationId, prepMinutes }) => ({ stationId, minutes: prepMinutes })),
    );
    const minutes = minutesUntilReady(await this.openJobs(now), added, this.config.kitchenStationCapacity);
    return new Date(Math.ceil((now.getTime() + minutes * MINUTE_MS) / MINUTE_MS) * MINUTE_MS);
  }

  /** The kitchen's open lines as jobs: those in progress first, with the minutes they have left, then the queue. */
  private async openJobs(now: Date): Promise<KitchenJob[]> {
    const items = await this.database.reader.find(OrderItem, {
      select: { id: true, stationId: true, prepMinutes: true, status: true, startedAt: true, firedAt: true },
      where: { status: In(COOKING), firedAt: Not(IsNull()), order: { status: In(KITCHEN_ORDERS) } },
      // First come, first served: by firing time, then ticket number and line, as the tickets list them.
      order: { firedAt: 'ASC', order: { number: 'ASC' }, position: 'ASC' },
    });
    const started = (item: OrderItem) => item.status === ItemStatus.InProgress && item.startedAt !== null;
    return [...items.filter(started), ...items.filter((item) => !started(item))].map((item) => ({
      stationId: item.stationId,
      minutes: started(item)
        ? item.prepMinutes - (now.getTime() - item.startedAt!.getTime()) / MINUTE_MS
        : item.prepMinutes,
    }));
  }
}
