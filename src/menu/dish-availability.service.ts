import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/access/principal';
import { ALL_ROLES } from '../common/access/role';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { loadDishView } from './dish-loader';
import { auditedVariation, findLiveDish, findVariation, liveVariations } from './dish-rows';
import { DishView } from './dto/menu.views';
import { MenuChangeLog } from './menu-change-log';

/** Whether a dish or one of its variations can be ordered ("86"): announced to everyone who shows the menu. */
@Injectable()
export class DishAvailabilityService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  setDishAvailability(principal: Principal, id: string, available: boolean): Promise<DishView> {
    return this.database.transaction(async (tx) => {
      const dish = await findLiveDish(tx.manager, id, this.database.forUpdate);
      if (dish.available === available) return loadDishView(tx.manager, dish);
      const before = await loadDishView(tx.manager, dish);
      dish.available = available;
      dish.updatedAt = this.clock.now();
      await tx.manager.save(dish);
      const after = await loadDishView(tx.manager, dish);
      this.announceAvailability(tx, { dishId: id, available });
      await this.changes.record(tx, principal, {
        action: 'dish.availability_changed',
        entityType: 'dish',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  setVariationAvailability(
    principal: Principal,
    dishId: string,
    variationId: string,
    available: boolean,
  ): Promise<DishView> {
    return this.database.transaction(async (tx) => {
      const dish = await findLiveDish(tx.manager, dishId, this.database.forUpdate);
      const variation = findVariation(await liveVariations(tx.manager, dishId), variationId);
      if (variation.available !== available) {
        const before = auditedVariation(variation);
        variation.available = available;
        variation.updatedAt = this.clock.now();
        await tx.manager.save(variation);
        this.announceAvailability(tx, { dishId, variationId, available });
        await this.changes.record(tx, principal, {
          action: 'variation.availability_changed',
          entityType: 'variation',
          entityId: variationId,
          before,
          after: {
            ...auditedVariation(variation),
          },
        });
      }
      return loadDishView(tx.manager, dish);
    });
  }

  private announceAvailability(
    tx: Tx,
    data: { dishId: string; variationId?: string; available: boolean },
  ): void {
    this.eventLog.append(tx, {
      type: EventType.MenuAvailabilityChanged,
      data,
      audience: { roles: [...ALL_ROLES], customers: 'all', integrations: true },
    });
  }
}
