import { Injectable } from '@nestjs/common';

/** A variation as the menu offers it, for pricing. */
export interface MenuOffer {
  categoryId: string;
  dishId: string;
  variationId: string;
  listPrice: number;
}

/** What GET /menu shows of one variation's pricing. */
export interface OfferPrices {
  /** The price in force for a dine-in line priced by no level (a rule's, else the list price). */
  price: number;
  priceRuleId: string | null;
  priceRuleName: string | null;
  /** Every price level's price of it, by level id. */
  levels: Array<{ priceLevelId: string; price: number }>;
}

/** The prices of one menu build, and when they next change by the clock alone (null: only a write changes them). */
export interface MenuPrices {
  of(offer: MenuOffer): OfferPrices;
  until: Date | null;
}

export interface MenuPricer {
  pricesAt(now: Date): Promise<MenuPrices>;
}

const LIST_PRICES: MenuPrices = {
  of: ({ listPrice }) => ({ price: listPrice, priceRuleId: null, priceRuleName: null, levels: [] }),
  until: null,
};

/**
 * Where pricing, a module above the menu, plugs in what the menu shows of prices; without it, list prices. The
 * menu asks once per build, so prices cost GET /menu nothing.
 */
@Injectable()
export class MenuPricing {
  private pricer: MenuPricer | null = null;

  use(pricer: MenuPricer): void {
    this.pricer = pricer;
  }

  pricesAt(now: Date): Promise<MenuPrices> {
    return this.pricer ? this.pricer.pricesAt(now) : Promise.resolve(LIST_PRICES);
  }
}
