import type { HqCatalogDocument } from '../src/menu/hq-catalog/hq-catalog-document';
import { DishVariation } from '../src/menu/menu.entities';
import { as, newKitchen } from './support/clients';
import { burger, cola, DRINKS, GRILL, hqCatalogFixture, MAINS, salad } from './support/hq-catalog-fixture';
import { menuSpec } from './support/menu-fixture';

const FIRST: HqCatalogDocument = {
  categories: [MAINS, DRINKS],
  stations: [GRILL],
  dishes: [burger(), salad, cola],
};

/** The second publication: the burger renamed, its single repriced, its double gone, a triple new; cola gone. */
const SECOND: HqCatalogDocument = {
  categories: [MAINS],
  stations: [GRILL],
  dishes: [
    burger({
      name: 'Cheeseburger',
      variations: [
        { hqKey: 'var-burger-single', name: 'Single', price: 1300, sortOrder: 0 },
        { hqKey: 'var-burger-triple', name: 'Triple', price: 2100, sortOrder: 2 },
      ],
    }),
    salad,
    {
      ...salad,
      hqKey: 'dish-fries',
      name: 'Fries',
      available: false,
      variations: [{ hqKey: 'var-fries', name: 'Regular', price: 400, sortOrder: 0 }],
    },
  ],
};

interface MenuBody {
  categories: Array<{
    name: string;
    dishes: Array<{ id: string; name: string; variations: Array<{ name: string; price: number }> }>;
  }>;
}

/** What guests see: each category's dishes with their variations' prices. */
const shown = (body: MenuBody) =>
  Object.fromEntries(
    body.categories.map((category) => [
      category.name,
      Object.fromEntries(
        category.dishes.map((dish) => [
          dish.name,
          dish.variations.map((variation) => `${variation.name} ${variation.price}`),
        ]),
      ),
    ]),
  );

describe("Headquarters' catalog applied on a site", () => {
  const { app, api, newCategory, newDish, auditOf, count } = menuSpec();

  const { apply, dishByKey, eventsOf } = hqCatalogFixture(app, api);
  const menu = async () => shown((await app().http().get('/api/v1/menu').expect(200)).body as MenuBody);

  it('makes the categories, stations, dishes and prices of the first publication, in one audit entry', async () => {
    const changedBefore = (await eventsOf('menu.changed')).length;
    const applied = await apply(FIRST);
    expect(applied).toEqual({
      created: 10,
      updated: 0,
      removed: 0,
      categories: { created: 2, updated: 0, removed: 0 },
      stations: { created: 1, updated: 0, removed: 0 },
      dishes: { created: 3, updated: 0, removed: 0 },
      variations: { created: 4, updated: 0, removed: 0 },
      modifierGroups: { created: 0, updated: 0, removed: 0 },
      modifierOptions: { created: 0, updated: 0, removed: 0 },
    });
    expect(await menu()).toEqual({
      Mains: { Burger: ['Single 1200', 'Double 1700'], Salad: ['Regular 900'] },
      Drinks: { Cola: ['0.33 l 300'] },
    });
    const dish = await dishByKey('dish-burger');
    expect(dish).toMatchObject({ name: 'Burger', hqKey: 'dish-burger', description: 'Beef, bun, pickles' });
    expect(dish.variations.map((variation: { hqKey: string }) => variation.hqKey)).toEqual([
      'var-burger-single',
      'var-burger-double',
    ]);
    const station = (await api().get(`/api/v1/stations/${dish.stationId}`)).body;
    expect(station).toMatchObject({ name: 'Grill', hqKey: 'st-grill' });
    const category = (await api().get(`/api/v1/categories/${dish.categoryId}`)).body;
    expect(category).toMatchObject({ name: 'Mains', sortOrder: 1, active: true, hqKey: 'cat-mains' });
    const audits = await auditOf('menu.hq_catalog_applied');
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].after!)).toEqual(applied);
    expect((await eventsOf('menu.changed')).length).toBe(changedBefore + 1);

    // The same document again changes nothing and duplicates nothing.
    expect(await apply(FIRST)).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(await count('dishes')).toBe(3);
  });

  it("refuses changes to what headquarters owns (409 MANAGED_BY_HQ) and takes the site's own", async () => {
    const dish = await dishByKey('dish-burger');
    const [single, double] = dish.variations;
    const refused = [
      api().patch(`/api/v1/dishes/${dish.id}`).send({ name: 'Big burger' }),
      api().patch(`/api/v1/dishes/${dish.id}`).send({ description: 'Better', prepMinutes: 20 }),
      api().delete(`/api/v1/dishes/${dish.id}`),
      api().patch(`/api/v1/dishes/${dish.id}/variations/${single.id}`).send({ price: 999 }),
      api().patch(`/api/v1/dishes/${dish.id}/variations/${single.id}`).send({ name: 'Small' }),
      api().delete(`/api/v1/dishes/${dish.id}/variations/${double.id}`),
      api().post(`/api/v1/dishes/${dish.id}/variations`).send({ name: 'Kids', price: 800 }),
      api().patch(`/api/v1/categories/${dish.categoryId}`).send({ name: 'Big plates' }),
      api().delete(`/api/v1/categories/${dish.categoryId}`),
      api().patch(`/api/v1/stations/${dish.stationId}`).send({ name: 'Fire' }),
      api().delete(`/api/v1/stations/${dish.stationId}`),
    ];
    const fields: string[] = [];
    for (const request of refused) {
      const response = await request;
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('MANAGED_BY_HQ');
      expect(response.body.error.message).toMatch(/managed by headquarters/);
      fields.push(response.body.error.details.map((detail: { field: string }) => detail.field).join());
    }
    expect(fields).toEqual([
      'name',
      'description',
      'delete',
      'price',
      'name',
      'delete',
      'variations',
      'name',
      'delete',
      'name',
      'delete',
    ]);
    expect(await dishByKey('dish-burger')).toEqual(dish);

    // The site keeps its prep time, the variation's order, the same name sent again, its availability.
    const kept = await api()
      .patch(`/api/v1/dishes/${dish.id}`)
      .send({ name: 'Burger', prepMinutes: 12 })
      .expect(200);
    expect(kept.body).toMatchObject({ name: 'Burger', prepMinutes: 12 });
    await api()
      .patch(`/api/v1/dishes/${dish.id}/variations/${single.id}`)
      .send({ price: 1200, sortOrder: 0 })
      .expect(200);
    await api().patch(`/api/v1/categories/${dish.categoryId}`).send({ sortOrder: 1 }).expect(200);
    const kitchen = await newKitchen(app());
    const salad86 = await dishByKey('dish-salad');
    await as(app(), kitchen.session)
      .patch(`/api/v1/dishes/${salad86.id}/availability`)
      .send({ available: false })
      .expect(200);
    expect(await menu()).toEqual({
      Mains: { Burger: ['Single 1200', 'Double 1700'] },
      Drinks: { Cola: ['0.33 l 300'] },
    });
  });

  it("applies a second publication over the site's own dishes and its 86, which stay", async () => {
    const mains = (await dishByKey('dish-burger')).categoryId;
    const own = await newCategory('Site specials', { sortOrder: 5 });
    const soup = await newDish({ name: 'Soup of the day', categoryId: own.id, price: 650 });
    const stew = await newDish({ name: 'Stew', categoryId: mains, price: 1100 });
    await api().patch(`/api/v1/dishes/${stew.id}`).send({ name: 'Irish stew' }).expect(200);
    const colaBefore = await dishByKey('dish-cola');
    const offBefore = (await eventsOf('menu.availability_changed')).length;

    const applied = await apply(SECOND);
    expect(applied).toMatchObject({
      categories: { created: 0, updated: 0, removed: 1 },
      dishes: { created: 1, updated: 1, removed: 1 },
      variations: { created: 2, updated: 1, removed: 1 },
    });
    // Fries come off sale as headquarters says; the salad stays 86'd by the site, though HQ sends available: true.
    expect(await menu()).toEqual({
      Mains: { Cheeseburger: ['Single 1300', 'Triple 2100'], 'Irish stew': ['Regular 1100'] },
      'Site specials': { 'Soup of the day': ['Regular 650'] },
    });
    expect(await dishByKey('dish-fries')).toMatchObject({ available: false, hqKey: 'dish-fries' });
    expect(await dishByKey('dish-salad')).toMatchObject({ available: false });
    expect((await api().get(`/api/v1/dishes/${soup.id}`)).body).toEqual(soup);
    expect((await eventsOf('menu.availability_changed')).length).toBe(offBefore);
    // Cola is deleted as the menu deletes; its category made inactive, not deleted.
    await api().get(`/api/v1/dishes/${colaBefore.id}`).expect(404);
    const drinks = (await api().get(`/api/v1/categories/${colaBefore.categoryId}`)).body;
    expect(drinks).toMatchObject({ name: 'Drinks', active: false });
  });

  it('takes an HQ dish off sale with the 86 announcement, and revives a deleted one rather than duplicate it', async () => {
    const cheeseburger = await dishByKey('dish-burger');
    const colaId = (
      await app().dataSource.query<Array<{ id: string }>>("SELECT id FROM dishes WHERE hq_key = 'dish-cola'")
    )[0].id;
    await apply({
      ...SECOND,
      dishes: [...SECOND.dishes.slice(1), { ...SECOND.dishes[0], available: false }],
    });
    expect((await eventsOf('menu.availability_changed')).slice(-1)).toEqual([
      { dishId: cheeseburger.id, available: false },
    ]);
    // Back with available: true, the dish stays off until the site brings it back: its availability is the site's.
    await apply({ ...FIRST, dishes: [...SECOND.dishes, cola] });
    expect(await dishByKey('dish-burger')).toMatchObject({ available: false });
    await api().patch(`/api/v1/dishes/${cheeseburger.id}/availability`).send({ available: true }).expect(200);
    const revived = await dishByKey('dish-cola');
    expect(revived).toMatchObject({ id: colaId, name: 'Cola', available: true });
    expect(await count('dishes')).toBe(6);
    expect((await menu()).Drinks).toEqual({ Cola: ['0.33 l 300'] });
  });

  it('refuses a document it cannot apply, saying why, and writes nothing', async () => {
    const before = await menu();
    const audits = (await auditOf('menu.hq_catalog_applied')).length;
    const dishes = await count('dishes');
    const good = { ...FIRST, dishes: [...SECOND.dishes, cola] };
    const fresh = { ...salad, hqKey: 'dish-new', name: 'New dish' };
    const cases: Array<[HqCatalogDocument, RegExp]> = [
      [
        { ...good, dishes: [...good.dishes, { ...fresh, categoryKey: 'cat-nowhere' }] },
        /dishes\[4\]\.categoryKey names the category "cat-nowhere", which the catalog does not have/,
      ],
      [
        { ...good, dishes: [...good.dishes, { ...fresh, stationKey: 'st-nowhere' }] },
        /dishes\[4\]\.stationKey names the station "st-nowhere"/,
      ],
      [
        { ...good, dishes: [...good.dishes, { ...fresh, hqKey: 'dish-cola' }] },
        /repeats the hqKey "dish-cola"/,
      ],
      [
        {
          ...good,
          dishes: [...good.dishes, { ...fresh, variations: [{ ...fresh.variations[0], price: -1 }] }],
        },
        /dishes\[4\]\.variations\[0\]\.price must be an amount in minor units from 0/,
      ],
      [
        {
          ...good,
          dishes: [
            ...good.dishes,
            {
              ...fresh,
              variations: [
                { hqKey: 'var-new-1', name: 'Large', price: 100, sortOrder: 0 },
                { hqKey: 'var-new-2', name: 'large', price: 200, sortOrder: 1 },
              ],
            },
          ],
        },
        /dishes\[4\]\.variations\[1\]\.name repeats the name of dishes\[4\]\.variations\[0\]/,
      ],
      [
        { ...good, dishes: [...good.dishes, { ...fresh, variations: [] }] },
        /must have at least one variation/,
      ],
    ];
    for (const [document, reason] of cases) {
      await expect(apply(document)).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: reason });
    }
    // A variation the site's own would clash with under the menu's rule of one name per dish, whatever its case.
    const saladId = (await dishByKey('dish-salad')).id;
    await app().dataSource.getRepository(DishVariation).insert({
      id: '00000000-0000-4000-8000-000000000001',
      dishId: saladId,
      name: 'Half',
      price: 500,
      sortOrder: 1,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const half = { hqKey: 'var-salad-half', name: 'half', price: 450, sortOrder: 1 };
    const clashing = {
      ...good,
      dishes: good.dishes.map((dish) =>
        dish.hqKey === 'dish-salad' ? { ...dish, variations: [...dish.variations, half] } : dish,
      ),
    };
    await expect(apply(clashing)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: /dishes\[1\]\.variations\[1\]\.name clashes with the variation "Half" the site added/,
    });
    expect(await menu()).toEqual(before);
    expect(await count('dishes')).toBe(dishes);
    expect((await auditOf('menu.hq_catalog_applied')).length).toBe(audits);
  });

  it("maps an HQ combo's choices to the site's dishes, and will not make a combo of a dish the site's own combo offers", async () => {
    const document = { ...FIRST, dishes: [burger(), salad, cola] };
    await apply(document);
    const saladDish = await dishByKey('dish-salad');
    const colaDish = await dishByKey('dish-cola');
    const slot = (dishKey: string, variationKey: string) => ({
      name: 'Side',
      minChoices: 1,
      maxChoices: 1,
      choices: [{ dishKey, variationKey, upcharge: 0 }],
    });
    await apply({
      ...document,
      dishes: [burger({ combo: { slots: [slot('dish-salad', 'var-salad')] } }), salad, cola],
    });
    expect((await dishByKey('dish-burger')).combo.slots[0].choices).toEqual([
      { dishId: saladDish.id, variationId: saladDish.variations[0].id, upcharge: 0 },
    ]);
    // The site's own combo offers the cola: headquarters cannot make the cola a combo there.
    await api()
      .post('/api/v1/dishes')
      .send({
        name: 'Lunch deal',
        price: 1000,
        categoryId: saladDish.categoryId,
        combo: {
          slots: [
            {
              name: 'Drink',
              minChoices: 1,
              maxChoices: 1,
              choices: [{ dishId: colaDish.id, variationId: colaDish.variations[0].id }],
            },
          ],
        },
      })
      .expect(201);
    const colaCombo = { ...cola, combo: { slots: [slot('dish-salad', 'var-salad')] } };
    await expect(apply({ ...document, dishes: [burger(), salad, colaCombo] })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: /dishes\[2\]\.combo cannot make a combo of a dish the site's own combo "Lunch deal" offers/,
    });
    expect((await dishByKey('dish-cola')).combo).toBeNull();
  });

  it('applies 500 dishes in a few statements', async () => {
    const many: HqCatalogDocument = {
      categories: [MAINS],
      stations: [GRILL],
      dishes: Array.from({ length: 500 }, (_, i) => ({
        ...burger(),
        hqKey: `bulk-${i}`,
        name: `Dish ${i}`,
        variations: [
          { hqKey: `bulk-${i}-s`, name: 'Small', price: 500 + i, sortOrder: 0 },
          { hqKey: `bulk-${i}-l`, name: 'Large', price: 900 + i, sortOrder: 1 },
        ],
      })),
    };
    const started = Date.now();
    expect(await apply(many)).toMatchObject({ dishes: { created: 500 }, variations: { created: 1000 } });
    // The next one swaps the names of each dish's two variations: no clash under the unique names half-way.
    const swapped: HqCatalogDocument = {
      ...many,
      dishes: many.dishes.map((dish) => ({
        ...dish,
        variations: dish.variations.map((variation, j) => ({ ...variation, name: j ? 'Small' : 'Large' })),
      })),
    };
    expect(await apply(swapped)).toMatchObject({ variations: { updated: 1000 } });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect((await menu()).Mains['Dish 499']).toEqual(['Large 999', 'Small 1399']);
  });
});
