import { Injectable, OnModuleInit } from '@nestjs/common';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import { EventType } from '../event-log/event-type';
import { MenuPricer, MenuPrices, MenuPricing } from '../menu/menu-pricing';
import { PriceLevel } from './price-level.entity';
import { resolvePrice, ResolvedPrice } from './price-resolution';

/** What a line is priced by: its variation's list price. */
export interface PriceLine {
  variationId: string;
  listPrice: number;
}

/** Where the line is ordered: the order's type and the level its table's area names (null: none or no table). */
export interface PriceContext {
  orderType: string;
  areaLevelId: string | null;
}

interface BookSnapshot {
  levels: Map<string, PriceLevel>;
  /** Per level id, its price of each variation it names. */
  levelPrices: Map<string, Map<string, number>>;
  /** The level each order type is priced by when the table's area names none. */
  byOrderType: Map<string, string>;
}

/**
 * The price levels kept in memory, so pricing an order line costs no statement; dropped when menu.changed passes
 * through the feed (every price level write is one), as the menu is.
 */
@Injectable()
export class PriceBook implements OnModuleInit, MenuPricer {
  private snapshot: Promise<BookSnapshot> | null = null;

  constructor(
    private readonly database: Database,
    private readonly feed: EventFeed,
    private readonly menuPricing: MenuPricing,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe((event) => {
      if (event.type === EventType.MenuChanged) this.snapshot = null;
    });
    this.menuPricing.use(this);
  }

  /** Whether any level exists: when none does, an order's area need not be looked up. */
  async hasLevels(): Promise<boolean> {
    return (await this.current()).levels.size > 0;
  }

  /**
   * The price of each line: the level of the table's area, else of the order type, prices the variations it names;
   * the others sell at their list price.
   */
  async price(lines: readonly PriceLine[], context: PriceContext): Promise<ResolvedPrice[]> {
    const book = await this.current();
    const levelId = context.areaLevelId ?? book.byOrderType.get(context.orderType) ?? null;
    const prices = levelId === null ? undefined : book.levelPrices.get(levelId);
    return lines.map(({ variationId, listPrice }) => {
      const price = prices?.get(variationId);
      const level = price === undefined ? null : { id: levelId!, price };
      return resolvePrice({ listPrice, level, rules: [] });
    });
  }

  /** What the menu built at `now` shows: each level's price of each variation, levels by id. */
  async pricesAt(): Promise<MenuPrices> {
    const book = await this.current();
    const levels = new Map<string, Array<{ priceLevelId: string; price: number }>>();
    for (const level of [...book.levels.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      for (const { variationId, price } of level.prices) {
        const list = levels.get(variationId) ?? [];
        list.push({ priceLevelId: level.id, price });
        levels.set(variationId, list);
      }
    }
    return {
      of: ({ variationId, listPrice }) => ({
        price: listPrice,
        priceRuleId: null,
        priceRuleName: null,
        levels: levels.get(variationId) ?? [],
      }),
      until: null,
    };
  }

  private current(): Promise<BookSnapshot> {
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

  private async build(): Promise<BookSnapshot> {
    const levels = await this.database.reader.find(PriceLevel);
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
    };
  }
}
