import { as } from './support/clients';
import type { Site } from './support/chain-sites';
import { putMargherita, threeSiteChain } from './support/three-site-chain';

interface Level {
  id: string;
  name: string;
  orderTypes: string[];
  prices: Array<{ variationId: string; price: number }>;
  hqKey: string | null;
}
interface Schedule {
  id: string;
  name: string;
  windows: Array<{ days: number[]; from: string; to: string }>;
  hqKey: string | null;
}
interface MenuDish {
  id: string;
  name: string;
  variations: Array<{ id: string; name: string; price: number }>;
}

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
// Two services that cover the day between them, so the spec's orders find the pizza whenever it runs.
const LUNCH = {
  name: 'Lunch',
  windows: [
    { days: EVERY_DAY, from: '00:00', to: '12:00' },
    { days: EVERY_DAY, from: '12:00', to: '00:00' },
  ],
};
const TERRACE = {
  name: 'Terrace',
  orderTypes: ['takeaway'],
  prices: [{ variationKey: 'margherita-regular', price: 1100 }],
};

/**
 * Headquarters and three sites, each a process with its own database: a menu schedule and a price level in the
 * master catalog. Each site keeps them as its own schedule and level carrying the hqKey (read only there), its
 * takeaway orders are priced by the level unless an override leaves it off, and a site whose own level already
 * prices takeaway sets that level aside (named at the site and at headquarters), applies the rest and trades on
 * with its own level.
 */
describe('Headquarters and three sites: menu schedules and price levels', () => {
  const chain = threeSiteChain();
  const { sites, hqCall, publishAndWait } = chain;
  const levelsAt = async (site: Site) =>
    (await as(site.service, site.admin).get('/api/v1/price-levels').expect(200)).body.items as Level[];
  const margheritaAt = async (site: Site) => {
    const menu = (await as(site.service, site.admin).get('/api/v1/menu').expect(200)).body as {
      categories: Array<{ dishes: MenuDish[] }>;
    };
    return menu.categories.flatMap((category) => category.dishes).find((dish) => dish.name === 'Margherita')!;
  };
  const takeawayTotal = async (site: Site) => {
    const dish = await margheritaAt(site);
    const regular = dish.variations.find((variation) => variation.name === 'Regular')!;
    const order = await as(site.service, site.admin)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: dish.id, variationId: regular.id, quantity: 1 }] })
      .expect(201);
    return order.body.total as number;
  };

  it('refuses bad schedules, price levels and references to them with 422, writing nothing', async () => {
    const { groupId } = chain;
    const before = (await hqCall().get('/api/v1/hq/catalog').expect(200)).body;
    const schedule = '/api/v1/hq/catalog/schedules/lunch';
    const level = '/api/v1/hq/catalog/price-levels/terrace';
    const refusals: Array<[string, object, string]> = [
      [schedule, { ...LUNCH, windows: [] }, 'windows'],
      [schedule, { ...LUNCH, windows: [{ days: [8], from: '11:00', to: '15:00' }] }, 'windows[0].days'],
      [schedule, { ...LUNCH, windows: [{ days: [1], from: '11:00', to: '11:00' }] }, 'windows[0].to'],
      [level, { ...TERRACE, prices: [{ variationKey: 'nowhere', price: 1 }] }, 'prices[0].variationKey'],
      [level, { ...TERRACE, prices: [...TERRACE.prices, ...TERRACE.prices] }, 'prices[1].variationKey'],
      [level, { ...TERRACE, prices: [{ variationKey: 'margherita-regular', price: -1 }] }, 'prices[0].price'],
      [level, { ...TERRACE, orderTypes: ['picnic'] }, 'orderTypes'],
      ['/api/v1/hq/catalog/categories/pizza', { name: 'Pizza', scheduleKey: 'nowhere' }, 'scheduleKey'],
      [
        '/api/v1/hq/overrides',
        { kind: 'priceLevel', hqKey: 'nowhere', scope: { groupId }, absent: true },
        'hqKey',
      ],
    ];
    for (const [path, body, field] of refusals) {
      const response = await hqCall().put(path).send(body).expect(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    }
    await hqCall().put(level).send(TERRACE).expect(200);
    const taken = await hqCall()
      .put('/api/v1/hq/catalog/price-levels/garden')
      .send({ ...TERRACE, name: 'Garden' })
      .expect(422);
    expect(taken.body.error.details).toEqual([
      expect.objectContaining({ field: 'orderTypes[0]', message: expect.stringContaining('terrace') }),
    ]);
    const after = (await hqCall().get('/api/v1/hq/catalog').expect(200)).body;
    expect({ ...after, priceLevels: [] }).toEqual(before);
    expect(after.priceLevels).toEqual([{ hqKey: 'terrace', ...TERRACE }]);
  });

  it('gives each site the schedule and the level as its own, read only there, and prices its orders by the level', async () => {
    const [, , hamburg] = sites;
    await hqCall().put('/api/v1/hq/catalog/schedules/lunch').send(LUNCH).expect(200);
    await hqCall()
      .put('/api/v1/hq/catalog/categories/pizza')
      .send({ name: 'Pizza', scheduleKey: 'lunch' })
      .expect(200);
    await hqCall().put('/api/v1/hq/catalog/price-levels/terrace').send(TERRACE).expect(200);
    await hqCall()
      .put('/api/v1/hq/overrides')
      .send({ kind: 'priceLevel', hqKey: 'terrace', scope: { siteId: hamburg.id }, absent: true })
      .expect(200);
    await publishAndWait('Lunch and terrace', 3);

    const hamburgEffective = (
      await hqCall().get(`/api/v1/hq/sites/${hamburg.id}/effective-catalog`).expect(200)
    ).body;
    expect(hamburgEffective.priceLevels).toEqual([]);
    expect(hamburgEffective.absent).toContainEqual({
      kind: 'priceLevel',
      hqKey: 'terrace',
      scope: { siteId: hamburg.id },
    });
    for (const site of sites) {
      const admin = as(site.service, site.admin);
      const schedules = (await admin.get('/api/v1/menu-schedules').expect(200)).body.items as Schedule[];
      expect(schedules).toEqual([expect.objectContaining({ ...LUNCH, hqKey: 'lunch' })]);
      const categories = (await admin.get('/api/v1/categories').expect(200)).body.items as Array<{
        name: string;
        scheduleId: string | null;
      }>;
      expect(categories.find((category) => category.name === 'Pizza')!.scheduleId).toBe(schedules[0].id);

      const regular = (await margheritaAt(site)).variations.find(
        (variation) => variation.name === 'Regular',
      )!;
      if (site === hamburg) {
        expect(await levelsAt(site)).toEqual([]);
        expect(await takeawayTotal(site)).toBe(950);
        continue;
      }
      expect(await levelsAt(site)).toEqual([
        expect.objectContaining({
          name: 'Terrace',
          orderTypes: ['takeaway'],
          prices: [{ variationId: regular.id, price: 1100 }],
          hqKey: 'terrace',
        }),
      ]);
      expect(await takeawayTotal(site)).toBe(1100);

      // Headquarters' schedule and level are read only at the site; the menu's own stay the site's.
      const [level] = await levelsAt(site);
      const renamed = await admin
        .patch(`/api/v1/price-levels/${level.id}`)
        .send({ name: 'Patio' })
        .expect(409);
      expect(renamed.body.error).toMatchObject({
        code: 'MANAGED_BY_HQ',
        details: [{ field: 'name', message: 'managed by headquarters' }],
      });
      await admin.delete(`/api/v1/price-levels/${level.id}`).expect(409);
      const rewindowed = await admin
        .patch(`/api/v1/menu-schedules/${schedules[0].id}`)
        .send({ windows: [{ days: [1], from: '12:00', to: '14:00' }] })
        .expect(409);
      expect(rewindowed.body.error.details).toEqual([
        { field: 'windows', message: 'managed by headquarters' },
      ]);
      await admin.delete(`/api/v1/menu-schedules/${schedules[0].id}`).expect(409);
      // The same windows sent again change nothing, so nothing is refused.
      await admin
        .patch(`/api/v1/menu-schedules/${schedules[0].id}`)
        .send({ windows: LUNCH.windows })
        .expect(200);
    }
  });

  it('sets the level aside at a site whose own level prices takeaway already, naming it there and at HQ, and applies the rest', async () => {
    const [, , hamburg] = sites;
    const admin = as(hamburg.service, hamburg.admin);
    const regular = (await margheritaAt(hamburg)).variations.find(
      (variation) => variation.name === 'Regular',
    )!;
    await admin
      .post('/api/v1/price-levels')
      .send({ name: 'Counter', orderTypes: ['takeaway'], prices: [{ variationId: regular.id, price: 1000 }] })
      .expect(201);
    // The override is lifted: the terrace level reaches Hamburg with the next publication, and with it a new price.
    await hqCall()
      .put('/api/v1/hq/overrides')
      .send({ kind: 'priceLevel', hqKey: 'terrace', scope: { siteId: hamburg.id }, absent: null })
      .expect(200);
    await putMargherita(chain, 990);
    const { sites: states } = await publishAndWait('Terrace everywhere', 3);
    const terraceAside = [
      {
        kind: 'priceLevels',
        hqKey: 'terrace',
        problem: expect.stringContaining('"Counter" prices takeaway orders'),
      },
    ];
    expect(states.find((state) => state.siteId === hamburg.id)).toMatchObject({
      state: 'applied',
      reason: null,
      problems: terraceAside,
    });
    for (const other of states.filter((state) => state.siteId !== hamburg.id)) {
      expect(other).toMatchObject({ state: 'applied', problems: [] });
    }
    const link = (await admin.get('/api/v1/hq-link').expect(200)).body;
    expect(link.catalog).toMatchObject({ state: 'applied', problem: null, problems: terraceAside });
    expect(
      (await margheritaAt(hamburg)).variations.find((variation) => variation.name === 'Regular')!.price,
    ).toBe(990);
    expect((await levelsAt(hamburg)).map((level) => [level.name, level.hqKey])).toEqual([['Counter', null]]);
    expect(await takeawayTotal(hamburg)).toBe(1000);
  });
});
