import { Database } from '../../src/database/database.service';
import { HqCatalogApplier, HqCatalogApplied } from '../../src/menu/hq-catalog/hq-catalog-applier';
import type { HqCatalogDish, HqCatalogDocument } from '../../src/menu/hq-catalog/hq-catalog-document';
import type { as } from './clients';
import type { Json } from './menu-fixture';
import type { TestApp } from './test-app';

/** Headquarters' burger, with a single and a double, on the grill in the mains; `changes` over it. */
export const burger = (changes: Partial<HqCatalogDish> = {}): HqCatalogDish => ({
  hqKey: 'dish-burger',
  name: 'Burger',
  description: 'Beef, bun, pickles',
  categoryKey: 'cat-mains',
  stationKey: 'st-grill',
  available: true,
  variations: [
    { hqKey: 'var-burger-single', name: 'Single', price: 1200, sortOrder: 0 },
    { hqKey: 'var-burger-double', name: 'Double', price: 1700, sortOrder: 1 },
  ],
  ...changes,
});
export const salad: HqCatalogDish = {
  hqKey: 'dish-salad',
  name: 'Salad',
  description: '',
  categoryKey: 'cat-mains',
  stationKey: null,
  available: true,
  variations: [{ hqKey: 'var-salad', name: 'Regular', price: 900, sortOrder: 0 }],
};
export const cola: HqCatalogDish = {
  hqKey: 'dish-cola',
  name: 'Cola',
  description: '',
  categoryKey: 'cat-drinks',
  stationKey: null,
  available: true,
  variations: [{ hqKey: 'var-cola', name: '0.33 l', price: 300, sortOrder: 0 }],
};
export const MAINS = { hqKey: 'cat-mains', name: 'Mains', sortOrder: 1 };
export const DRINKS = { hqKey: 'cat-drinks', name: 'Drinks', sortOrder: 2 };
export const GRILL = { hqKey: 'st-grill', name: 'Grill' };

/**
 * Applying headquarters' catalog in the spec's process, as a site does after a pull (HqCatalogApplier), and reading
 * back what it made. Takes getters, as menuFixture does.
 */
export function hqCatalogFixture(app: () => TestApp, api: () => ReturnType<typeof as>) {
  return {
    apply: (document: HqCatalogDocument): Promise<HqCatalogApplied> =>
      app()
        .app.get(Database)
        .transaction((tx) => app().app.get(HqCatalogApplier).apply(tx, document)),
    /** The dish made for `hqKey`, as GET /dishes/{id} answers. */
    dishByKey: async (hqKey: string): Promise<Json> => {
      const [row] = await app().dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM dishes WHERE hq_key = $1',
        [hqKey],
      );
      return (await api().get(`/api/v1/dishes/${row.id}`)).body;
    },
    /** The data of the events of `type`. */
    eventsOf: async (type: string): Promise<unknown[]> =>
      (await app().dataSource.query<Array<{ type: string; data: string }>>('SELECT type, data FROM events'))
        .filter((row) => row.type === type)
        .map((row): unknown => JSON.parse(row.data)),
  };
}
