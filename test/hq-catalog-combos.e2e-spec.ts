import { as } from './support/clients';
import type { Site } from './support/chain-sites';
import { threeSiteChain } from './support/three-site-chain';

interface MenuChoice {
  dishId: string;
  variationId: string;
  upcharge: number;
  name: string;
  variationName: string;
}
interface MenuDish {
  id: string;
  name: string;
  variations: Array<{ id: string; name: string; price: number }>;
  combo?: { slots: Array<{ name: string; choices: MenuChoice[] }> };
}

const drink = (hqKey: string, name: string, price: number) => ({
  name,
  categoryKey: 'drinks',
  variations: [{ hqKey: `${hqKey}-regular`, name: 'Regular', price }],
});
const PIZZA_MENU = {
  name: 'Pizza menu',
  categoryKey: 'pizza',
  variations: [{ hqKey: 'pizza-menu-regular', name: 'Regular', price: 1290 }],
  combo: {
    slots: [
      {
        name: 'Pizza',
        minChoices: 1,
        maxChoices: 1,
        choices: [
          { dishKey: 'margherita', variationKey: 'margherita-regular' },
          { dishKey: 'margherita', variationKey: 'margherita-large', upcharge: 250 },
        ],
      },
      {
        name: 'Drink',
        minChoices: 1,
        maxChoices: 1,
        choices: [
          { dishKey: 'cola', variationKey: 'cola-regular' },
          { dishKey: 'lemonade', variationKey: 'lemonade-regular', upcharge: 50 },
        ],
      },
    ],
  },
};

/**
 * Headquarters and three sites, each a process with its own database: a combo of the master catalog whose
 * choices are other dishes of it. Each site's menu offers it with the choices it has (a drink left off at one site
 * drops out of its slot; a site left no drink at all does not get the combo), orders price it by the site's own
 * combo rules, and the combo is headquarters' there (409). Bad combos are refused at headquarters.
 */
describe('Headquarters and three sites: combos', () => {
  const chain = threeSiteChain();
  const { sites, hqCall, publishAndWait } = chain;
  const menuAt = async (site: Site) => {
    const menu = (await as(site.service, site.admin).get('/api/v1/menu').expect(200)).body as {
      categories: Array<{ dishes: MenuDish[] }>;
    };
    return menu.categories.flatMap((category) => category.dishes);
  };

  beforeAll(async () => {
    await hqCall().put('/api/v1/hq/catalog/categories/drinks').send({ name: 'Drinks' }).expect(200);
    await hqCall()
      .put('/api/v1/hq/catalog/dishes/cola')
      .send(drink('cola', 'Cola', 300))
      .expect(200);
    await hqCall()
      .put('/api/v1/hq/catalog/dishes/lemonade')
      .send(drink('lemonade', 'Lemonade', 350))
      .expect(200);
  });

  it('refuses a combo its catalog cannot hold with 422 naming the field, writing nothing', async () => {
    const before = (await hqCall().get('/api/v1/hq/catalog').expect(200)).body;
    const [pizza, drinks] = PIZZA_MENU.combo.slots;
    const withSlots = (...slots: object[]) => ({ ...PIZZA_MENU, combo: { slots } });
    const refusals: Array<[object, string]> = [
      [
        withSlots({ ...pizza, choices: [{ dishKey: 'nowhere', variationKey: 'x' }] }),
        'combo.slots[0].choices[0].dishKey',
      ],
      [
        withSlots({ ...pizza, choices: [{ dishKey: 'pizza-menu', variationKey: 'pizza-menu-regular' }] }),
        'combo.slots[0].choices[0].dishKey',
      ],
      [
        withSlots({ ...pizza, choices: [{ dishKey: 'margherita', variationKey: 'cola-regular' }] }),
        'combo.slots[0].choices[0].variationKey',
      ],
      [withSlots({ ...pizza, minChoices: 2, maxChoices: 1 }, drinks), 'combo.slots[0].minChoices'],
      [withSlots(), 'combo.slots'],
      [
        withSlots({ ...pizza, choices: [{ ...pizza.choices[0], upcharge: -1 }] }),
        'combo.slots[0].choices[0].upcharge',
      ],
    ];
    for (const [body, field] of refusals) {
      const response = await hqCall().put('/api/v1/hq/catalog/dishes/pizza-menu').send(body).expect(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    expect((await hqCall().get('/api/v1/hq/catalog').expect(200)).body).toEqual(before);

    // Once the combo offers the cola, the cola cannot become a combo itself.
    await hqCall().put('/api/v1/hq/catalog/dishes/pizza-menu').send(PIZZA_MENU).expect(200);
    const nested = await hqCall()
      .put('/api/v1/hq/catalog/dishes/cola')
      .send({ ...drink('cola', 'Cola', 300), combo: { slots: [pizza] } })
      .expect(422);
    expect(nested.body.error.details).toEqual([
      { field: 'combo', message: 'the dish is a choice of the combo "Pizza menu"' },
    ]);
  });

  it('gives each site the combo with the choices it has, prices it there, and keeps it headquarters’', async () => {
    const [mitte, kreuzberg, hamburg] = sites;
    await hqCall().put('/api/v1/hq/catalog/dishes/pizza-menu').send(PIZZA_MENU).expect(200);
    const absent = (site: Site, hqKey: string) =>
      hqCall()
        .put('/api/v1/hq/overrides')
        .send({ kind: 'dish', hqKey, scope: { siteId: site.id }, absent: true })
        .expect(200);
    await absent(hamburg, 'lemonade');
    await absent(kreuzberg, 'lemonade');
    await absent(kreuzberg, 'cola');
    await publishAndWait('Pizza menu', 3);

    const comboAt = async (site: Site) => (await menuAt(site)).find((dish) => dish.name === 'Pizza menu');
    const choicesAt = async (site: Site) =>
      (await comboAt(site))!.combo!.slots.map((slot) => [
        slot.name,
        slot.choices.map((choice) => `${choice.name} ${choice.variationName} +${choice.upcharge}`),
      ]);
    expect(await choicesAt(mitte)).toEqual([
      ['Pizza', ['Margherita Regular +0', 'Margherita Large +250']],
      ['Drink', ['Cola Regular +0', 'Lemonade Regular +50']],
    ]);
    expect(await choicesAt(hamburg)).toEqual([
      ['Pizza', ['Margherita Regular +0', 'Margherita Large +250']],
      ['Drink', ['Cola Regular +0']],
    ]);
    // No drink at Kreuzberg: a guest could not complete the combo, so the site does not get it.
    expect(await comboAt(kreuzberg)).toBeUndefined();
    const effective = (await hqCall().get(`/api/v1/hq/sites/${kreuzberg.id}/effective-catalog`).expect(200))
      .body as { dishes: Array<{ hqKey: string }> };
    expect(effective.dishes.map((dish) => dish.hqKey)).toEqual(['margherita']);

    // At Mitte the combo's choices are the site's own dishes: an order of it is priced as the site prices combos.
    const admin = as(mitte.service, mitte.admin);
    const combo = (await comboAt(mitte))!;
    const [pizzas, drinks] = combo.combo!.slots;
    const order = await admin
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [
          {
            dishId: combo.id,
            quantity: 1,
            comboChoices: [
              { slot: 0, dishId: pizzas.choices[1].dishId, variationId: pizzas.choices[1].variationId },
              { slot: 1, dishId: drinks.choices[1].dishId },
            ],
          },
        ],
      })
      .expect(201);
    expect(order.body.total).toBe(1290 + 250 + 50);
    const margherita = (await menuAt(mitte)).find((dish) => dish.name === 'Margherita')!;
    expect(pizzas.choices[1]).toMatchObject({
      dishId: margherita.id,
      variationId: margherita.variations.find((variation) => variation.name === 'Large')!.id,
    });

    const { dishId, variationId } = pizzas.choices[0];
    const changed = await admin
      .patch(`/api/v1/dishes/${combo.id}`)
      .send({
        combo: {
          slots: [{ name: 'Pizza', minChoices: 1, maxChoices: 1, choices: [{ dishId, variationId }] }],
        },
      })
      .expect(409);
    expect(changed.body.error).toMatchObject({
      code: 'MANAGED_BY_HQ',
      details: [{ field: 'combo', message: 'managed by headquarters' }],
    });

    // Lemonade back at Hamburg: its drink slot offers it with the next publication.
    await hqCall()
      .put('/api/v1/hq/overrides')
      .send({ kind: 'dish', hqKey: 'lemonade', scope: { siteId: hamburg.id }, absent: null })
      .expect(200);
    await publishAndWait('Lemonade in Hamburg', 3);
    expect((await choicesAt(hamburg))[1]).toEqual(['Drink', ['Cola Regular +0', 'Lemonade Regular +50']]);
  });
});
