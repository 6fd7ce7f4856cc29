import { Injectable } from '@nestjs/common';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { loadDishView } from './dish-loader';
import { findLiveDish, findVariation, liveVariations, variationAudit } from './dish-rows';
import { DishView } from './dto/menu.views';
import { MenuChangeLog } from './menu-change-log';

/** Whether a dish or one of its variations can be ordered ("86"): announced to everyone who shows the menu. */
@Injectable()
export class DishAvailabilityService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
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
        change: async () => {
          dish.available = available;
          dish.updatedAt = this.clock.now();
          await this.changes.announceAvailability(tx, { dishId: id, available });
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
          ...variationAudit(dish),
          change: async () => {
            const changed = variation.available !== available;
            variation.available = available;
            // A person's word replaces the count's: a restock no longer brings back what they 86'd.
            variation.soldOut = false;
            variation.updatedAt = this.clock.now();
            if (changed) await this.changes.announceAvailability(tx, { dishId, variationId, available });
          },
        });
      }
      return loadDishView(tx.manager, dish);
    });
  }
}
