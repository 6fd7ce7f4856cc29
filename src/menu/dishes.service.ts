import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, In, IsNull } from 'typeorm';
import type { Principal } from '../common/access/principal';
import { ALL_ROLES } from '../common/access/role';
import { DomainError, FieldProblem } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { MenuChangeLog } from './menu-change-log';
import { Database, Tx } from '../database/database.service';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { loadDishViews } from './dish-loader';
import {
  CreateDishInput,
  CreateVariationInput,
  DishListQuery,
  UpdateDishInput,
  UpdateVariationInput,
} from './dto/menu.inputs';
import { DishView, VariationView } from './dto/menu.views';
import { Category, Dish, DishIngredient, DishVariation, Ingredient, Station } from './menu.entities';
import { bySortOrderThenName } from './menu-order';

export const DEFAULT_VARIATION_NAME = 'Regular';
const DEFAULT_PREP_MINUTES = 10;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A variation in the audit log: its client view plus the dish it belongs to. */
const auditedVariation = (variation: DishVariation) => ({
  dishId: variation.dishId,
  ...VariationView.of(variation),
});

/** Dishes, their variations and their availability ("86"). */
@Injectable()
export class DishesService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly eventLog: EventLog,
    private readonly clock: Clock,
  ) {}

  /** Row lock that lets others read but not delete or change the row: for categories, stations, ingredients in use. */
  private get forShare(): { lock?: { mode: 'pessimistic_read' } } {
    return this.database.kind === 'postgres' ? { lock: { mode: 'pessimistic_read' } } : {};
  }

  // Dishes

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
    return this.view(this.database.reader, await this.findDish(this.database.reader, id));
  }

  create(principal: Principal, input: CreateDishInput): Promise<DishView> {
    const variations = this.initialVariations(input);
    const ingredientIds = unique(input.ingredientIds ?? []);
    return this.database.transaction(async (tx) => {
      await this.assertReferences(tx.manager, {
        categoryId: input.categoryId,
        stationId: input.stationId ?? null,
        ingredientIds,
      });
      const now = this.clock.now();
      const dish = await tx.manager.save(
        tx.manager.create(Dish, {
          id: randomUUID(),
          name: input.name,
          description: input.description ?? '',
          categoryId: input.categoryId,
          stationId: input.stationId ?? null,
          available: true,
          prepMinutes: input.prepMinutes ?? DEFAULT_PREP_MINUTES,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        }),
      );
      for (const variation of variations) {
        await tx.manager.save(this.newVariation(tx.manager, dish.id, variation, now));
      }
      await this.linkIngredients(tx.manager, dish.id, ingredientIds);
      const after = await this.view(tx.manager, dish);
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
      const dish = await this.findDish(tx.manager, id, true);
      const before = await this.view(tx.manager, dish);
      const ingredientIds = input.ingredientIds === undefined ? undefined : unique(input.ingredientIds);
      await this.assertReferences(tx.manager, {
        categoryId: input.categoryId,
        stationId: input.stationId ?? undefined,
        ingredientIds,
      });
      if (input.name !== undefined) dish.name = input.name;
      if (input.description !== undefined) dish.description = input.description;
      if (input.categoryId !== undefined) dish.categoryId = input.categoryId;
      if (input.stationId !== undefined) dish.stationId = input.stationId;
      if (input.prepMinutes !== undefined) dish.prepMinutes = input.prepMinutes;
      if (
        ingredientIds !== undefined &&
        !sameJson([...ingredientIds].sort(), [...before.ingredientIds].sort())
      ) {
        await tx.manager.delete(DishIngredient, { dishId: id });
        await this.linkIngredients(tx.manager, id, ingredientIds);
      }
      const after = await this.view(tx.manager, dish);
      if (sameJson(before, after)) return after;
      dish.updatedAt = this.clock.now();
      await tx.manager.save(dish);
      await this.changes.record(tx, principal, {
        action: 'dish.updated',
        entityType: 'dish',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Soft delete: orders keep referring to the dish, but it disappears from every list and from /menu. */
  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const dish = await this.findDish(tx.manager, id, true);
      const before = await this.view(tx.manager, dish);
      const now = this.clock.now();
      dish.deletedAt = now;
      dish.updatedAt = now;
      await tx.manager.save(dish);
      await this.changes.record(tx, principal, {
        action: 'dish.deleted',
        entityType: 'dish',
        entityId: id,
        before,
      });
    });
  }

  setAvailability(principal: Principal, id: string, available: boolean): Promise<DishView> {
    return this.database.transaction(async (tx) => {
      const dish = await this.findDish(tx.manager, id, true);
      if (dish.available === available) return this.view(tx.manager, dish);
      const before = await this.view(tx.manager, dish);
      dish.available = available;
      dish.updatedAt = this.clock.now();
      await tx.manager.save(dish);
      const after = await this.view(tx.manager, dish);
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

  // Variations

  async listVariations(dishId: string, query: PageQuery): Promise<Page<VariationView>> {
    await this.findDish(this.database.reader, dishId);
    const variations = (await this.liveVariations(this.database.reader, dishId)).map(VariationView.of);
    return pageOf(variations.slice(query.skip, query.skip + query.perPage), variations.length, query);
  }

  createVariation(principal: Principal, dishId: string, input: CreateVariationInput): Promise<VariationView> {
    return this.database.transaction(async (tx) => {
      await this.findDish(tx.manager, dishId, true);
      const live = await this.liveVariations(tx.manager, dishId);
      assertNameFree(live, input.name);
      const variation = await tx.manager.save(this.newVariation(tx.manager, dishId, input, this.clock.now()));
      await this.changes.record(tx, principal, {
        action: 'variation.created',
        entityType: 'variation',
        entityId: variation.id,
        after: auditedVariation(variation),
      });
      return VariationView.of(variation);
    });
  }

  updateVariation(
    principal: Principal,
    dishId: string,
    variationId: string,
    input: UpdateVariationInput,
  ): Promise<VariationView> {
    return this.database.transaction(async (tx) => {
      await this.findDish(tx.manager, dishId, true);
      const live = await this.liveVariations(tx.manager, dishId);
      const variation = findVariation(live, variationId);
      const before = auditedVariation(variation);
      if (input.name !== undefined && input.name !== variation.name) {
        assertNameFree(
          live.filter((other) => other.id !== variation.id),
          input.name,
        );
        variation.name = input.name;
      }
      if (input.price !== undefined) variation.price = input.price;
      if (input.sortOrder !== undefined) variation.sortOrder = input.sortOrder;
      const after = auditedVariation(variation);
      if (sameJson(before, after)) return VariationView.of(variation);
      variation.updatedAt = this.clock.now();
      await tx.manager.save(variation);
      const action = before.price !== after.price ? 'variation.price_changed' : 'variation.updated';
      await this.changes.record(tx, principal, {
        action: action,
        entityType: 'variation',
        entityId: variationId,
        before,
        after,
      });
      return VariationView.of(variation);
    });
  }

  /** Soft delete; a dish keeps at least one live variation. */
  removeVariation(principal: Principal, dishId: string, variationId: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      await this.findDish(tx.manager, dishId, true);
      const live = await this.liveVariations(tx.manager, dishId);
      const variation = findVariation(live, variationId);
      if (live.length <= 1) {
        throw new DomainError(
          ErrorCode.Conflict,
          'This is the last variation of the dish; add another first, or delete the dish',
        );
      }
      const before = auditedVariation(variation);
      const now = this.clock.now();
      variation.deletedAt = now;
      variation.updatedAt = now;
      await tx.manager.save(variation);
      await this.changes.record(tx, principal, {
        action: 'variation.deleted',
        entityType: 'variation',
        entityId: variationId,
        before,
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
      const dish = await this.findDish(tx.manager, dishId, true);
      const variation = findVariation(await this.liveVariations(tx.manager, dishId), variationId);
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
      return this.view(tx.manager, dish);
    });
  }

  // Shared

  private async view(manager: EntityManager, dish: Dish): Promise<DishView> {
    const [view] = await loadDishViews(manager, [dish]);
    return view;
  }

  /** A live (not deleted) dish, or 404. */
  private async findDish(manager: EntityManager, id: string, forUpdate = false): Promise<Dish> {
    const dish = await manager.findOne(Dish, {
      where: { id, deletedAt: IsNull() },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!dish) throw DomainError.notFound('Dish');
    return dish;
  }

  private async liveVariations(manager: EntityManager, dishId: string): Promise<DishVariation[]> {
    const variations = await manager.find(DishVariation, { where: { dishId, deletedAt: IsNull() } });
    return variations.sort(bySortOrderThenName);
  }

  private newVariation(
    manager: EntityManager,
    dishId: string,
    input: CreateVariationInput,
    now: Date,
  ): DishVariation {
    return manager.create(DishVariation, {
      id: randomUUID(),
      dishId,
      name: input.name,
      price: input.price,
      available: true,
      sortOrder: input.sortOrder ?? 0,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
  }

  /** `price` makes one "Regular" variation; `variations` are taken as given. Exactly one of them. */
  private initialVariations(input: CreateDishInput): CreateVariationInput[] {
    if (input.price !== undefined && input.variations !== undefined) {
      throw DomainError.invalidField('variations', 'give either price or variations, not both');
    }
    if (input.variations !== undefined) {
      const problems: FieldProblem[] = [];
      input.variations.forEach((variation, index) => {
        const clash = input.variations!.findIndex((other) => sameName(other.name, variation.name));
        if (clash < index) {
          problems.push({
            field: `variations[${index}].name`,
            message: `repeats the name of variations[${clash}]`,
          });
        }
      });
      if (problems.length > 0) throw DomainError.validation(problems);
      return input.variations;
    }
    if (input.price !== undefined)
      return [{ name: DEFAULT_VARIATION_NAME, price: input.price, sortOrder: 0 }];
    throw DomainError.invalidField('price', 'give a price, or variations with their prices');
  }

  /**
   * 422 naming each field whose reference does not exist. The rows found are share-locked on PostgreSQL, so a
   * concurrent delete of them waits for this transaction and then sees the dish that uses them.
   */
  private async assertReferences(
    manager: EntityManager,
    refs: { categoryId?: string; stationId?: string | null; ingredientIds?: string[] },
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
    if (refs.ingredientIds !== undefined && refs.ingredientIds.length > 0) {
      const found = await manager.find(Ingredient, {
        where: { id: In(refs.ingredientIds) },
        ...this.forShare,
      });
      const known = new Set(found.map((ingredient) => ingredient.id));
      const missing = refs.ingredientIds.filter((id) => !known.has(id));
      if (missing.length > 0) {
        problems.push({ field: 'ingredientIds', message: `no such ingredient: ${missing.join(', ')}` });
      }
    }
    if (problems.length > 0) throw DomainError.validation(problems);
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

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function assertNameFree(variations: DishVariation[], name: string): void {
  if (variations.some((variation) => sameName(variation.name, name))) {
    throw new DomainError(ErrorCode.Conflict, `The dish already has a variation named "${name}"`);
  }
}

function findVariation(live: DishVariation[], variationId: string): DishVariation {
  const variation = live.find((candidate) => candidate.id === variationId);
  if (!variation) throw DomainError.notFound('Variation');
  return variation;
}
