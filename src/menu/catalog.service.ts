import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, IsNull } from 'typeorm';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { MenuChangeLog } from './menu-change-log';
import { Database } from '../database/database.service';
import { ALLERGENS } from './allergens';
import {
  CategoryListQuery,
  CreateCategoryInput,
  CreateIngredientInput,
  StationInput,
  UpdateCategoryInput,
  UpdateIngredientInput,
  UpdateStationInput,
} from './dto/menu.inputs';
import { AllergenView, CategoryView, IngredientView, StationView } from './dto/menu.views';
import { Category, Dish, DishIngredient, Ingredient, Station } from './menu.entities';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Categories, kitchen stations and ingredients: the reference data dishes point at. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly database: Database,
    private readonly changes: MenuChangeLog,
    private readonly clock: Clock,
  ) {}

  // Categories

  async listCategories(query: CategoryListQuery): Promise<Page<CategoryView>> {
    const where: FindOptionsWhere<Category> = {};
    if (query.active !== undefined) where.active = query.active;
    const [categories, total] = await this.database.reader.findAndCount(Category, {
      where,
      order: { sortOrder: 'ASC', name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(categories.map(CategoryView.of), total, query);
  }

  async getCategory(id: string): Promise<CategoryView> {
    return CategoryView.of(await this.findCategory(this.database.reader, id));
  }

  createCategory(principal: Principal, input: CreateCategoryInput): Promise<CategoryView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const category = await tx.manager.save(
        tx.manager.create(Category, {
          id: randomUUID(),
          name: input.name,
          sortOrder: input.sortOrder ?? 0,
          active: input.active ?? true,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const after = CategoryView.of(category);
      await this.changes.record(tx, principal, {
        action: 'category.created',
        entityType: 'category',
        entityId: category.id,
        after,
      });
      return after;
    });
  }

  updateCategory(principal: Principal, id: string, input: UpdateCategoryInput): Promise<CategoryView> {
    return this.database.transaction(async (tx) => {
      const category = await this.findCategory(tx.manager, id, true);
      const before = CategoryView.of(category);
      if (input.name !== undefined) category.name = input.name;
      if (input.sortOrder !== undefined) category.sortOrder = input.sortOrder;
      if (input.active !== undefined) category.active = input.active;
      const after = CategoryView.of(category);
      if (sameJson(before, after)) return after;
      category.updatedAt = this.clock.now();
      await tx.manager.save(category);
      await this.changes.record(tx, principal, {
        action: 'category.updated',
        entityType: 'category',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  removeCategory(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      // Locked first: a dish being created in this category either commits before the count sees it or waits.
      const category = await this.findCategory(tx.manager, id, true);
      await this.assertNoLiveDishes(tx.manager, { categoryId: id }, 'category');
      await tx.manager.delete(Category, { id });
      await this.changes.record(tx, principal, {
        action: 'category.deleted',
        entityType: 'category',
        entityId: id,
        before: CategoryView.of(category),
      });
    });
  }

  // Stations

  async listStations(query: PageQuery): Promise<Page<StationView>> {
    const [stations, total] = await this.database.reader.findAndCount(Station, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(stations.map(StationView.of), total, query);
  }

  async getStation(id: string): Promise<StationView> {
    return StationView.of(await this.findStation(this.database.reader, id));
  }

  createStation(principal: Principal, input: StationInput): Promise<StationView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const station = await tx.manager.save(
        tx.manager.create(Station, { id: randomUUID(), name: input.name, createdAt: now, updatedAt: now }),
      );
      const after = StationView.of(station);
      await this.changes.record(tx, principal, {
        action: 'station.created',
        entityType: 'station',
        entityId: station.id,
        after,
      });
      return after;
    });
  }

  updateStation(principal: Principal, id: string, input: UpdateStationInput): Promise<StationView> {
    return this.database.transaction(async (tx) => {
      const station = await this.findStation(tx.manager, id, true);
      const before = StationView.of(station);
      if (input.name !== undefined) station.name = input.name;
      const after = StationView.of(station);
      if (sameJson(before, after)) return after;
      station.updatedAt = this.clock.now();
      await tx.manager.save(station);
      await this.changes.record(tx, principal, {
        action: 'station.updated',
        entityType: 'station',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  removeStation(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const station = await this.findStation(tx.manager, id, true);
      await this.assertNoLiveDishes(tx.manager, { stationId: id }, 'station');
      await tx.manager.delete(Station, { id });
      await this.changes.record(tx, principal, {
        action: 'station.deleted',
        entityType: 'station',
        entityId: id,
        before: StationView.of(station),
      });
    });
  }

  // Ingredients and allergens

  allergens(): AllergenView[] {
    return ALLERGENS.map(({ code, name }) => ({ code, name }));
  }

  async listIngredients(query: PageQuery): Promise<Page<IngredientView>> {
    const [ingredients, total] = await this.database.reader.findAndCount(Ingredient, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(ingredients.map(IngredientView.of), total, query);
  }

  async getIngredient(id: string): Promise<IngredientView> {
    return IngredientView.of(await this.findIngredient(this.database.reader, id));
  }

  createIngredient(principal: Principal, input: CreateIngredientInput): Promise<IngredientView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const ingredient = await tx.manager.save(
        tx.manager.create(Ingredient, {
          id: randomUUID(),
          name: input.name,
          allergens: normalisedAllergens(input.allergens ?? []),
          createdAt: now,
          updatedAt: now,
        }),
      );
      const after = IngredientView.of(ingredient);
      await this.changes.record(tx, principal, {
        action: 'ingredient.created',
        entityType: 'ingredient',
        entityId: ingredient.id,
        after,
      });
      return after;
    });
  }

  /** A change of allergens changes the derived allergens of every dish that uses the ingredient. */
  updateIngredient(principal: Principal, id: string, input: UpdateIngredientInput): Promise<IngredientView> {
    return this.database.transaction(async (tx) => {
      const ingredient = await this.findIngredient(tx.manager, id, true);
      const before = IngredientView.of(ingredient);
      if (input.name !== undefined) ingredient.name = input.name;
      if (input.allergens !== undefined) ingredient.allergens = normalisedAllergens(input.allergens);
      const after = IngredientView.of(ingredient);
      if (sameJson(before, after)) return after;
      ingredient.updatedAt = this.clock.now();
      await tx.manager.save(ingredient);
      await this.changes.record(tx, principal, {
        action: 'ingredient.updated',
        entityType: 'ingredient',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  removeIngredient(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const ingredient = await this.findIngredient(tx.manager, id, true);
      const used = await tx.manager
        .createQueryBuilder(DishIngredient, 'link')
        .innerJoin(Dish, 'dish', 'dish.id = link.dishId')
        .where('link.ingredientId = :id', { id })
        .andWhere('dish.deletedAt IS NULL')
        .getCount();
      if (used > 0) {
        throw new DomainError(
          ErrorCode.Conflict,
          `The ingredient is used by ${used} dish(es); remove it from them first`,
        );
      }
      await tx.manager.delete(Ingredient, { id });
      await this.changes.record(tx, principal, {
        action: 'ingredient.deleted',
        entityType: 'ingredient',
        entityId: id,
        before: IngredientView.of(ingredient),
      });
    });
  }

  // Shared

  private async findCategory(manager: EntityManager, id: string, forUpdate = false): Promise<Category> {
    const category = await manager.findOne(Category, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!category) throw DomainError.notFound('Category');
    return category;
  }

  private async findStation(manager: EntityManager, id: string, forUpdate = false): Promise<Station> {
    const station = await manager.findOne(Station, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!station) throw DomainError.notFound('Station');
    return station;
  }

  private async findIngredient(manager: EntityManager, id: string, forUpdate = false): Promise<Ingredient> {
    const ingredient = await manager.findOne(Ingredient, {
      where: { id },
      ...(forUpdate ? this.database.forUpdate : {}),
    });
    if (!ingredient) throw DomainError.notFound('Ingredient');
    return ingredient;
  }

  private async assertNoLiveDishes(
    manager: EntityManager,
    where: FindOptionsWhere<Dish>,
    what: 'category' | 'station',
  ): Promise<void> {
    const used = await manager.count(Dish, { where: { ...where, deletedAt: IsNull() } });
    if (used > 0) {
      throw new DomainError(
        ErrorCode.Conflict,
        `The ${what} is used by ${used} dish(es); move or delete them first`,
      );
    }
  }
}

function normalisedAllergens(codes: string[]): string[] {
  return [...new Set(codes)].sort();
}
