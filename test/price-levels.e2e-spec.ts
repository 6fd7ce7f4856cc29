import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { fields, Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

type MenuBody = { categories: Array<{ dishes: Array<{ variations: Array<{ id: string }> }> }> };

describe('Price levels: by floor area or order type, kept on the item', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let make: ReturnType<typeof factories>;
  let r: Restaurant;

  const api = () => as(t, admin);
  const count = async (table: string) =>
    Number((await t.dataSource.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const newLevel = async (body: object): Promise<Json> =>
    (await api().post('/api/v1/price-levels').send(body).expect(201)).body;
  const order = async (body: object): Promise<Json> => {
    const response = await as(t, waiter.session).post('/api/v1/orders').send(body);
    if (response.status !== 201)
      throw new Error(`order: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  /** A variation as GET /menu shows it. */
  const onMenu = async (variationId: string): Promise<Json> => {
    const menu = (await api().get('/api/v1/menu').expect(200)).body as MenuBody;
    return menu.categories
      .flatMap((category) => category.dishes)
      .flatMap((dish) => dish.variations)
      .find((variation) => variation.id === variationId);
  };
  const burger = () => r.burger.variations.find((variation) => variation.name === 'Regular')!;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
    make = factories(t, admin);
    r = await make.newRestaurant();
  });

  afterAll(() => t.close());

  it('prices a table’s order by its area’s level, else by the order type’s level, else at list price', async () => {
    const terrace = await newLevel({ name: 'Terrace', prices: [{ variationId: burger().id, price: 1400 }] });
    const takeaway = await newLevel({
      name: 'Takeaway',
      prices: [{ variationId: burger().id, price: 1100 }],
      orderTypes: ['takeaway', 'dine_in'],
    });
    expect(terrace).toEqual({
      id: terrace.id,
      name: 'Terrace',
      prices: [{ variationId: burger().id, price: 1400 }],
      orderTypes: [],
      hqKey: null,
    });
    const area = (
      await api().post('/api/v1/locations').send({ name: 'Terrace', priceLevelId: terrace.id }).expect(201)
    ).body;
    expect(area.priceLevelId).toBe(terrace.id);
    const terraceTable = (
      await api()
        .post('/api/v1/tables')
        .send({ name: 'Terrace 1', locationId: area.id, seats: 2 })
        .expect(201)
    ).body;

    const line = { dishId: r.burger.id, variationId: burger().id, quantity: 2 };
    const onTerrace = await order({
      type: 'dine_in',
      tableId: terraceTable.id,
      items: [line, { dishId: r.beer.id, quantity: 1 }],
    });
    expect(onTerrace.items[0]).toMatchObject({
      listPrice: 1200,
      unitPrice: 1400,
      priceLevelId: terrace.id,
      priceRuleId: null,
      total: 2800,
    });
    // The terrace's level does not price beer: it keeps its list price, and no level set it.
    expect(onTerrace.items[1]).toMatchObject({ listPrice: 550, unitPrice: 550, priceLevelId: null });
    expect(onTerrace.subtotal).toBe(2800 + 550);

    // A hall table's area names no level: the order type's level prices the line.
    const inHall = await order({ type: 'dine_in', tableId: r.table.id, items: [line] });
    expect(inHall.items[0]).toMatchObject({ listPrice: 1200, unitPrice: 1100, priceLevelId: takeaway.id });
    const toGo = await order({ type: 'takeaway', items: [line] });
    expect(toGo.items[0]).toMatchObject({ unitPrice: 1100, priceLevelId: takeaway.id });
    const delivered = await order({ type: 'delivery', items: [line] });
    expect(delivered.items[0]).toMatchObject({ listPrice: 1200, unitPrice: 1200, priceLevelId: null });

    // Items keep their prices when the level changes; new lines take the new price.
    await api()
      .patch(`/api/v1/price-levels/${terrace.id}`)
      .send({ prices: [{ variationId: burger().id, price: 1500 }] })
      .expect(200);
    const added = (
      await as(t, waiter.session)
        .post(`/api/v1/orders/${onTerrace.id}/items`)
        .send({ items: [line] })
        .expect(201)
    ).body;
    expect((added.items as Json[]).map((item) => item.unitPrice as number)).toEqual([1400, 550, 1500]);

    // GET /menu shows list prices, and every level's price per variation.
    const variation = await onMenu(burger().id);
    expect(variation).toMatchObject({ price: 1200, listPrice: 1200, priceRuleId: null, priceRuleName: null });
    expect(variation.levels).toEqual(
      [
        { priceLevelId: terrace.id, price: 1500 },
        { priceLevelId: takeaway.id, price: 1100 },
      ].sort((a, b) => (a.priceLevelId < b.priceLevelId ? -1 : 1)),
    );

    // A level an area names cannot go; once the area names none, it can.
    const conflict = await api().delete(`/api/v1/price-levels/${terrace.id}`).expect(409);
    expect(conflict.body.error.message).toContain('areas name it');
    await api().patch(`/api/v1/locations/${area.id}`).send({ priceLevelId: null }).expect(200);
    await api().delete(`/api/v1/price-levels/${terrace.id}`).expect(204);
    await api().delete(`/api/v1/price-levels/${takeaway.id}`).expect(204);
    const afterwards = await order({ type: 'dine_in', tableId: terraceTable.id, items: [line] });
    expect(afterwards.items[0]).toMatchObject({ unitPrice: 1200, priceLevelId: null });
    const kept = (await api().get(`/api/v1/orders/${onTerrace.id}`).expect(200)).body;
    expect(kept.items[0]).toMatchObject({ unitPrice: 1400, priceLevelId: terrace.id });
  });

  it('prices by an area’s level from the moment the area names it, and no longer once it names none', async () => {
    const garden = await newLevel({ name: 'Garden', prices: [{ variationId: burger().id, price: 1300 }] });
    const area = (await api().post('/api/v1/locations').send({ name: 'Garden' }).expect(201)).body;
    const table = (
      await api().post('/api/v1/tables').send({ name: 'Garden 1', locationId: area.id, seats: 4 }).expect(201)
    ).body;
    const line = { dishId: r.burger.id, variationId: burger().id, quantity: 1 };
    const at = async (): Promise<Json> =>
      ((await order({ type: 'dine_in', tableId: table.id, items: [line] })).items as Json[])[0];

    expect(await at()).toMatchObject({ unitPrice: 1200, priceLevelId: null });
    await api().patch(`/api/v1/locations/${area.id}`).send({ priceLevelId: garden.id }).expect(200);
    expect(await at()).toMatchObject({ unitPrice: 1300, priceLevelId: garden.id });
    await api().patch(`/api/v1/locations/${area.id}`).send({ priceLevelId: null }).expect(200);
    expect(await at()).toMatchObject({ unitPrice: 1200, priceLevelId: null });
  });

  it('shows a table’s QR menu at the prices its guests’ orders get there: its area’s level, under a rule', async () => {
    const patio = await newLevel({ name: 'Patio', prices: [{ variationId: burger().id, price: 1600 }] });
    const area = (
      await api().post('/api/v1/locations').send({ name: 'Patio', priceLevelId: patio.id }).expect(201)
    ).body;
    const patioTable = (
      await api().post('/api/v1/tables').send({ name: 'Patio 1', locationId: area.id, seats: 2 }).expect(201)
    ).body;
    const always = (
      await api()
        .post('/api/v1/menu-schedules')
        .send({
          name: 'Always',
          windows: [
            { days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '12:00' },
            { days: [1, 2, 3, 4, 5, 6, 7], from: '12:00', to: '00:00' },
          ],
        })
        .expect(201)
    ).body;
    const rule = (
      await api()
        .post('/api/v1/price-rules')
        .send({
          name: 'Quarter off',
          kind: 'percent_off',
          value: 25,
          dishId: r.burger.id,
          scheduleId: always.id,
        })
        .expect(201)
    ).body;
    const qrMenuPrice = async (qrToken: string) => {
      const page = (await t.http().get(`/api/v1/public/tables/${qrToken}`).expect(200)).body as {
        menu: MenuBody;
      };
      return page.menu.categories
        .flatMap((category) => category.dishes)
        .flatMap((dish) => dish.variations)
        .find((variation) => variation.id === burger().id);
    };
    const line = { dishId: r.burger.id, variationId: burger().id, quantity: 1 };

    // On the patio a quarter comes off the level's 1600, as the order will; in the hall, off the list's 1200.
    expect(await qrMenuPrice(patioTable.qrToken)).toMatchObject({ price: 1200, priceRuleId: rule.id });
    const onPatio = await order({ type: 'dine_in', tableId: patioTable.id, items: [line] });
    expect(onPatio.items[0]).toMatchObject({ unitPrice: 1200, priceLevelId: patio.id, priceRuleId: rule.id });
    expect(await qrMenuPrice(r.table.qrToken)).toMatchObject({ price: 900, priceRuleId: rule.id });
    const inHall = await order({ type: 'dine_in', tableId: r.table.id, items: [line] });
    expect(inHall.items[0]).toMatchObject({ unitPrice: 900, priceLevelId: null });
    expect((await onMenu(burger().id)).price).toBe(900);

    // Without the rule, the patio's page shows its level's price, and follows the level's change.
    await api().delete(`/api/v1/price-rules/${rule.id}`).expect(204);
    expect(await qrMenuPrice(patioTable.qrToken)).toMatchObject({ price: 1600, priceRuleId: null });
    await api()
      .patch(`/api/v1/price-levels/${patio.id}`)
      .send({ prices: [{ variationId: burger().id, price: 1700 }] })
      .expect(200);
    expect(await qrMenuPrice(patioTable.qrToken)).toMatchObject({ price: 1700 });
    expect(await qrMenuPrice(r.table.qrToken)).toMatchObject({ price: 1200 });
    await api().patch(`/api/v1/locations/${area.id}`).send({ priceLevelId: null }).expect(200);
    await api().delete(`/api/v1/price-levels/${patio.id}`).expect(204);
    await api().delete(`/api/v1/menu-schedules/${always.id}`).expect(204);
  });

  it('refuses bad levels with 422 naming the field, and writes nothing', async () => {
    const before = await count('price_levels');
    const events = await count('events');
    const bad = async (body: object, field: string) => {
      const response = await api().post('/api/v1/price-levels').send(body).expect(422);
      expect(fields(response.body)).toContain(field);
    };
    const price = { variationId: burger().id, price: 900 };
    await bad({ name: 'X', prices: [{ variationId: 'nope', price: 900 }] }, 'prices[0].variationId');
    await bad({ name: 'X', prices: [price, { ...price, price: 800 }] }, 'prices[1].variationId');
    await bad({ name: 'X', prices: [{ ...price, price: -1 }] }, 'prices[0].price');
    await bad({ name: 'X', prices: [{ ...price, price: 1e12 }] }, 'prices[0].price');
    await bad({ name: 'X', prices: [], orderTypes: ['picnic'] }, 'orderTypes');
    await bad({ name: '', prices: [] }, 'name');
    await newLevel({ name: 'Delivery', prices: [], orderTypes: ['delivery'] });
    await bad({ name: 'Other delivery', prices: [], orderTypes: ['delivery'] }, 'orderTypes[0]');
    const location = await api()
      .post('/api/v1/locations')
      .send({ name: 'Bar', priceLevelId: 'missing' })
      .expect(422);
    expect(fields(location.body)).toContain('priceLevelId');
    expect(await count('price_levels')).toBe(before + 1);
    expect(await count('events')).toBe(events + 1);
  });

  it('is the admin’s: other roles are refused', async () => {
    await as(t, waiter.session).get('/api/v1/price-levels').expect(403);
    await as(t, waiter.session).post('/api/v1/price-levels').send({ name: 'X', prices: [] }).expect(403);
    await api().get('/api/v1/price-levels/missing').expect(404);
  });
});
