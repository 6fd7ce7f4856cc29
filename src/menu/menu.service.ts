import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { IsNull } from 'typeorm';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
import { DishParts, loadDishParts } from './dish-loader';
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

/** The menu as its JSON body (UTF-8 bytes, ready to send) and a strong ETag of exactly that body. */
export interface RenderedMenu {
  menu: MenuView;
  body: Buffer;
  etag: string;
}

/** Why a line cannot be ordered; `soldOut` when its count took the variation off the menu (OUT_OF_STOCK). */
type OrderableProblem = { field: 'dishId' | 'variationId'; message: string; soldOut?: true };

/** What an order line may name: every live dish, with whether it can be ordered now and its live variations. */
interface CatalogEntry {
  dish: Dish;
  orderable: boolean;
  variations: DishVariation[];
}

interface MenuSnapshot extends RenderedMenu {
  catalog: Map<string, CatalogEntry>;
  /** Ids of the variations whose stock is counted: only ordering those costs a statement. */
  counted: ReadonlySet<string>;
}

/** Event types after which the menu kept in memory is stale. */
const MENU_EVENTS: ReadonlySet<EventType> = new Set([
  EventType.MenuChanged,
  EventType.MenuAvailabilityChanged,
]);

/**
 * The public menu that guests and tablets read, and the dishes that order lines name. Built once from the database
 * and kept in memory; dropped when a menu event passes through the event feed (every instance tails the log),
 * so the next reader builds it again.
 */
@Injectable()
export class MenuService implements OnModuleInit {
  private snapshot: Promise<MenuSnapshot> | null = null;

  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe((event) => {
      if (MENU_EVENTS.has(event.type)) this.snapshot = null;
    });
  }

  /**
   * Active categories with their available, live dishes and variations; dishes left with no available variation
   * and categories left with no dishes are left out. Categories and variations by sortOrder then name, dishes by
   * name.
   */
  async menu(): Promise<MenuView> {
    return (await this.current()).menu;
  }

  /** The menu with its JSON and ETag (a quoted SHA-256 hex of that JSON), for HTTP caching. */
  rendered(): Promise<RenderedMenu> {
    return this.current();
  }

  /**
   * Resolves order lines against the menu: each becomes an Orderable, or a problem message for its field when the
   * dish or variation is unknown, deleted, unavailable or in an inactive category, or when a dish with several
   * variations is ordered without naming one.
   */
  async orderables(
    lines: ReadonlyArray<{ dishId: string; variationId?: string }>,
  ): Promise<Array<Orderable | OrderableProblem>> {
    const { catalog } = await this.current();
    return lines.map((line): Orderable | OrderableProblem => {
      const entry = catalog.get(line.dishId);
      if (!entry) return { field: 'dishId', message: 'no such dish' };
      if (!entry.orderable) return { field: 'dishId', message: 'is not available' };
      const { dish, variations } = entry;
      const variation = line.variationId
        ? variations.find((candidate) => candidate.id === line.variationId)
        : variations.length === 1
          ? variations[0]
          : undefined;
      if (!variation) {
        const message = line.variationId
          ? 'no such variation of this dish'
          : 'is required: the dish has several variations';
        return { field: 'variationId', message };
      }
      if (variation.soldOut) return { field: 'variationId', message: 'is sold out', soldOut: true };
      if (!variation.available) return { field: 'variationId', message: 'is not available' };
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

  /**
   * The variations whose stock is counted, from the menu in memory: ordering the others (nearly all) costs no
   * statement. Setting or clearing a count is a menu change, which replaces the menu on every instance.
   */
  async countedVariations(): Promise<ReadonlySet<string>> {
    return (await this.current()).counted;
  }

  private current(): Promise<MenuSnapshot> {
    if (!this.snapshot) {
      const building = this.build();
      // A failed build is not kept: the next reader tries again.
      building.catch(() => {
        if (this.snapshot === building) this.snapshot = null;
      });
      this.snapshot = building;
    }
    return this.snapshot;
  }

  private async build(): Promise<MenuSnapshot> {
    const manager = this.database.reader;
    const categories = (await manager.find(Category)).sort(bySortOrderThenName);
    const dishes = (await manager.find(Dish, { where: { deletedAt: IsNull() } })).sort(byName);
    const parts = await loadDishParts(manager, dishes);
    const activeCategories = new Set(categories.filter((c) => c.active).map((category) => category.id));
    const catalog = new Map<string, CatalogEntry>();
    const counted = new Set<string>();
    for (const { dish, variations } of parts) {
      for (const variation of variations) if (variation.stockCount !== null) counted.add(variation.id);
      const orderable = dish.available && dish.categoryId !== null && activeCategories.has(dish.categoryId);
      catalog.set(dish.id, { dish, orderable, variations });
    }
    const menu = menuView(
      categories.filter((category) => category.active),
      parts.filter(({ dish }) => catalog.get(dish.id)!.orderable),
    );
    const body = Buffer.from(JSON.stringify(menu), 'utf8');
    return {
      menu,
      body,
      etag: `"${createHash('sha256').update(body).digest('hex')}"`,
      catalog,
      counted,
    };
  }
}

/** The guests' menu from active categories and orderable dishes (both sorted). */
function menuView(categories: Category[], parts: DishParts[]): MenuView {
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
    result.push({ id: category.id, name: category.name, sortOrder: category.sortOrder, dishes: menuDishes });
  }
  return { categories: result };
}

/** Whether an If-None-Match header matches this strong ETag (weak comparison, as RFC 9110 asks for GET). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
}
