import { Injectable } from '@nestjs/common';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
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
import { DishVariation } from './menu.entities';
import { changedFields, refuseHqOwned } from '../common/errors/managed-by-hq';
import { MenuChangeLog } from './menu-change-log';

/** A dish's variations (sizes, portions) and their prices. */
@Injectable()
export class DishVariationsService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly clock: Clock,
  ) {}

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
