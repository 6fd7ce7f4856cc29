import { as } from './support/clients';
import { Site } from './support/chain-sites';
import { putMargherita, threeSiteChain } from './support/three-site-chain';

/**
 * Headquarters and three sites, each a process of its own with its own database (as hq-three-sites.e2e-spec.ts):
 * a modifier group whose option has a group's price and one site's own, tax mappings whose percent one site
 * overrides and whose dish takes another mapping in a group. Each site's menu, tax rates and orders follow its
 * effective values; bad groups, mappings and overrides are refused with nothing written.
 */
describe('Headquarters and three sites: modifier groups and tax mappings', () => {
  const chain = threeSiteChain();
  const { sites, hqCall, publishAndWait } = chain;

  it('refuses bad modifier groups, tax mappings and overrides of them with 422, writing nothing', async () => {
    const { groupId } = chain;
    const before = (await hqCall().get('/api/v1/hq/catalog').expect(200)).body;
    const group = '/api/v1/hq/catalog/modifier-groups/extras';
    const option = { hqKey: 'extra-cheese', name: 'Extra cheese', priceDelta: 150 };
    const mapping = '/api/v1/hq/catalog/tax-mappings/food';
    const dishPath = '/api/v1/hq/catalog/dishes/margherita';
    const dish = {
      name: 'Margherita',
      categoryKey: 'pizza',
      variations: [{ hqKey: 'margherita-regular', name: 'Regular', price: 990 }],
    };
    const override = '/api/v1/hq/overrides';
    // Each PUT: its path, its body and the field the 422 must name.
    const refusals: Array<[string, object, string]> = [
      [group, { name: 'Extras', options: [{ ...option, priceDelta: 1.5 }] }, 'options[0].priceDelta'],
      [group, { name: 'Extras', minChoices: 2, maxChoices: 1, options: [option] }, 'minChoices'],
      [group, { name: 'Extras', options: [option, { ...option, name: 'Cheese' }] }, 'options[1].hqKey'],
      ['/api/v1/hq/catalog/modifier-groups/Bad Key', { name: 'X', options: [] }, 'hqKey'],
      [mapping, { name: 'Food', percent: 101 }, 'percent'],
      [mapping, { name: 'Food', percent: -1 }, 'percent'],
      [dishPath, { ...dish, modifierGroupKeys: ['nowhere'] }, 'modifierGroupKeys[0]'],
      [dishPath, { ...dish, taxRateKey: 'nowhere' }, 'taxRateKey'],
      [override, { kind: 'modifierOption', hqKey: 'nowhere', scope: { groupId }, price: 1 }, 'hqKey'],
      [override, { kind: 'variation', hqKey: 'margherita-large', scope: { groupId }, price: -1 }, 'price'],
      [override, { kind: 'dish', hqKey: 'margherita', scope: { groupId }, percent: 10 }, 'percent'],
      [
        override,
        { kind: 'dish', hqKey: 'margherita', scope: { groupId }, taxRateKey: 'nowhere' },
        'taxRateKey',
      ],
    ];
    for (const [path, body, field] of refusals) {
      const response = await hqCall().put(path).send(body).expect(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    }
    expect((await hqCall().get('/api/v1/hq/catalog').expect(200)).body).toEqual(before);
  });

  it('gives each site its effective modifier prices and tax rates, and prices and taxes its orders by them', async () => {
    const { groupId } = chain;
    const [mitte, kreuzberg, hamburg] = sites;
    await hqCall().put('/api/v1/hq/catalog/tax-mappings/food').send({ name: 'Food', percent: 7 }).expect(200);
    await hqCall()
      .put('/api/v1/hq/catalog/tax-mappings/food-berlin')
      .send({ name: 'Food Berlin', percent: 10 })
      .expect(200);
    await hqCall()
      .put('/api/v1/hq/catalog/modifier-groups/extras')
      .send({
        name: 'Extras',
        maxChoices: 2,
        options: [
          { hqKey: 'extra-cheese', name: 'Extra cheese', priceDelta: 150 },
          { hqKey: 'olives', name: 'Olives', priceDelta: 100 },
        ],
      })
      .expect(200);
    await putMargherita(chain, 990, { modifierGroupKeys: ['extras'], taxRateKey: 'food' });
    const override = (scope: object, body: object) =>
      hqCall()
        .put('/api/v1/hq/overrides')
        .send({ scope, ...body })
        .expect(200);
    // Berlin's extra cheese costs more, Kreuzberg's own less than Berlin's; Berlin's food has its own mapping;
    // Hamburg's food rate is another percent.
    await override({ groupId }, { kind: 'modifierOption', hqKey: 'extra-cheese', price: 200 });
    await override({ siteId: kreuzberg.id }, { kind: 'modifierOption', hqKey: 'extra-cheese', price: 180 });
    await override({ groupId }, { kind: 'dish', hqKey: 'margherita', taxRateKey: 'food-berlin' });
    await override({ siteId: hamburg.id }, { kind: 'taxMapping', hqKey: 'food', percent: 8.5 });
    await publishAndWait('Extras and taxes', 3);

    interface Effective {
      dishes: Array<{ hqKey: string; taxRateKey: string | null; overridden: unknown[] }>;
      modifierGroups: Array<{
        hqKey: string;
        options: Array<{ hqKey: string; name: string; priceDelta: number }>;
        overridden: unknown[];
      }>;
      taxRates: Array<{ hqKey: string; name: string; percent: number; overridden: unknown[] }>;
    }
    const effectiveOf = async (site: Site) =>
      (await hqCall().get(`/api/v1/hq/sites/${site.id}/effective-catalog`).expect(200)).body as Effective;
    const expectedCheese = new Map([
      [mitte, 200],
      [kreuzberg, 180],
      [hamburg, 150],
    ]);
    for (const site of sites) {
      const effective = await effectiveOf(site);
      const admin = as(site.service, site.admin);
      const menu = (await admin.get('/api/v1/menu').expect(200)).body as {
        categories: Array<{
          dishes: Array<{
            id: string;
            name: string;
            variations: Array<{ id: string; name: string; price: number }>;
            modifierGroups: Array<{
              hqKey: string;
              options: Array<{ id: string; hqKey: string; name: string; priceDelta: number }>;
            }>;
          }>;
        }>;
      };
      const margherita = menu.categories.flatMap((c) => c.dishes).find((d) => d.name === 'Margherita')!;
      // The site's menu shows its effective group and options, by hqKey.
      const groups = effective.modifierGroups.map(({ hqKey, options }) => ({
        hqKey,
        options: options.map((o) => ({ hqKey: o.hqKey, name: o.name, priceDelta: o.priceDelta })),
      }));
      expect(
        margherita.modifierGroups.map(({ hqKey, options }) => ({
          hqKey,
          options: options.map((o) => ({ hqKey: o.hqKey, name: o.name, priceDelta: o.priceDelta })),
        })),
      ).toEqual(groups);
      const cheese = margherita.modifierGroups[0].options.find((o) => o.hqKey === 'extra-cheese')!;
      expect(cheese.priceDelta).toBe(expectedCheese.get(site));
      // Its tax rates are the published mappings, with their effective percents.
      const rates = (await admin.get('/api/v1/tax-rates').expect(200)).body.items as Array<{
        id: string;
        name: string;
        percent: number;
        hqKey: string | null;
      }>;
      expect(rates.map(({ name, percent, hqKey }) => ({ hqKey, name, percent }))).toEqual(
        effective.taxRates.map(({ hqKey, name, percent }) => ({ hqKey, name, percent })),
      );
      const taxKey = effective.dishes.find((d) => d.hqKey === 'margherita')!.taxRateKey!;
      const rate = rates.find((r) => r.hqKey === taxKey)!;

      // An order with the option: priced and taxed by the site's effective values (prices include tax).
      const regular = margherita.variations.find((v) => v.name === 'Regular')!;
      const order = await admin
        .post('/api/v1/orders')
        .send({
          type: 'takeaway',
          items: [
            {
              dishId: margherita.id,
              variationId: regular.id,
              quantity: 1,
              modifiers: [{ optionId: cheese.id }],
            },
          ],
        })
        .expect(201);
      const gross = regular.price + cheese.priceDelta;
      const tax = Math.round((gross * rate.percent) / (100 + rate.percent));
      expect(order.body).toMatchObject({ total: gross, tax });
      expect(order.body.taxes).toEqual([
        expect.objectContaining({ taxRateId: rate.id, name: rate.name, percent: rate.percent, gross, tax }),
      ]);
    }
    expect((await effectiveOf(mitte)).taxRates.map(({ hqKey, percent }) => [hqKey, percent])).toEqual([
      ['food', 7],
      ['food-berlin', 10],
    ]);
    expect((await effectiveOf(hamburg)).taxRates[0]).toMatchObject({
      percent: 8.5,
      overridden: [{ field: 'percent', hqKey: 'food', scope: { siteId: hamburg.id } }],
    });
    // Where each overridden value comes from.
    expect((await effectiveOf(mitte)).modifierGroups[0].overridden).toEqual([
      { field: 'price', hqKey: 'extra-cheese', scope: { groupId } },
    ]);
    expect((await effectiveOf(kreuzberg)).modifierGroups[0].overridden).toEqual([
      { field: 'price', hqKey: 'extra-cheese', scope: { siteId: kreuzberg.id } },
    ]);
    const mitteDish = (await effectiveOf(mitte)).dishes.find((d) => d.hqKey === 'margherita')!;
    expect(mitteDish.overridden).toContainEqual({
      field: 'taxRateKey',
      hqKey: 'margherita',
      scope: { groupId },
    });
    expect((await effectiveOf(hamburg)).dishes.find((d) => d.hqKey === 'margherita')!.taxRateKey).toBe(
      'food',
    );

    // At the site, the option's price and the rate's percent are headquarters'.
    const admin = as(mitte.service, mitte.admin);
    const group = (await admin.get('/api/v1/modifier-groups').expect(200)).body.items.find(
      (g: { hqKey: string | null }) => g.hqKey === 'extras',
    );
    const repriced = await admin
      .patch(`/api/v1/modifier-groups/${group.id}/options/${group.options[0].id}`)
      .send({ priceDelta: 1 })
      .expect(409);
    expect(repriced.body.error.code).toBe('MANAGED_BY_HQ');
    const rate = (await admin.get('/api/v1/tax-rates').expect(200)).body.items[0];
    const changed = await admin.patch(`/api/v1/tax-rates/${rate.id}`).send({ percent: 19 }).expect(409);
    expect(changed.body.error.code).toBe('MANAGED_BY_HQ');
  });
});
