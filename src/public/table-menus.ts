import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import type { DiningTable } from '../floor/table.entity';
import type { MenuView } from '../menu/dto/menu.views';
import { MenuService } from '../menu/menu.service';
import { PriceBook } from '../pricing/price-book';

/**
 * The menu a table's guests see, priced as their dine-in lines will be. GET /menu shows prices before any price
 * level; a table whose lines a level prices (its area's, else dine-in's) gets a copy priced by that level (under
 * a rule in force), made once per menu build and level, never per request. A level or area change is
 * menu.changed, and a rule's edge rebuilds the menu, so a copy lives exactly as long as the prices it shows.
 */
@Injectable()
export class TableMenus {
  private readonly copies = new WeakMap<MenuView, Map<string, Promise<MenuView>>>();

  constructor(
    private readonly menus: MenuService,
    private readonly priceBook: PriceBook,
    private readonly clock: Clock,
  ) {}

  async of(table: DiningTable): Promise<MenuView> {
    const menu = await this.menus.menu();
    const levelId = await this.priceBook.dineInLevel(table.locationId);
    if (levelId === null) return menu;
    const byLevel = this.copies.get(menu) ?? new Map<string, Promise<MenuView>>();
    this.copies.set(menu, byLevel);
    const copy = byLevel.get(levelId) ?? this.priced(menu, levelId);
    byLevel.set(levelId, copy);
    return copy;
  }

  private async priced(menu: MenuView, levelId: string): Promise<MenuView> {
    const prices = await this.priceBook.pricesAt(this.clock.now(), levelId);
    return {
      ...menu,
      categories: menu.categories.map((category) => ({
        ...category,
        dishes: category.dishes.map((dish) => ({
          ...dish,
          variations: dish.variations.map((variation) => {
            const { price, priceRuleId, priceRuleName } = prices.of({
              categoryId: category.id,
              dishId: dish.id,
              variationId: variation.id,
              listPrice: variation.listPrice,
            });
            return { ...variation, price, priceRuleId, priceRuleName };
          }),
        })),
      })),
    };
  }
}
