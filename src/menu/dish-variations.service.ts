import { Injectable, OnModuleInit } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { RESTAURANT_LANGUAGE_CHANGED, type RestaurantLanguageChanged } from '../restaurant/restaurant-facts';
import { seededRename } from '../restaurant/seeded-names';
import {
  findLiveDish,
  findVariation,
  liveVariations,
  markDeleted,
  newVariation,
  sameName,
  variationAudit,
} from './dish-rows';
import { CreateVariationInput, UpdateVariationInput } from './dto/menu.inputs';
import { VariationView } from './dto/menu.views';
import { Dish, DishVariation } from './menu.entities';
import { changedFields, refuseHqOwned } from '../common/errors/managed-by-hq';
import { MenuChangeLog } from './menu-change-log';

/** A dish's variations (sizes, portions) and their prices. */
@Injectable()
export class DishVariationsService implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.eventLog.on(RESTAURANT_LANGUAGE_CHANGED, (tx, fact) => this.renameDefaultVariations(tx, fact));
  }

  /**
   * A single-priced dish's own variation, still named as the service named it ("Regular"), follows the restaurant's
   * language ("Standard"); a dish with sizes, a name the restaurant typed and one headquarters owns keep theirs.
   */
  private async renameDefaultVariations(tx: Tx, { from, to, by }: RestaurantLanguageChanged): Promise<void> {
    const names = seededRename('defaultVariation', from, to);
    const named = await tx.manager.find(DishVariation, {
      where: { name: names.from, deletedAt: IsNull(), hqKey: IsNull() },
      order: { id: 'ASC' },
      ...this.database.forUpdate,
    });
    if (named.length === 0) return;
    const siblings = await tx.manager.find(DishVariation, {
      select: { id: true, dishId: true },
      where: { dishId: In([...new Set(named.map((variation) => variation.dishId))]), deletedAt: IsNull() },
    });
    const alone = named.filter(
      (variation) => siblings.filter((s) => s.dishId === variation.dishId).length === 1,
    );
    // The dishes' names only, for the entries' subjects ("Burger (Standard)"): nothing of them is changed.
    const dishes = await tx.manager.find(Dish, {
      select: { id: true, name: true },
      where: { id: In([...new Set(alone.map((variation) => variation.dishId))]) },
    });
    for (const variation of alone) {
      await auditedChange(tx, this.changes, by, variation, {
        action: 'variation.updated',
        ...variationAudit(dishes.find((dish) => dish.id === variation.dishId)!),
        change: () => void Object.assign(variation, { name: names.to, updatedAt: this.clock.now() }),
      });
    }
  }

  async list(dishId: string, query: PageQuery): Promise<Page<VariationView>> {
    await findLiveDish(this.database.reader, dishId);
    const variations = (await liveVariations(this.database.reader, dishId)).map(VariationView.of);
    return pageOf(variations.slice(query.skip, query.skip + query.perPage), variations.length, query);
  }

  create(principal: Principal, dishId: string, input: CreateVariationInput): Promise<VariationView> {
    return this.database.transaction(async (tx) => {
      const dish = await findLiveDish(tx.manager, dishId, this.database.forUpdate);
      refuseHqOwned(dish, 'dish', ['variations']);
      const live = await liveVariations(tx.manager, dishId);
      assertNameFree(live, input.name);
      const variation = await tx.manager.save(newVariation(tx.manager, dishId, input, this.clock.now()));
      const audit = variationAudit(dish);
      const after = audit.view(variation);
      await this.changes.record(tx, principal, {
        action: 'variation.created',
        entityType: audit.entityType,
        entityId: variation.id,
        subject: audit.subject(after),
        after,
      });
      return VariationView.of(variation);
    });
  }

  update(
    principal: Principal,
    dishId: string,
    variationId: string,
    input: UpdateVariationInput,
  ): Promise<VariationView> {
    return this.database.transaction(async (tx) => {
      const dish = await findLiveDish(tx.manager, dishId, this.database.forUpdate);
      const live = await liveVariations(tx.manager, dishId, this.database.forUpdate);
      const variation = findVariation(live, variationId);
      refuseHqOwned(variation, 'variation', changedFields(variation, input, ['name', 'price', 'sortOrder']));
      await auditedChange(tx, this.changes, principal, variation, {
        action: (before, after) =>
          before.price !== after.price ? 'variation.price_changed' : 'variation.updated',
        ...variationAudit(dish),
        change: () => {
          if (input.name !== undefined && input.name !== variation.name) {
            assertNameFree(
              live.filter((other) => other.id !== variation.id),
              input.name,
            );
            variation.name = input.name;
          }
          if (input.price !== undefined) variation.price = input.price;
          if (input.sortOrder !== undefined) variation.sortOrder = input.sortOrder;
          variation.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
      return VariationView.of(variation);
    });
  }

  /** Soft delete; a dish keeps at least one live variation. */
  remove(principal: Principal, dishId: string, variationId: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const dish = await findLiveDish(tx.manager, dishId, this.database.forUpdate);
      const live = await liveVariations(tx.manager, dishId, this.database.forUpdate);
      const variation = findVariation(live, variationId);
      refuseHqOwned(variation, 'variation', ['delete']);
      if (live.length <= 1) {
        throw new DomainError(
          ErrorCode.Conflict,
          'This is the last variation of the dish; add another first, or delete the dish',
        );
      }
      await auditedChange(tx, this.changes, principal, variation, {
        action: 'variation.deleted',
        ...variationAudit(dish),
        remove: async () => {
          markDeleted(variation, this.clock.now());
          await tx.manager.save(variation);
        },
      });
    });
  }
}

function assertNameFree(variations: DishVariation[], name: string): void {
  if (variations.some((variation) => sameName(variation.name, name))) {
    throw new DomainError(ErrorCode.Conflict, `The dish already has a variation named "${name}"`);
  }
}
