import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
import { Snapshot } from '../event-log/snapshot';
import { MenuOffer, MenuPricer, MenuPrices, MenuPricing } from '../menu/menu-pricing';
import { MenuSchedule } from '../menu/schedules/menu-schedule.entity';
import { nextEdge, scheduleState, ScheduleState } from '../menu/schedules/schedule-window';
import { OrderType } from '../common/order-type';
import { AreaPriceLevels } from './area-price-levels';
import { PriceLevel } from './price-level.entity';
import { resolvePrice, ResolvedPrice, RuleCandidate } from './price-resolution';
import { PriceRule, ruleValue } from './price-rule.entity';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

/** What a line is priced by: what it is (for the rules' targets) and its variation's list price. */
export type PriceLine = MenuOffer;

/** Where the line is ordered: the order's type and its table's area (null: no table). */
export interface PriceContext {
  orderType: string;
  locationId: string | null;
}

interface BookSnapshot {
  levels: Map<string, PriceLevel>;
  /** Per level id, its price of each variation it names. */
  levelPrices: Map<string, Map<string, number>>;
  /** The level each order type is priced by when the table's area names none. */
  byOrderType: Map<string, string>;
  /** The level each area (location) that names one prices its tables by. */
  areaLevels: Map<string, string>;
  rules: PriceRule[];
  schedules: Map<string, MenuSchedule>;
}

/**
 * The price levels and rules (with their schedules) and the areas' levels kept in memory, so pricing an order line
 * costs no statement; dropped when menu.changed passes through the feed (every level, rule and schedule write is
 * one, and so is a change of an area's level), as the menu is.
 */
@Injectable()
export class PriceBook implements OnModuleInit, MenuPricer {
  private readonly book = new Snapshot(() => this.build());

  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
    private readonly menuPricing: MenuPricing,
    private readonly areaLevels: AreaPriceLevels,
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
  ) {}

  onModuleInit(): void {
    this.book.dropOn(this.feed, [EventType.MenuChanged]);
    this.menuPricing.use(this);
  }

  /** Whether any area names a level: when none does, an order's area need not be looked up. */
  async pricesByArea(): Promise<boolean> {
    return (await this.book.current()).areaLevels.size > 0;
  }

  /** The level that prices a dine-in line at a table in `locationId`: its area's, else dine-in's; null: none. */
  async dineInLevel(locationId: string): Promise<string | null> {
    const book = await this.book.current();
    return book.areaLevels.get(locationId) ?? book.byOrderType.get(OrderType.DineIn) ?? null;
  }

  /**
   * The price of each line ordered at `now` (see resolvePrice): the rules in force for the order's type and the
   * line; the level of the table's area, else of the order type, for the variations it names; the list price.
   */
  async price(lines: readonly PriceLine[], context: PriceContext, now: Date): Promise<ResolvedPrice[]> {
    const book = await this.book.current();
    const areaLevelId = context.locationId === null ? undefined : book.areaLevels.get(context.locationId);
    const levelId = areaLevelId ?? book.byOrderType.get(context.orderType) ?? null;
    const prices = levelId === null ? undefined : book.levelPrices.get(levelId);
    const inForce = this.rulesInForce(book, context.orderType, now);
    return lines.map((line) => {
      const price = prices?.get(line.variationId);
      const level = price === undefined ? null : { id: levelId!, price };
      return resolvePrice({ listPrice: line.listPrice, level, rules: inForce(line) });
    });
  }

  /**
   * What the menu built at `now` shows: the price in force for a dine-in line priced by `levelId` (by default
   * none: GET /menu's), with the rule that sets it; each level's price of each variation, levels by id; and the
   * next edge of a schedule a rule names, when the menu must be built again.
   */
  async pricesAt(now: Date, levelId: string | null = null): Promise<MenuPrices> {
    const book = await this.book.current();
    const inForce = this.rulesInForce(book, OrderType.DineIn, now);
    const levelPrices = levelId === null ? undefined : book.levelPrices.get(levelId);
    const names = new Map(book.rules.map((rule) => [rule.id, rule.name]));
    const levels = new Map<string, Array<{ priceLevelId: string; price: number }>>();
    for (const level of [...book.levels.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      for (const { variationId, price } of level.prices) {
        const list = levels.get(variationId) ?? [];
        list.push({ priceLevelId: level.id, price });
        levels.set(variationId, list);
      }
    }
    const edges = [...new Set(book.rules.map((rule) => rule.scheduleId))].flatMap((id) => {
      const edge = nextEdge(this.stateOf(book, id, now));
      return edge ? [edge.getTime()] : [];
    });
    return {
      of: (offer) => {
        const levelPrice = levelPrices?.get(offer.variationId);
        const { unitPrice, priceRuleId } = resolvePrice({
          listPrice: offer.listPrice,
          level: levelPrice === undefined ? null : { id: levelId!, price: levelPrice },
          rules: inForce(offer),
        });
        return {
          price: unitPrice,
          priceRuleId,
          priceRuleName: priceRuleId === null ? null : names.get(priceRuleId)!,
          levels: levels.get(offer.variationId) ?? [],
        };
      },
      until: edges.length > 0 ? new Date(Math.min(...edges)) : null,
    };
  }

  /** The rules in force at `now` on orders of `orderType`, as candidates for one line. */
  private rulesInForce(
    book: BookSnapshot,
    orderType: string,
    now: Date,
  ): (line: PriceLine) => RuleCandidate[] {
    const states = new Map<string, boolean>();
    const on = (scheduleId: string): boolean => {
      let state = states.get(scheduleId);
      if (state === undefined) states.set(scheduleId, (state = this.stateOf(book, scheduleId, now).on));
      return state;
    };
    const rules = book.rules.filter((rule) => rule.orderTypes.includes(orderType));
    return (line) =>
      rules
        .filter(
          (rule) =>
            (rule.variationId === line.variationId ||
              rule.dishId === line.dishId ||
              rule.categoryId === line.categoryId) &&
            on(rule.scheduleId),
        )
        .map((rule) => ({ id: rule.id, kind: rule.kind, value: ruleValue(rule) }));
  }

  private stateOf(book: BookSnapshot, scheduleId: string, now: Date): ScheduleState {
    const schedule = book.schedules.get(scheduleId);
    // A rule's schedule exists (a foreign key); one deleted while the book was read is simply off.
    if (!schedule) return { on: false, until: null, nextOn: null };
    return scheduleState(schedule.windows, now, this.restaurant.timezone);
  }

  private async build(): Promise<BookSnapshot> {
    const reader = this.database.reader;
    const levels = await reader.find(PriceLevel);
    const rules = await reader.find(PriceRule, { order: { id: 'ASC' } });
    const schedules = rules.length > 0 ? await reader.find(MenuSchedule) : [];
    const areaLevels = await this.areaLevels.read();
    const byOrderType = new Map<string, string>();
    for (const level of levels) for (const type of level.orderTypes) byOrderType.set(type, level.id);
    return {
      levels: new Map(levels.map((level) => [level.id, level])),
      levelPrices: new Map(
        levels.map((level) => [
          level.id,
          new Map(level.prices.map(({ variationId, price }) => [variationId, price])),
        ]),
      ),
      byOrderType,
      areaLevels,
      rules,
      schedules: new Map(schedules.map((schedule) => [schedule.id, schedule])),
    };
  }
}
