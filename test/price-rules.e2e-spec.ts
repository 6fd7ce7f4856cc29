import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { fields, Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

type MenuBody = { categories: Array<{ dishes: Array<{ variations: Array<{ id: string }> }> }> };

const HOUR = 3_600_000;

describe('Price rules: happy hour by schedule and order type, kept on the item', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let r: Restaurant;
  let happyHours: Json;

  const api = () => as(t, admin);
  const count = async (table: string) =>
    Number((await t.dataSource.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  /** Sets the app's clock to today's (UTC, the test zone) `hours` o'clock plus `minutes`, at least an hour ahead. */
  const setClock = (hours: number, minutes = 0) => {
    const day = new Date(Date.now() + 2 * HOUR + 24 * HOUR);
    const target = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes);
    t.clock.advance(target - t.clock.now().getTime());
  };
  const order = async (body: object): Promise<Json> => {
    const response = await as(t, waiter.session).post('/api/v1/orders').send(body);
    if (response.status !== 201)
      throw new Error(`order: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const menu = async () => {
    const response = await api().get('/api/v1/menu').expect(200);
    const variations = (response.body as MenuBody).categories
      .flatMap((category) => category.dishes)
      .flatMap((dish) => dish.variations);
    return { etag: response.headers.etag, of: (id: string): Json => variations.find((v) => v.id === id) };
  };
  const newRule = async (body: object): Promise<Json> =>
    (await api().post('/api/v1/price-rules').send(body).expect(201)).body;
  const regular = () => r.burger.variations.find((variation) => variation.name === 'Regular')!;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
    r = await factories(t, admin).newRestaurant();
    happyHours = (
      await api()
        .post('/api/v1/menu-schedules')
        .send({ name: 'Happy hours', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '17:00', to: '19:00' }] })
        .expect(201)
    ).body;
  });

  afterAll(() => t.close());

  it('halves the beer from 17:00 to 19:00: on the menu, on lines ordered then, and items keep it after', async () => {
    setClock(16, 59);
    const rule = await newRule({
      name: 'Happy hour',
      scheduleId: happyHours.id,
      dishId: r.beer.id,
      kind: 'percent_off',
      value: 50,
      orderTypes: ['dine_in'],
    });
    expect(rule).toEqual({
      id: rule.id,
      name: 'Happy hour',
      scheduleId: happyHours.id,
      categoryId: null,
      dishId: r.beer.id,
      variationId: null,
      kind: 'percent_off',
      value: 50,
      orderTypes: ['dine_in'],
    });
    const beer = r.beer.variations[0].id;
    const line = { dishId: r.beer.id, quantity: 2 };
    const before = await menu();
    expect(before.of(beer)).toMatchObject({
      price: 550,
      listPrice: 550,
      priceRuleId: null,
      priceRuleName: null,
    });
    const early = await order({ type: 'dine_in', tableId: r.table.id, items: [line] });
    expect(early.items[0]).toMatchObject({ listPrice: 550, unitPrice: 550, priceRuleId: null });

    setClock(17, 0);
    // No write happened: the menu kept in memory is built again at the schedule's edge.
    const during = await menu();
    expect(during.etag).not.toBe(before.etag);
    expect(during.of(beer)).toMatchObject({
      price: 275,
      listPrice: 550,
      priceRuleId: rule.id,
      priceRuleName: 'Happy hour',
    });
    const happy = await order({
      type: 'dine_in',
      tableId: r.table.id,
      items: [line, { dishId: r.fries.id, quantity: 1 }],
    });
    expect(happy.items[0]).toMatchObject({
      listPrice: 550,
      unitPrice: 275,
      priceRuleId: rule.id,
      total: 550,
    });
    expect(happy.items[1]).toMatchObject({ listPrice: 450, unitPrice: 450, priceRuleId: null });
    expect(happy.subtotal).toBe(550 + 450);
    // The rule is for dine-in orders: takeaway pays the list price.
    const toGo = await order({ type: 'takeaway', items: [line] });
    expect(toGo.items[0]).toMatchObject({ unitPrice: 550, priceRuleId: null });

    setClock(19, 0);
    const after = await menu();
    expect(after.of(beer)).toMatchObject({ price: 550, priceRuleId: null });
    const late = await order({ type: 'dine_in', tableId: r.table.id, items: [line] });
    expect(late.items[0]).toMatchObject({ unitPrice: 550, priceRuleId: null });
    // The item ordered in happy hour keeps its price after the hour, and after the rule changes and goes.
    await api().patch(`/api/v1/price-rules/${rule.id}`).send({ value: 10 }).expect(200);
    await api().delete(`/api/v1/price-rules/${rule.id}`).expect(204);
    const kept = (await api().get(`/api/v1/orders/${happy.id}`).expect(200)).body;
    expect(kept.items[0]).toMatchObject({ listPrice: 550, unitPrice: 275, priceRuleId: rule.id });
    expect(kept.subtotal).toBe(1000);
  });

  it('puts rules before levels, levels before the list price, and the lowest of several rules first', async () => {
    setClock(18, 0);
    const terrace = (
      await api()
        .post('/api/v1/price-levels')
        .send({ name: 'Terrace', prices: [{ variationId: regular().id, price: 1400 }] })
        .expect(201)
    ).body;
    const takeaway = (
      await api()
        .post('/api/v1/price-levels')
        .send({
          name: 'Takeaway',
          prices: [{ variationId: regular().id, price: 1000 }],
          orderTypes: ['takeaway'],
        })
        .expect(201)
    ).body;
    const area = (
      await api().post('/api/v1/locations').send({ name: 'Terrace', priceLevelId: terrace.id }).expect(201)
    ).body;
    const table = (
      await api()
        .post('/api/v1/tables')
        .send({ name: 'Terrace 1', locationId: area.id, seats: 2 })
        .expect(201)
    ).body;
    const line = { dishId: r.burger.id, variationId: regular().id, quantity: 1 };

    // The area's level, then the order type's, then the list price.
    expect((await order({ type: 'dine_in', tableId: table.id, items: [line] })).items[0]).toMatchObject({
      unitPrice: 1400,
      priceLevelId: terrace.id,
      priceRuleId: null,
    });
    expect((await order({ type: 'takeaway', items: [line] })).items[0]).toMatchObject({ unitPrice: 1000 });
    expect((await order({ type: 'delivery', items: [line] })).items[0]).toMatchObject({ unitPrice: 1200 });

    // A percent off comes off the level's price; of two rules the lower price wins.
    const tenOff = await newRule({
      name: '10 % off food',
      scheduleId: happyHours.id,
      categoryId: r.category.id,
      kind: 'percent_off',
      value: 10,
    });
    const onTerrace = await order({ type: 'dine_in', tableId: table.id, items: [line] });
    expect(onTerrace.items[0]).toMatchObject({
      listPrice: 1200,
      unitPrice: 1260,
      priceRuleId: tenOff.id,
      priceLevelId: terrace.id,
    });
    const fixed = await newRule({
      name: 'Burger for 9',
      scheduleId: happyHours.id,
      variationId: regular().id,
      kind: 'fixed_price',
      value: 900,
    });
    expect((await order({ type: 'dine_in', tableId: table.id, items: [line] })).items[0]).toMatchObject({
      unitPrice: 900,
      priceRuleId: fixed.id,
    });
    // Takeaway: 10 % off its level's 1000 is 900 too; the tie goes to the rule whose id sorts first.
    const tie = (await order({ type: 'takeaway', items: [line] })).items[0];
    expect(tie).toMatchObject({ unitPrice: 900, priceRuleId: [tenOff.id, fixed.id].sort()[0] });

    // A schedule a rule names cannot go.
    const conflict = await api().delete(`/api/v1/menu-schedules/${happyHours.id}`).expect(409);
    expect(conflict.body.error.message).toContain('price rules name it');
    await api().delete(`/api/v1/price-rules/${tenOff.id}`).expect(204);
    await api().delete(`/api/v1/price-rules/${fixed.id}`).expect(204);
    await api().patch(`/api/v1/locations/${area.id}`).send({ priceLevelId: null }).expect(200);
    await api().delete(`/api/v1/price-levels/${terrace.id}`).expect(204);
    await api().delete(`/api/v1/price-levels/${takeaway.id}`).expect(204);
  });

  it('refuses bad rules with 422 naming the field, and writes nothing', async () => {
    const rules = await count('price_rules');
    const events = await count('events');
    const base = { name: 'X', scheduleId: happyHours.id, dishId: r.beer.id, kind: 'percent_off', value: 50 };
    const bad = async (body: object, field: string) => {
      const response = await api().post('/api/v1/price-rules').send(body).expect(422);
      expect(fields(response.body)).toContain(field);
    };
    await bad({ ...base, scheduleId: 'missing' }, 'scheduleId');
    await bad({ ...base, dishId: 'missing' }, 'dishId');
    await bad({ ...base, dishId: undefined, categoryId: 'missing' }, 'categoryId');
    await bad({ ...base, dishId: undefined, variationId: 'missing' }, 'variationId');
    await bad({ ...base, dishId: undefined }, 'categoryId');
    await bad({ ...base, categoryId: r.category.id }, 'dishId');
    await bad({ ...base, value: 0 }, 'value');
    await bad({ ...base, value: 100.5 }, 'value');
    await bad({ ...base, value: -5 }, 'value');
    await bad({ ...base, value: 12.345 }, 'value');
    await bad({ ...base, kind: 'fixed_price', value: -1 }, 'value');
    await bad({ ...base, kind: 'fixed_price', value: 1e12 }, 'value');
    await bad({ ...base, kind: 'fixed_price', value: 9.5 }, 'value');
    await bad({ ...base, kind: 'free' }, 'kind');
    await bad({ ...base, orderTypes: [] }, 'orderTypes');
    await bad({ ...base, orderTypes: ['picnic'] }, 'orderTypes');
    expect(await count('price_rules')).toBe(rules);
    expect(await count('events')).toBe(events);
    await as(t, waiter.session).get('/api/v1/price-rules').expect(403);
  });
});
