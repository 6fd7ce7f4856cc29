import { Injectable } from '@nestjs/common';
import { auditedChange } from '../audit/audited-change';
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

export interface AvailabilityChange {
  dishId: string;
  variationId?: string;
  available: boolean;
}

/** menu.availability_changed, for everyone who shows the menu; every instance replaces the menu it keeps. */
export function announceAvailability(eventLog: EventLog, tx: Tx, data: AvailabilityChange): void {
  eventLog.append(tx, {
    type: EventType.MenuAvailabilityChanged,
    data: { ...data },
    audience: { roles: [...ALL_ROLES], customers: 'all', integrations: true },
  });
}

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
      return auditedChange(tx, this.changes, principal, dish, {
        action: 'dish.availability_changed',
        entityType: 'dish',
        view: (row) => loadDishView(tx.manager, row),
        change: () => {
          dish.available = available;
          dish.updatedAt = this.clock.now();
          announceAvailability(this.eventLog, tx, { dishId: id, available });
        },
      });
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
      const live = await liveVariations(tx.manager, dishId, this.database.forUpdate);
      const variation = findVariation(live, variationId);
      if (variation.available !== available || variation.soldOut) {
        await auditedChange(tx, this.changes, principal, variation, {
          action: 'variation.availability_changed',
          entityType: 'variation',
          view: auditedVariation,
          change: () => {
            const changed = variation.available !== available;
            variation.available = available;
            // A person's word replaces the count's: a restock no longer brings back what they 86'd.
            variation.soldOut = false;
            variation.updatedAt = this.clock.now();
            if (changed) announceAvailability(this.eventLog, tx, { dishId, variationId, available });
          },
        });
      }
      return loadDishView(tx.manager, dish);
    });
  }
}
