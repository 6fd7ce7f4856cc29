import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { PrebuiltReplies } from '../common/http/prebuilt-replies';
import { Clock } from '../common/time/clock';
import { setLongTimeout, LongTimer } from '../common/time/long-timer';
import { localTimeLabel } from '../common/time/wall-clock';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
import { Snapshot } from '../event-log/snapshot';
import { loadDishParts } from './dish-loader';
import type { MenuView } from './dto/menu.views';
import { Category, Dish, ModifierGroup } from './menu.entities';
import { MenuPricing } from './menu-pricing';
import { byName, bySortOrderThenName } from './menu-order';
import { choosable } from './modifier-choices';
import { loadOfferedGroups } from './modifier-rows';
import { offeredSlots } from './combos';
import { CatalogEntry, LineProblem, Orderable, OrderLine, orderableOf } from './menu-catalog';
import { menuView } from './menu-view';
import { RenderedBody, renderBody } from '../common/http/revalidated';
import { menuTimes } from './schedules/menu-clock';
import { MenuSchedule } from './schedules/menu-schedule.entity';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

/** The menu, with its JSON body and ETag. */
export interface RenderedMenu extends RenderedBody {
  menu: MenuView;
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
const MENU_EVENTS = [EventType.MenuChanged, EventType.MenuAvailabilityChanged];

/**
 * The public menu that guests and tablets read, and the dishes that order lines name. Built once from the database
 * and kept in memory; dropped when a menu event passes through the event feed (every instance tails the log),
 * so the next reader builds it again. Schedules do not make it per request: a build holds until the next window
 * edge that changes it; a timer (or the first reader after the edge) drops it then, and tells the edge listeners.
 */
@Injectable()
export class MenuService implements OnModuleInit, OnModuleDestroy {
  private readonly snapshot = new Snapshot(
    () => {
      this.expiresAt = Infinity;
      return this.build();
    },
    ({ validUntil }) => {
      this.expiresAt = validUntil;
      this.armEdgeTimer();
    },
  );
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
    private readonly restaurant: RestaurantProfile,
    private readonly replies: PrebuiltReplies,
  ) {}

  onModuleInit(): void {
    this.snapshot.dropOn(this.feed, MENU_EVENTS);
    this.replies.register('menu', () => this.rendered());
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
   * The tax rate ids a dish names now (its own, else its category's; empty: the default rates), from the menu in
   * memory, whether or not it can be ordered now; null for a dish deleted since.
   */
  async taxRateIdsOf(dishId: string): Promise<readonly string[] | null> {
    const { catalog } = await this.current();
    return catalog.get(dishId)?.taxRateIds ?? null;
  }

  /**
   * The variations whose stock is counted, from the menu in memory: ordering the others (nearly all) costs no
   * statement. Setting or clearing a count is a menu change, which replaces the menu on every instance.
   */
  async countedVariations(): Promise<ReadonlySet<string>> {
    return (await this.current()).counted;
  }

  private current(): Promise<MenuSnapshot> {
    if (this.snapshot.held && this.clock.now().getTime() >= this.expiresAt) {
      const edge = new Date(this.expiresAt);
      this.snapshot.drop();
      for (const listener of this.edgeListeners) listener(edge);
    }
    return this.snapshot.current();
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
      this.restaurant.timezone,
    );
    for (const [dishId, schedule] of times.dishes) {
      const entry = catalog.get(dishId)!;
      entry.schedule = schedule;
      if (schedule.on) continue;
      entry.orderable = false;
      entry.offMenu = offMenuMessage(schedule.nextOn, this.restaurant.timezone);
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
    return {
      menu,
      ...renderBody(menu),
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
