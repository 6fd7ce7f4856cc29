import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere, In, IsNull } from 'typeorm';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { TaxRatesService } from '../taxes/tax-rates.service';
import { loadDishView, loadDishViews } from './dish-loader';
import { assertDistinctNames, findLiveDish, markDeleted, newDish, newVariation } from './dish-rows';
import { CreateDishInput, CreateVariationInput, DishListQuery, UpdateDishInput } from './dto/menu.inputs';
import { DishView } from './dto/menu.views';
import {
  Category,
  Dish,
  DishIngredient,
  DishModifierGroup,
  Ingredient,
  ModifierGroup,
  Station,
} from './menu.entities';
import { changedFields, refuseHqOwned } from '../common/errors/managed-by-hq';
import { MenuChangeLog } from './menu-change-log';
import { checkedCombo } from './combos';
import { MenuSchedulesService } from './schedules/menu-schedules.service';
import { defaultVariationName } from './line-names';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

/** What headquarters' catalog says of a dish from it; the site keeps the rest (prep time, taxes, schedule...). */
const HQ_OWNED_DISH_FIELDS = ['name', 'description', 'categoryId', 'stationId'] as const;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Dishes: their details, the ingredients they use, the variations they start with, the modifier groups they offer. */
@Injectable()
export class DishesService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly taxRates: TaxRatesService,
    private readonly schedules: MenuSchedulesService,
    private readonly profile: RestaurantProfile,
    private readonly clock: Clock,
  ) {}

  /** Row lock that lets others read but not delete or change the row: for categories, stations, ingredients in use. */
  private get forShare(): { lock?: { mode: 'pessimistic_read' } } {
    return this.database.kind === 'postgres' ? { lock: { mode: 'pessimistic_read' } } : {};
  }

  async list(query: DishListQuery): Promise<Page<DishView>> {
    const where: FindOptionsWhere<Dish> = { deletedAt: IsNull() };
    if (query.categoryId !== undefined) where.categoryId = query.categoryId;
    if (query.stationId !== undefined) where.stationId = query.stationId;
    const [dishes, total] = await this.database.reader.findAndCount(Dish, {
      where,
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(await loadDishViews(this.database.reader, dishes), total, query);
  }

  async get(id: string): Promise<DishView> {
    return loadDishView(this.database.reader, await findLiveDish(this.database.reader, id));
  }

  create(principal: Principal, input: CreateDishInput): Promise<DishView> {
    const variations = this.initialVariations(input);
    const ingredientIds = unique(input.ingredientIds ?? []);
    const modifierGroupIds = unique(input.modifierGroupIds ?? []);
    const taxRateIds = unique(input.taxRateIds ?? []);
    return this.database.transaction(async (tx) => {
      await this.taxRates.assertActiveList(tx.manager, taxRateIds, 'taxRateIds');
      if (input.scheduleId) await this.schedules.assertExists(tx.manager, input.scheduleId, 'scheduleId');
      await this.assertReferences(tx.manager, {
        categoryId: input.categoryId,
        stationId: input.stationId ?? null,
        ingredientIds,
        modifierGroupIds,
      });
      const combo = input.combo ? await checkedCombo(tx.manager, null, input.combo) : null;
      const now = this.clock.now();
      const dish = await tx.manager.save(
        newDish(
          tx.manager,
          {
            name: input.name,
            description: input.description,
            categoryId: input.categoryId,
            stationId: input.stationId,
            prepMinutes: input.prepMinutes,
            taxRateIds,
            combo,
            scheduleId: input.scheduleId,
          },
          now,
        ),
      );
      for (const variation of variations) {
        await tx.manager.save(newVariation(tx.manager, dish.id, variation, now));
      }
      await this.linkIngredients(tx.manager, dish.id, ingredientIds);
      await this.offerModifierGroups(tx.manager, dish.id, modifierGroupIds);
      const after = await loadDishView(tx.manager, dish);
      await this.changes.record(tx, principal, {
        action: 'dish.created',
        entityType: 'dish',
        entityId: dish.id,
        after,
      });
      return after;
    });
  }

  update(principal: Principal, id: string, input: UpdateDishInput): Promise<DishView> {
    return this.database.transaction(async (tx) => {
      const dish = await findLiveDish(tx.manager, id, this.database.forUpdate);
      refuseHqOwned(dish, 'dish', changedFields(dish, input, HQ_OWNED_DISH_FIELDS));
      const ingredientIds = input.ingredientIds === undefined ? undefined : unique(input.ingredientIds);
      const modifierGroupIds =
        input.modifierGroupIds === undefined ? undefined : unique(input.modifierGroupIds);
      const taxRateIds = input.taxRateIds && unique(input.taxRateIds);
      if (taxRateIds) await this.taxRates.assertActiveList(tx.manager, taxRateIds, 'taxRateIds');
      if (input.scheduleId) await this.schedules.assertExists(tx.manager, input.scheduleId, 'scheduleId');
      await this.assertReferences(tx.manager, {
        categoryId: input.categoryId,
        stationId: input.stationId ?? undefined,
        ingredientIds,
        modifierGroupIds,
      });
      const combo = input.combo && (await checkedCombo(tx.manager, id, input.combo));
      if (combo !== undefined && !sameJson(combo, dish.combo)) refuseHqOwned(dish, 'dish', ['combo']);
      return auditedChange(tx, this.changes, principal, dish, {
        action: 'dish.updated',
        entityType: 'dish',
        view: (row) => loadDishView(tx.manager, row),
        change: async (before) => {
          if (input.name !== undefined) dish.name = input.name;
          if (input.description !== undefined) dish.description = input.description;
          if (input.categoryId !== undefined) dish.categoryId = input.categoryId;
          if (input.stationId !== undefined) dish.stationId = input.stationId;
          if (input.prepMinutes !== undefined) dish.prepMinutes = input.prepMinutes;
          if (taxRateIds) dish.taxRateIds = taxRateIds;
          if (combo !== undefined) dish.combo = combo;
          if (input.scheduleId !== undefined) dish.scheduleId = input.scheduleId;
          if (
            ingredientIds !== undefined &&
            !sameJson([...ingredientIds].sort(), [...before.ingredientIds].sort())
          ) {
            await tx.manager.delete(DishIngredient, { dishId: id });
            await this.linkIngredients(tx.manager, id, ingredientIds);
          }
          if (modifierGroupIds !== undefined && !sameJson(modifierGroupIds, before.modifierGroupIds)) {
            await tx.manager.delete(DishModifierGroup, { dishId: id });
            await this.offerModifierGroups(tx.manager, id, modifierGroupIds);
          }
          dish.updatedAt = this.clock.now();
        },
        skipIfUnchanged: true,
      });
    });
  }

  /** Soft delete: orders keep referring to the dish, but it disappears from every list and from /menu. */
  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const dish = await findLiveDish(tx.manager, id, this.database.forUpdate);
      refuseHqOwned(dish, 'dish', ['delete']);
      await auditedChange(tx, this.changes, principal, dish, {
        action: 'dish.deleted',
        entityType: 'dish',
        view: (row) => loadDishView(tx.manager, row),
        remove: async () => {
          markDeleted(dish, this.clock.now());
          await tx.manager.save(dish);
        },
      });
    });
  }

  /** `price` makes one "Regular" variation (in the restaurant's language: "Standard"); `variations` are taken as given. Exactly one of them. */
  private initialVariations(input: CreateDishInput): CreateVariationInput[] {
    if (input.price !== undefined && input.variations !== undefined) {
      throw DomainError.invalidField('variations', 'give either price or variations, not both');
    }
    if (input.variations !== undefined) {
      assertDistinctNames(input.variations, 'variations');
      return input.variations;
    }
    if (input.price !== undefined)
      return [{ name: defaultVariationName(this.profile.locale), price: input.price, sortOrder: 0 }];
    throw DomainError.invalidField('price', 'give a price, or variations with their prices');
  }

  /**
   * 422 naming each field whose reference does not exist. The rows found are share-locked on PostgreSQL, so a
   * concurrent delete of them waits for this transaction and then sees the dish that uses them.
   */
  private async assertReferences(
    manager: EntityManager,
    refs: {
      categoryId?: string;
      stationId?: string | null;
      ingredientIds?: string[];
      modifierGroupIds?: string[];
    },
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (refs.categoryId !== undefined) {
      const found = await manager.findOne(Category, { where: { id: refs.categoryId }, ...this.forShare });
      if (!found) problems.push({ field: 'categoryId', message: 'no such category' });
    }
    if (refs.stationId !== undefined && refs.stationId !== null) {
      const found = await manager.findOne(Station, { where: { id: refs.stationId }, ...this.forShare });
      if (!found) problems.push({ field: 'stationId', message: 'no such station' });
    }
    const ingredientsMissing = await this.missing(manager, Ingredient, refs.ingredientIds);
    if (ingredientsMissing) {
      problems.push({ field: 'ingredientIds', message: `no such ingredient: ${ingredientsMissing}` });
    }
    const groupsMissing = await this.missing(manager, ModifierGroup, refs.modifierGroupIds);
    if (groupsMissing) {
      problems.push({ field: 'modifierGroupIds', message: `no such modifier group: ${groupsMissing}` });
    }
    if (problems.length > 0) throw DomainError.validation(problems);
  }

  /** The ids that name no row, comma-separated, or '' when all exist; those found are share-locked. */
  private async missing(
    manager: EntityManager,
    entity: typeof Ingredient | typeof ModifierGroup,
    ids: string[] | undefined,
  ): Promise<string> {
    if (ids === undefined || ids.length === 0) return '';
    const found = await manager.find<{ id: string }>(entity, { where: { id: In(ids) }, ...this.forShare });
    const known = new Set(found.map((row) => row.id));
    // An empty id is shown as "", so that it is named rather than read as none missing.
    return ids
      .filter((id) => !known.has(id))
      .map((id) => id || '""')
      .join(', ');
  }

  /** The dish offers these groups, in this order. */
  private async offerModifierGroups(
    manager: EntityManager,
    dishId: string,
    groupIds: string[],
  ): Promise<void> {
    if (groupIds.length === 0) return;
    await manager.insert(
      DishModifierGroup,
      groupIds.map((groupId, position) => ({ dishId, groupId, position })),
    );
  }

  private async linkIngredients(
    manager: EntityManager,
    dishId: string,
    ingredientIds: string[],
  ): Promise<void> {
    if (ingredientIds.length === 0) return;
    await manager.insert(
      DishIngredient,
      ingredientIds.map((ingredientId) => ({ dishId, ingredientId })),
    );
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
