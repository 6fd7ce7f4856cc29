import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { IsNull } from 'typeorm';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
import { Clock } from '../common/time/clock';
import { DishParts, loadDishParts } from './dish-loader';
import { allergenUnion } from './allergens';
import { MenuCategoryView, MenuView } from './dto/menu.views';
import type { MenuComboView } from './dto/combo.views';
import { ModifierGroupView } from './dto/modifier-groups.views';
import { Category, Dish, DishVariation, ModifierGroup } from './menu.entities';
import { MenuPrices, MenuPricing } from './menu-pricing';
import { byName, bySortOrderThenName } from './menu-order';
import { choosable, chooseModifiers, ItemModifier, OfferedGroup } from './modifier-choices';
import { loadOfferedGroups } from './modifier-rows';
import {
  chooseComponents,
  ComboChoiceLine,
  ComponentOrderable,
  OfferedSlot,
  offeredSlots,
  sumDeltas,
} from './combos';

/** What an order line copies from the menu when it is ordered. */
export interface Orderable {
  dishId: string;
  /** The dish's category, for price rules on it; not copied onto the item. */
  categoryId: string;
  variationId: string;
  name: string;
  variationName: string;
  unitPrice: number;
  stationId: string | null;
  prepMinutes: number;
  modifiers: ItemModifier[];
  /** The tax rates the dish names, else its category's; empty: the default rates (see TaxRules.itemTaxes). */
  taxRateIds: readonly string[];
  /** A combo's taken choices, each ordered as an item of its own (docs/combos.md); absent for a plain dish. */
  components?: ComponentOrderable[];
}

/** The menu as its JSON body (UTF-8 bytes, ready to send) and a strong ETag of exactly that body. */
export interface RenderedMenu {
  menu: MenuView;
  body: Buffer;
  etag: string;
}

/**
 * A problem with one order line; `field` is relative to the line (`dishId`, `modifiers[0].optionId`); `soldOut`
 * when its count took the variation off the menu (OUT_OF_STOCK).
 */
export interface LineProblem {
  field: string;
  message: string;
  soldOut?: true;
}

/** What an order line names: a dish, maybe a variation, maybe options of the dish's modifier groups. */
export interface OrderLine {
  dishId: string;
  variationId?: string;
  modifiers?: ReadonlyArray<{ optionId: string }>;
  comboChoices?: readonly ComboChoiceLine[];
}

/**
 * What an order line may name: every live dish, with whether it can be ordered now, its live variations and the
 * modifier groups it offers.
 */
interface CatalogEntry {
  dish: Dish;
  orderable: boolean;
  taxRateIds: readonly string[];
  variations: DishVariation[];
  groups: OfferedGroup[];
  /** A combo's slots with their available choices; null for a plain dish. */
  slots: OfferedSlot[] | null;
}

interface MenuSnapshot extends RenderedMenu {
  catalog: Map<string, CatalogEntry>;
  /** When its prices change by the clock (a price rule's schedule edge): it is built again from then on. */
  until: number | null;
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
  /** The built snapshot's `until`, read on every request without awaiting it. */
  private until: number | null = null;

  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
    private readonly pricing: MenuPricing,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe((event) => {
      if (!MENU_EVENTS.has(event.type)) return;
      this.snapshot = null;
      this.until = null;
    });
  }

  /**
   * Active categories with their available, live dishes and variations, and each dish's modifier groups with their
   * available options; dishes left with no available variation, or with a group whose available options cannot
   * meet its minChoices, and categories left with no dishes are left out. Categories, variations and options by
   * sortOrder then name, dishes by name, groups in the dish's order.
   */
  async menu(): Promise<MenuView> {
    return (await this.current()).menu;
  }

  /** The menu with its JSON and ETag (a quoted SHA-256 hex of that JSON), for HTTP caching. */
  rendered(): Promise<RenderedMenu> {
    return this.current();
  }

  /**
   * Resolves order lines against the menu kept in memory (no database read): each becomes an Orderable, or its
   * problems when the dish or variation is unknown, deleted, unavailable or in an inactive category, when a dish
   * with several variations is ordered without naming one, or when its modifiers do not fit the dish's groups (see
   * chooseModifiers) or would take its unit price below zero.
   */
  async orderables(lines: readonly OrderLine[]): Promise<Array<Orderable | LineProblem[]>> {
    const { catalog } = await this.current();
    return lines.map((line) => orderableOf(catalog, line));
  }

  /**
   * The tax rate ids of every dish the menu offers now (its own, else its category's; empty: the default rates),
   * from the menu in memory: what a guest's page says about taxes.
   */
  async offeredTaxRateIds(): Promise<Array<readonly string[]>> {
    const { catalog } = await this.current();
    return [...catalog.values()].filter((entry) => entry.orderable).map((entry) => entry.taxRateIds);
  }

  /**
   * The variations whose stock is counted, from the menu in memory: ordering the others (nearly all) costs no
   * statement. Setting or clearing a count is a menu change, which replaces the menu on every instance.
   */
  /** Where and how long each dish is prepared, by id, from memory; null for a dish that is not on the menu. */
  async preparations(
    dishIds: readonly string[],
  ): Promise<Array<{ stationId: string | null; prepMinutes: number } | null>> {
    const { catalog } = await this.current();
    return dishIds.map((id) => {
      const dish = catalog.get(id)?.dish;
      return dish ? { stationId: dish.stationId, prepMinutes: dish.prepMinutes } : null;
    });
  }

  async countedVariations(): Promise<ReadonlySet<string>> {
    return (await this.current()).counted;
  }

  private current(): Promise<MenuSnapshot> {
    if (this.until !== null && this.clock.now().getTime() >= this.until) {
      this.until = null;
      this.snapshot = null;
    }
    if (!this.snapshot) {
      const building = this.build();
      // A failed build is not kept: the next reader tries again.
      building.then(
        (built) => {
          if (this.snapshot === building) this.until = built.until;
        },
        () => {
          if (this.snapshot === building) this.snapshot = null;
        },
      );
      this.snapshot = building;
    }
    return this.snapshot;
  }

  private async build(): Promise<MenuSnapshot> {
    const manager = this.database.reader;
    const categories = (await manager.find(Category)).sort(bySortOrderThenName);
    const dishes = (await manager.find(Dish, { where: { deletedAt: IsNull() } })).sort(byName);
    const parts = await loadDishParts(manager, dishes);
    const offered = new Map(
      (await loadOfferedGroups(manager, await manager.find(ModifierGroup))).map((g) => [g.group.id, g]),
    );
    const activeCategories = new Set(categories.filter((c) => c.active).map((category) => category.id));
    const categoryRates = new Map(categories.map((category) => [category.id, category.taxRateIds]));
    const catalog = new Map<string, CatalogEntry>();
    const counted = new Set<string>();
    for (const { dish, variations, modifierGroupIds } of parts) {
      for (const variation of variations) if (variation.stockCount !== null) counted.add(variation.id);
      // A group deleted while the menu was being read is simply not offered in this build. A combo's options
      // are its choices'.
      const groups = dish.combo ? [] : modifierGroupIds.flatMap((id) => offered.get(id) ?? []);
      const orderable =
        dish.available &&
        dish.categoryId !== null &&
        activeCategories.has(dish.categoryId) &&
        choosable(groups);
      const taxRateIds =
        dish.taxRateIds.length > 0 ? dish.taxRateIds : (categoryRates.get(dish.categoryId ?? '') ?? []);
      catalog.set(dish.id, { dish, orderable, taxRateIds, variations, groups, slots: null });
    }
    // Combos last: whether they can be ordered follows the dishes they offer.
    for (const entry of catalog.values()) {
      if (!entry.dish.combo) continue;
      entry.slots = offeredSlots(entry.dish.combo, catalog);
      entry.orderable &&= entry.slots !== null;
    }
    const prices = await this.pricing.pricesAt(this.clock.now());
    const menu = menuView(
      categories.filter((category) => category.active),
      parts.filter(({ dish }) => catalog.get(dish.id)!.orderable),
      catalog,
      prices,
    );
    const body = Buffer.from(JSON.stringify(menu), 'utf8');
    return {
      menu,
      body,
      etag: `"${createHash('sha256').update(body).digest('hex')}"`,
      catalog,
      counted,
      until: prices.until === null ? null : prices.until.getTime(),
    };
  }
}

/** One order line against the catalog: what its item copies, or the line's problems. */
function orderableOf(catalog: Map<string, CatalogEntry>, line: OrderLine): Orderable | LineProblem[] {
  const entry = catalog.get(line.dishId);
  if (!entry) return [{ field: 'dishId', message: 'no such dish' }];
  if (!entry.orderable) return [{ field: 'dishId', message: 'is not available' }];
  const { dish, variations, groups, taxRateIds, slots } = entry;
  const variation = line.variationId
    ? variations.find((candidate) => candidate.id === line.variationId)
    : variations.length === 1
      ? variations[0]
      : undefined;
  if (!variation) {
    const message = line.variationId
      ? 'no such variation of this dish'
      : 'is required: the dish has several variations';
    return [{ field: 'variationId', message }];
  }
  if (variation.soldOut) return [{ field: 'variationId', message: 'is sold out', soldOut: true }];
  if (!variation.available) return [{ field: 'variationId', message: 'is not available' }];
  const chosen = chooseModifiers(groups, line.modifiers ?? []);
  if ('problems' in chosen) return chosen.problems;
  if (variation.price + sumDeltas(chosen.modifiers) < 0) {
    return [{ field: 'modifiers', message: 'would take the unit price below zero' }];
  }
  const combo = comboOf(slots, line.comboChoices);
  if ('problems' in combo) return combo.problems;
  return {
    ...combo,
    dishId: dish.id,
    // An orderable dish is in an active category.
    categoryId: dish.categoryId!,
    variationId: variation.id,
    name: dish.name,
    variationName: variation.name,
    unitPrice: variation.price,
    stationId: dish.stationId,
    prepMinutes: dish.prepMinutes,
    modifiers: chosen.modifiers,
    taxRateIds,
  };
}

/** A line's taken choices when its dish is a combo; choices on a plain dish are a problem. */
function comboOf(
  slots: OfferedSlot[] | null,
  choices: readonly ComboChoiceLine[] | undefined,
): { components?: ComponentOrderable[] } | { problems: LineProblem[] } {
  if (slots) return chooseComponents(slots, choices ?? []);
  return choices?.length ? { problems: [{ field: 'comboChoices', message: 'the dish is not a combo' }] } : {};
}

/** The guests' menu from active categories and orderable dishes (both sorted). */
function menuView(
  categories: Category[],
  parts: DishParts[],
  catalog: Map<string, CatalogEntry>,
  prices: MenuPrices,
): MenuView {
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
          .map(({ id, name, price, sortOrder }) => ({
            id,
            name,
            listPrice: price,
            ...prices.of({ categoryId: category.id, dishId: dish.id, variationId: id, listPrice: price }),
            sortOrder,
          })),
        modifierGroups: catalog
          .get(dish.id)!
          .groups.map((offered) => ModifierGroupView.of(offered, (option) => option.available))
          .filter((group) => group.options.length > 0),
        ...menuCombo(catalog.get(dish.id)!.slots),
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

/** A combo's slots on the menu, with the choices available now; nothing for a plain dish. */
function menuCombo(slots: OfferedSlot[] | null): { combo?: MenuComboView } {
  if (!slots) return {};
  return {
    combo: {
      slots: slots.map(({ slot, choices }) => ({
        name: slot.name,
        minChoices: slot.minChoices,
        maxChoices: slot.maxChoices,
        choices: choices.map(({ choice, part, variation }) => ({
          ...choice,
          name: part.dish.name,
          variationName: variation.name,
        })),
      })),
    },
  };
}
