import { as, Server, Session } from './clients';

/** Data factories over the admin API, so specs read as what a restaurant does. */
export function factories(t: Server, admin: Session) {
  const post = async <T>(path: string, body: object): Promise<T> => {
    const response = await as(t, admin).post(path).send(body);
    if (response.status !== 201)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  const make = {
    newTable: async (name = 'T1') => {
      const location = await post<{ id: string }>('/api/v1/locations', { name: `Room for ${name}` });
      return post<{ id: string; name: string; qrToken: string }>('/api/v1/tables', {
        name,
        locationId: location.id,
        seats: 4,
      });
    },
    newCategory: (name = 'Mains', sortOrder = 0) =>
      post<{ id: string; name: string }>('/api/v1/categories', { name, sortOrder }),
    newModifierGroup: (body: {
      name: string;
      minChoices: number;
      maxChoices: number;
      options: Array<{ name: string; priceDelta: number; sortOrder: number }>;
    }) => post<{ id: string }>('/api/v1/modifier-groups', body),
    /** A tax rate; `isDefault` makes every dish without rates of its own (or its category's) carry it. */
    newTaxRate: (body: { name: string; percent: number; isDefault?: boolean }) =>
      post<{ id: string; name: string; percent: number }>('/api/v1/tax-rates', body),
    newStation: (name = 'Grill') => post<{ id: string; name: string }>('/api/v1/stations', { name }),
    newIngredient: (name: string, allergens: string[]) =>
      post<{ id: string }>('/api/v1/ingredients', { name, allergens }),
    newDish: (body: {
      name: string;
      categoryId: string;
      stationId: string;
      price?: number;
      variations?: Array<{ name: string; price: number }>;
      description?: string;
      ingredientIds?: string[];
      taxRateIds?: string[];
    }) =>
      post<{ id: string; name: string; variations: Array<{ id: string; name: string; price: number }> }>(
        '/api/v1/dishes',
        body,
      ),
    /** A small restaurant: a grill and a bar, a burger (two sizes), fries and a beer, and a dining table. */
    newRestaurant: async () => {
      const suffix = Math.random().toString(36).slice(2, 7);
      const grill = await make.newStation(`Grill ${suffix}`);
      const bar = await make.newStation(`Bar ${suffix}`);
      const category = await make.newCategory(`Food ${suffix}`);
      const burger = await post<DishBody>('/api/v1/dishes', {
        name: `Burger ${suffix}`,
        categoryId: category.id,
        stationId: grill.id,
        prepMinutes: 12,
        variations: [
          { name: 'Regular', price: 1200 },
          { name: 'Double', price: 1650 },
        ],
      });
      const fries = await post<DishBody>('/api/v1/dishes', {
        name: `Fries ${suffix}`,
        categoryId: category.id,
        stationId: grill.id,
        prepMinutes: 6,
        price: 450,
      });
      const beer = await post<DishBody>('/api/v1/dishes', {
        name: `Beer ${suffix}`,
        categoryId: category.id,
        stationId: bar.id,
        prepMinutes: 2,
        price: 550,
      });
      const table = await make.newTable(`T-${suffix}`);
      return { grill, bar, category, burger, fries, beer, table };
    },
  };
  return make;
}

type DishBody = { id: string; name: string; variations: Array<{ id: string; name: string; price: number }> };

/** The small restaurant of newRestaurant(). */
export type Restaurant = Awaited<ReturnType<ReturnType<typeof factories>['newRestaurant']>>;
