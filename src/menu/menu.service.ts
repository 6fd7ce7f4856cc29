import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager, In, IsNull } from 'typeorm';
import { Database, Tx } from '../database/database.service';
import { loadDishParts } from './dish-loader';
import { allergenUnion } from './allergens';
import { MenuCategoryView, MenuView } from './dto/menu.views';
import { Category, Dish, DishVariation } from './menu.entities';
import { byName, bySortOrderThenName } from './menu-order';

/** What an order line copies from the menu when it is ordered. */
export interface Orderable {
  dishId: string;
  variationId: string;
  name: string;
  variationName: string;
  unitPrice: number;
  stationId: string | null;
  prepMinutes: number;
}

/** The menu as its JSON body and a strong ETag of exactly that body. */
export interface RenderedMenu {
  menu: MenuView;
  json: string;
  etag: string;
}

/** The public menu that guests and tablets read: what can be ordered right now. */
@Injectable()
export class MenuService {
  constructor(private readonly database: Database) {}

  /**
   * Active categories with their available, live dishes and variations; dishes left with no available variation
   * and categories left with no dishes are left out. Categories and variations by sortOrder then name, dishes by
   * name. Read through a transaction so that, on SQLite, no uncommitted change can show; a caller already inside
   * database.transaction() must pass its `tx` (on SQLite a nested transaction would wait for the outer one forever).
   */
  menu(tx?: Tx): Promise<MenuView> {
    return tx ? this.build(tx.manager) : this.database.transaction(({ manager }) => this.build(manager));
  }

  /**
   * Resolves order lines against the menu: each becomes an Orderable, or a problem message for its field when the
   * dish or variation is unknown, deleted, unavailable or in an inactive category, or when a dish with several
   * variations is ordered without naming one.
   */
  async orderables(
    manager: EntityManager,
    lines: ReadonlyArray<{ dishId: string; variationId?: string }>,
  ): Promise<Array<Orderable | { field: 'dishId' | 'variationId'; message: string }>> {
    const dishIds = [...new Set(lines.map((line) => line.dishId))];
    const dishes = await manager.find(Dish, { where: { id: In(dishIds), deletedAt: IsNull() } });
    const categories = await manager.find(Category, {
      where: { id: In(dishes.map((dish) => dish.categoryId).filter((id) => id !== null)) },
    });
    const variations = await manager.find(DishVariation, {
      where: { dishId: In(dishIds), deletedAt: IsNull() },
    });
    return lines.map((line) => {
      const dish = dishes.find((candidate) => candidate.id === line.dishId);
      if (!dish) return { field: 'dishId' as const, message: 'no such dish' };
      const category = categories.find((candidate) => candidate.id === dish.categoryId);
      if (!dish.available || !category?.active)
        return { field: 'dishId' as const, message: 'is not available' };
      const ofDish = variations.filter((variation) => variation.dishId === dish.id);
      const variation = line.variationId
        ? ofDish.find((candidate) => candidate.id === line.variationId)
        : ofDish.length === 1
          ? ofDish[0]
          : undefined;
      if (!variation) {
        const message = line.variationId
          ? 'no such variation of this dish'
          : 'is required: the dish has several variations';
        return { field: 'variationId' as const, message };
      }
      if (!variation.available) return { field: 'variationId' as const, message: 'is not available' };
      return {
        dishId: dish.id,
        variationId: variation.id,
        name: dish.name,
        variationName: variation.name,
        unitPrice: variation.price,
        stationId: dish.stationId,
        prepMinutes: dish.prepMinutes,
      };
    });
  }

  /** The menu with its JSON and ETag (a quoted SHA-256 hex of that JSON), for HTTP caching. */
  async rendered(): Promise<RenderedMenu> {
    const menu = await this.menu();
    const json = JSON.stringify(menu);
    return { menu, json, etag: `"${createHash('sha256').update(json).digest('hex')}"` };
  }

  private async build(manager: EntityManager): Promise<MenuView> {
    const categories = (await manager.find(Category, { where: { active: true } })).sort(bySortOrderThenName);
    if (categories.length === 0) return { categories: [] };
    const dishes = await manager.find(Dish, {
      where: {
        categoryId: In(categories.map((category) => category.id)),
        available: true,
        deletedAt: IsNull(),
      },
    });
    const parts = await loadDishParts(manager, dishes.sort(byName));
    const result: MenuCategoryView[] = [];
    for (const category of categories) {
      const menuDishes = parts
        .filter(({ dish }) => dish.categoryId === category.id)
        .map(({ dish, ingredients, variations }) => ({
          id: dish.id,
          name: dish.name,
          description: dish.description,
          allergens: allergenUnion(ingredients.map((ingredient) => ingredient.allergens)),
          prepMinutes: dish.prepMinutes,
          stationId: dish.stationId,
          variations: variations
            .filter((variation) => variation.available)
            .map(({ id, name, price, sortOrder }) => ({ id, name, price, sortOrder })),
        }))
        .filter((dish) => dish.variations.length > 0);
      if (menuDishes.length === 0) continue;
      result.push({
        id: category.id,
        name: category.name,
        sortOrder: category.sortOrder,
        dishes: menuDishes,
      });
    }
    return { categories: result };
  }
}

/** Whether an If-None-Match header matches this strong ETag (weak comparison, as RFC 9110 asks for GET). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
}
