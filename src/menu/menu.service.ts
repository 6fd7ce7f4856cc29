import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { IsNull } from 'typeorm';
import { Clock } from '../common/time/clock';
import { setLongTimeout, LongTimer } from '../common/time/long-timer';
import { localTimeLabel } from '../common/time/wall-clock';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
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
import { menuTimes } from './schedules/menu-clock';
import { MenuSchedule } from './schedules/menu-schedule.entity';
import type { ScheduleState } from './schedules/schedule-window';

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
  /** For a dish that it or its category puts on a schedule: whether that lets it on now, until or from when. */
  schedule: ScheduleState | null;
  /** Why the dish cannot be ordered now, when its schedule is the reason: when it is next on. */
  offMenu: string | null;
  taxRateIds: readonly string[];
  variations: DishVariation[];
  groups: OfferedGroup[];
  /** A combo's slots with their available choices; null for a plain dish. */
  slots: OfferedSlot[] | null;
}

interface MenuSnapshot extends RenderedMenu {
  catalog: Map<string, CatalogEntry>;
  /** Ids of the variations whose stock is counted: only ordering those costs a statement. */
  counted: ReadonlySet<string>;
  /** The next window edge that changes what is shown (ms since the epoch); Infinity: none. */
  validUntil: number;
}

/** Called once per window edge the menu kept in memory passes (on each instance), with the edge. */
export type EdgeListener = (edge: Date) => void;

/** Event types after which the menu kept in memory is stale. */
const MENU_EVENTS: ReadonlySet<EventType> = new Set([
  EventType.MenuChanged,
  EventType.MenuAvailabilityChanged,
]);

/**
 * The public menu that guests and tablets read, and the dishes that order lines name. Built once from the database
 * and kept in memory; dropped when a menu event passes through the event feed (every instance tails the log),
 * so the next reader builds it again. Schedules do not make it per request: a build holds until the next window
 * edge that changes it; a timer (or the first reader after the edge) drops it then, and tells the edge listeners.
 */
@Injectable()
export class MenuService implements OnModuleInit, OnModuleDestroy {
  private snapshot: Promise<MenuSnapshot> | null = null;
  /** When the snapshot (once built) stops holding; Infinity while it is being built. */
  private expiresAt = Infinity;
  private edgeTimer: LongTimer | null = null;
  private readonly edgeListeners: EdgeListener[] = [];

  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
    private readonly pricing: MenuPricing,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe((event) => {
      if (!MENU_EVENTS.has(event.type)) return;
      this.snapshot = null;
    });
  }

  onModuleDestroy(): void {
    this.edgeTimer?.clear();
  }

  /** Lets a module act when the menu passes a window edge (raise menu.updated once across instances). */
  onScheduleEdge(listener: EdgeListener): void {
    this.edgeListeners.push(listener);
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
    if (this.snapshot && this.clock.now().getTime() >= this.expiresAt) {
      const edge = new Date(this.expiresAt);
      this.snapshot = null;
      for (const listener of this.edgeListeners) listener(edge);
    }
    if (!this.snapshot) {
      const building = this.build();
      this.expiresAt = Infinity;
      building.then(
        ({ validUntil }) => {
          if (this.snapshot !== building) return;
          this.expiresAt = validUntil;
          this.armEdgeTimer();
        },
        // A failed build is not kept: the next reader tries again.
        () => {
          if (this.snapshot === building) this.snapshot = null;
        },
      );
      this.snapshot = building;
    }
    return this.snapshot;
  }

  /** Rebuilds the menu at its edge even when nobody reads it, so the edge is announced on time. */
  private armEdgeTimer(): void {
    this.edgeTimer?.clear();
    this.edgeTimer = null;
    if (this.expiresAt === Infinity) return;
    this.edgeTimer = setLongTimeout(() => {
      if (this.clock.now().getTime() >= this.expiresAt) void this.current().catch(() => undefined);
      else this.armEdgeTimer();
    }, this.expiresAt - this.clock.now().getTime());
  }

  private async build(): Promise<MenuSnapshot> {
    const manager = this.database.reader;
    const now = this.clock.now();
    const categories = (await manager.find(Category)).sort(bySortOrderThenName);
    const schedules = await manager.find(MenuSchedule);
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
      const shown =
        dish.available &&
        dish.categoryId !== null &&
        activeCategories.has(dish.categoryId) &&
        choosable(groups);
      const taxRateIds =
        dish.taxRateIds.length > 0 ? dish.taxRateIds : (categoryRates.get(dish.categoryId ?? '') ?? []);
      catalog.set(dish.id, {
        dish,
        orderable: shown,
        schedule: null,
        offMenu: null,
        taxRateIds,
        variations,
        groups,
        slots: null,
      });
    }
    const times = menuTimes(
      categories,
      dishes,
      schedules,
      (dish) => catalog.get(dish.id)!.orderable,
      now,
      this.config.restaurantTimezone,
    );
    for (const [dishId, schedule] of times.dishes) {
      const entry = catalog.get(dishId)!;
      entry.schedule = schedule;
      if (schedule.on) continue;
      entry.orderable = false;
      entry.offMenu = offMenuMessage(schedule.nextOn, this.config.restaurantTimezone);
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
      // Rebuilt at the first edge of a schedule (what is shown) or of a price rule's schedule (what it costs).
      validUntil: Math.min(times.validUntil, prices.until?.getTime() ?? Infinity),
    };
  }
}

/** What ordering a dish off its schedule says: when it is next on, as an instant and on the restaurant clock. */
function offMenuMessage(nextOn: Date | null, timeZone: string): string {
  if (!nextOn) return "is off the menu: its schedule and its category's never run at the same time";
  return `is off the menu now; next on at ${nextOn.toISOString()} (${localTimeLabel(nextOn, timeZone)} local time)`;
}

/** One order line against the catalog: what its item copies, or the line's problems. */
function orderableOf(catalog: Map<string, CatalogEntry>, line: OrderLine): Orderable | LineProblem[] {
  const entry = catalog.get(line.dishId);
  if (!entry) return [{ field: 'dishId', message: 'no such dish' }];
  if (!entry.orderable) return [{ field: 'dishId', message: entry.offMenu ?? 'is not available' }];
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
        ...availableUntil(catalog.get(dish.id)!.schedule),
      }))
      .filter((dish) => dish.variations.length > 0);
    if (menuDishes.length === 0) continue;
    result.push({ id: category.id, name: category.name, sortOrder: category.sortOrder, dishes: menuDishes });
  }
  return { categories: result };
}

/** A scheduled dish's `availableUntil`; nothing for a dish no schedule limits. */
function availableUntil(schedule: ScheduleState | null): { availableUntil?: string | null } {
  return schedule ? { availableUntil: schedule.until?.toISOString() ?? null } : {};
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
