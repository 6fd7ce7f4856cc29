import type { ChosenModifier, ModifierGroup } from '../qr-cart-rules.js';

/** The public menu's JSON as the cart reads it (GET /api/v1/public/tables/:qrToken). */
export interface MenuVariation {
  id: string;
  name: string;
  price: number;
  available?: boolean;
}

export interface MenuDish {
  id: string;
  name: string;
  description: string;
  variations: MenuVariation[];
  modifierGroups?: ModifierGroup[];
}

/** A line of the guest's cart. */
export interface GuestLine {
  key: string;
  dishId: string;
  dishName: string;
  variationId: string;
  /** Empty for a dish with one variation. */
  variationName: string;
  modifiers: ChosenModifier[];
  comment: string;
  quantity: number;
  unitPrice: number;
  /** Sold out since it was added: shown, but neither counted nor sent. */
  unavailable: boolean;
}

interface PublicTable {
  menu: { categories: Array<{ dishes: MenuDish[] }> };
}

/** The table's menu, read again whenever availability changes, for variations, modifier groups and prices. */
export class MenuData {
  private dishes = new Map<string, MenuDish>();
  private loading: Promise<void> | null = null;

  constructor(
    private readonly tableUrl: string,
    private readonly loaded: () => void,
  ) {}

  load(): Promise<void> {
    const loading = fetch(this.tableUrl, { cache: 'no-store', headers: { Accept: 'application/json' } })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<PublicTable>;
      })
      .then((view) => {
        this.dishes = new Map(
          view.menu.categories.flatMap((category) => category.dishes).map((dish) => [dish.id, dish]),
        );
        this.loaded();
      });
    this.loading = loading;
    loading.catch(() => {
      if (this.loading === loading) this.loading = null;
    });
    return loading;
  }

  /** The menu as last read (reading it first if needed). */
  ready(): Promise<void> {
    return this.loading ?? this.load();
  }

  dish(id: string): MenuDish | undefined {
    return this.dishes.get(id);
  }

  /** Whether the menu still offers the line's dish, variation and every one of its options. */
  offers(line: Pick<GuestLine, 'dishId' | 'variationId' | 'modifiers'>): boolean {
    const dish = this.dishes.get(line.dishId);
    if (!dish || !variationOf(dish, line.variationId)) return false;
    const options = new Set(
      (dish.modifierGroups ?? []).flatMap((group) =>
        group.options.filter((option) => option.available !== false).map((option) => option.id),
      ),
    );
    return line.modifiers.every((modifier) => options.has(modifier.optionId));
  }
}

/** The dish's variation with `id`, if it is available. */
export function variationOf(dish: MenuDish, id: string): MenuVariation | undefined {
  return dish.variations.find((variation) => variation.id === id && variation.available !== false);
}
