import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories } from './support/factories';
import { fields, Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

type Rate = { id: string; name: string; percent: number; isDefault: boolean; active: boolean };
type ItemRate = { taxRateId: string; name: string; percent: number };

describe('Taxes: the rate catalogue, where rates apply, mappings by order type', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let make: ReturnType<typeof factories>;
  let station: { id: string };
  let cardId: string;

  const api = () => as(t, admin);
  const created = async (path: string, body: object): Promise<Json> => {
    const response = await api().post(path).send(body);
    if (response.status !== 201)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const newRate = (name: string, percent: number, extra: object = {}): Promise<Rate> =>
    created('/api/v1/tax-rates', { name, percent, ...extra });
  const count = async (table: string) =>
    Number((await t.dataSource.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const itemRate = (rate: Rate): ItemRate => ({ taxRateId: rate.id, name: rate.name, percent: rate.percent });

  /** The rates each item of the order copied, in line order, as the database keeps them. */
  const itemTaxes = async (orderId: string): Promise<ItemRate[][]> => {
    const rows = await t.dataSource.query<Array<{ taxes: string }>>(
      `SELECT taxes FROM order_items WHERE order_id = '${orderId}' ORDER BY position`,
    );
    return rows.map((row) => JSON.parse(row.taxes) as ItemRate[]);
  };

  const newDish = async (name: string, categoryId: string, extra: object = {}): Promise<Json> =>
    created('/api/v1/dishes', { name, categoryId, stationId: station.id, price: 1000, ...extra });

  let tables = 0;
  const order = async (type: string, dishIds: string[]): Promise<Json> => {
    const tableId = type === 'dine_in' ? (await make.newTable(`T${++tables}`)).id : undefined;
    const response = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type, tableId, items: dishIds.map((dishId) => ({ dishId, quantity: 1 })) });
    if (response.status !== 201)
      throw new Error(`order: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  const closeOrder = async (orderId: string) => {
    const current = (await as(t, waiter.session).get(`/api/v1/orders/${orderId}`).expect(200)).body;
    await as(t, waiter.session)
      .post(`/api/v1/orders/${orderId}/payments`)
      .send({ methodId: cardId, amount: current.due })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${orderId}/status`)
      .send({ status: 'closed' })
      .expect(200);
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
    make = factories(t, admin);
    station = await make.newStation('Kitchen');
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items;
    cardId = (methods as Array<{ id: string; kind: string }>).find((method) => method.kind === 'card')!.id;
  });

  afterAll(() => t.close());

  it('creates, reads, lists, edits and deletes rates: admin writes, staff read, every write audited', async () => {
    const rate = await newRate('City tax', 6.25);
    expect(rate).toEqual({
      id: expect.any(String),
      name: 'City tax',
      percent: 6.25,
      isDefault: false,
      active: true,
      hqKey: null,
    });
    await as(t, waiter.session).get(`/api/v1/tax-rates/${rate.id}`).expect(200, rate);
    const list = (await as(t, waiter.session).get('/api/v1/tax-rates?perPage=100').expect(200)).body;
    expect(list.items).toContainEqual(rate);
    await as(t, waiter.session).post('/api/v1/tax-rates').send({ name: 'No', percent: 1 }).expect(403);
    await as(t, waiter.session).patch(`/api/v1/tax-rates/${rate.id}`).send({ percent: 1 }).expect(403);

    const edited = await api()
      .patch(`/api/v1/tax-rates/${rate.id}`)
      .send({ percent: 6.5, name: 'City' })
      .expect(200);
    expect(edited.body).toEqual({ ...rate, percent: 6.5, name: 'City' });
    await api().delete(`/api/v1/tax-rates/${rate.id}`).expect(204);
    await api().get(`/api/v1/tax-rates/${rate.id}`).expect(404);
    const audited = await t.dataSource.query<Array<{ action: string }>>(
      `SELECT action FROM audit_log WHERE entity_id = '${rate.id}' ORDER BY occurred_at, id`,
    );
    expect(audited.map((row) => row.action)).toEqual([
      'tax_rate.created',
      'tax_rate.updated',
      'tax_rate.deleted',
    ]);
  });

  it('refuses bad rates with 422 naming the field, and writes nothing', async () => {
    const before = await count('tax_rates');
    const refused = async (body: object, field: string) => {
      const response = await api().post('/api/v1/tax-rates').send(body).expect(422);
      expect(fields(response.body)).toEqual([field]);
    };
    await refused({ name: 'Five decimals', percent: 6.12345 }, 'percent');
    await refused({ name: 'Tiny', percent: 1e-7 }, 'percent');
    await refused({ name: 'Negative', percent: -1 }, 'percent');
    await refused({ name: 'Absurd', percent: 100.5 }, 'percent');
    await refused({ name: 'Text', percent: '19' }, 'percent');
    await refused({ name: 'Idle default', percent: 5, isDefault: true, active: false }, 'isDefault');
    expect(await count('tax_rates')).toBe(before);
  });

  it('validates taxRateIds on categories and dishes, and mappings: 422 naming the field, nothing written', async () => {
    const inactive = await newRate('Old rate', 16, { active: false });
    const vat = await newRate('VAT check', 19);
    const category = await created('/api/v1/categories', { name: 'Checked' });
    const [categories, dishes, mappings] = [
      await count('categories'),
      await count('dishes'),
      await count('tax_mappings'),
    ];

    const unknown = await api()
      .post('/api/v1/categories')
      .send({ name: 'Bad', taxRateIds: [vat.id, 'no-such-rate'] })
      .expect(422);
    expect(fields(unknown.body)).toEqual(['taxRateIds[1]']);
    const idle = await api()
      .post('/api/v1/dishes')
      .send({
        name: 'Bad',
        categoryId: category.id,
        stationId: station.id,
        price: 100,
        taxRateIds: [inactive.id],
      })
      .expect(422);
    expect(idle.body.error.details).toEqual([{ field: 'taxRateIds[0]', message: 'is an inactive tax rate' }]);
    await api()
      .patch(`/api/v1/categories/${category.id}`)
      .send({ taxRateIds: [inactive.id] })
      .expect(422);

    const mapping = (body: object) => api().post('/api/v1/tax-mappings').send(body).expect(422);
    const base = { name: 'Bad', orderTypes: ['takeaway'], fromTaxRateId: vat.id, toTaxRateId: null };
    expect(fields((await mapping({ ...base, toTaxRateId: vat.id })).body)).toEqual(['toTaxRateId']);
    expect(fields((await mapping({ ...base, orderTypes: ['drive_through'] })).body)).toEqual(['orderTypes']);
    expect(fields((await mapping({ ...base, orderTypes: [] })).body)).toEqual(['orderTypes']);
    expect(fields((await mapping({ ...base, fromTaxRateId: 'nope' })).body)).toEqual(['fromTaxRateId']);
    expect(fields((await mapping({ ...base, toTaxRateId: inactive.id })).body)).toEqual(['toTaxRateId']);
    await as(t, waiter.session).get('/api/v1/tax-mappings').expect(403);

    expect([await count('categories'), await count('dishes'), await count('tax_mappings')]).toEqual([
      categories,
      dishes,
      mappings,
    ]);
    const refreshed = (await api().get(`/api/v1/categories/${category.id}`).expect(200)).body;
    expect(refreshed.taxRateIds).toEqual([]);
  });

  describe('on orders', () => {
    let food: Rate;
    let reduced: Rate;
    let state: Rate;
    let city: Rate;
    let plain: Json;
    let drinks: Json;
    let schnitzel: Json;
    let water: Json;
    let burger: Json;

    beforeAll(async () => {
      food = await newRate('VAT 19 %', 19, { isDefault: true });
      reduced = await newRate('VAT 7 %', 7);
      state = await newRate('State sales tax', 6.25);
      city = await newRate('City sales tax', 2.25);
      plain = await created('/api/v1/categories', { name: 'Food' });
      drinks = await created('/api/v1/categories', { name: 'Water', taxRateIds: [reduced.id] });
      schnitzel = await newDish('Schnitzel', plain.id);
      water = await newDish('Still water', drinks.id);
      burger = await newDish('US burger', plain.id, { taxRateIds: [state.id, city.id] });
    });

    it('copies the dish’s rates, else its category’s, else the defaults onto each item', async () => {
      expect(schnitzel.taxRateIds).toEqual([]);
      expect(burger.taxRateIds).toEqual([state.id, city.id]);
      const placed = await order('dine_in', [schnitzel.id, water.id, burger.id]);
      expect(await itemTaxes(placed.id)).toEqual([
        [itemRate(food)],
        [itemRate(reduced)],
        [itemRate(state), itemRate(city)],
      ]);
    });

    it('maps eat-in 19 % to 7 % on takeaway and to exempt on delivery', async () => {
      const takeaway = await created('/api/v1/tax-mappings', {
        name: 'Food to go',
        orderTypes: ['takeaway'],
        fromTaxRateId: food.id,
        toTaxRateId: reduced.id,
      });
      expect(takeaway).toEqual({
        id: expect.any(String),
        name: 'Food to go',
        orderTypes: ['takeaway'],
        fromTaxRateId: food.id,
        toTaxRateId: reduced.id,
      });
      await created('/api/v1/tax-mappings', {
        name: 'Delivered food',
        orderTypes: ['delivery'],
        fromTaxRateId: food.id,
        toTaxRateId: null,
      });
      const taken = await order('takeaway', [schnitzel.id, burger.id]);
      expect(await itemTaxes(taken.id)).toEqual([[itemRate(reduced)], [itemRate(state), itemRate(city)]]);
      const delivered = await order('delivery', [schnitzel.id, water.id]);
      expect(await itemTaxes(delivered.id)).toEqual([[], [itemRate(reduced)]]);
      const eaten = await order('dine_in', [schnitzel.id]);
      expect(await itemTaxes(eaten.id)).toEqual([[itemRate(food)]]);

      const clash = await api()
        .post('/api/v1/tax-mappings')
        .send({
          name: 'Again',
          orderTypes: ['delivery', 'takeaway'],
          fromTaxRateId: food.id,
          toTaxRateId: null,
        })
        .expect(422);
      expect(fields(clash.body)).toEqual(['orderTypes[0]', 'orderTypes[1]']);
    });

    it('leaves an open order’s items as they were when a rate changes; later lines take the new rate', async () => {
      const open = await order('dine_in', [water.id]);
      await api()
        .patch(`/api/v1/tax-rates/${reduced.id}`)
        .send({ percent: 7.5, name: 'VAT 7.5 %' })
        .expect(200);
      await as(t, waiter.session)
        .post(`/api/v1/orders/${open.id}/items`)
        .send({ items: [{ dishId: water.id, quantity: 1 }] })
        .expect(201);
      const changed = { taxRateId: reduced.id, name: 'VAT 7.5 %', percent: 7.5 };
      expect(await itemTaxes(open.id)).toEqual([[itemRate(reduced)], [changed]]);
      await api().patch(`/api/v1/tax-rates/${reduced.id}`).send({ percent: 7, name: 'VAT 7 %' }).expect(200);
    });

    it('answers 409 when deleting or deactivating a rate in use, until nothing names it', async () => {
      const conflict = async (call: Promise<{ status: number; body: Json }>, words: string) => {
        const response = await call;
        expect(response.status).toBe(409);
        expect(response.body.error.message).toContain(words);
      };
      await conflict(api().delete(`/api/v1/tax-rates/${state.id}`), 'dishes name it');
      await conflict(api().patch(`/api/v1/tax-rates/${state.id}`).send({ active: false }), 'dishes name it');
      await conflict(api().delete(`/api/v1/tax-rates/${reduced.id}`), 'mappings name it');

      const wine = await newRate('Wine tax', 12);
      const cellar = await created('/api/v1/categories', { name: 'Cellar', taxRateIds: [wine.id] });
      await conflict(api().delete(`/api/v1/tax-rates/${wine.id}`), 'categories name it');
      const red = await newDish('Red wine', cellar.id);
      const glass = await order('dine_in', [red.id]);
      await api().patch(`/api/v1/categories/${cellar.id}`).send({ taxRateIds: [] }).expect(200);
      // Only the open order's item carries it now: deactivating is fine, deleting waits for the order.
      await api().patch(`/api/v1/tax-rates/${wine.id}`).send({ active: false }).expect(200);
      await conflict(api().delete(`/api/v1/tax-rates/${wine.id}`), "open orders' items carry it");
      await closeOrder(glass.id);
      await api().delete(`/api/v1/tax-rates/${wine.id}`).expect(204);
      expect(await itemTaxes(glass.id)).toEqual([[{ taxRateId: wine.id, name: 'Wine tax', percent: 12 }]]);
    });
  });
});
