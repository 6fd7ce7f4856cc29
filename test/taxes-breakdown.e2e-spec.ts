import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories } from './support/factories';
import type { Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

type Row = {
  taxRateId: string | null;
  name: string;
  percent: number;
  net: number;
  tax: number;
  gross: number;
};

/** The rows of several orders added up row by row, as the money module orders them. */
function sumRows(lists: Row[][]): Row[] {
  const sums = new Map<string, Row>();
  for (const row of lists.flat()) {
    const key = `${row.taxRateId}|${row.percent}`;
    const sum = sums.get(key) ?? { ...row, net: 0, tax: 0, gross: 0 };
    sums.set(key, { ...sum, net: sum.net + row.net, tax: sum.tax + row.tax, gross: sum.gross + row.gross });
  }
  return [...sums.values()].filter((row) => row.gross !== 0);
}
const byRate = (rows: Row[]) => [...rows].sort((a, b) => `${a.taxRateId}`.localeCompare(`${b.taxRateId}`));

describe('Taxes: every order carries its breakdown, one row per rate, to the minor unit', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let make: ReturnType<typeof factories>;
  let dishes: Record<'burger' | 'fries' | 'soda' | 'bottle', string>;
  let state: Json;
  let city: Json;

  const api = () => as(t, waiter.session);
  const post = async (path: string, body: object, status = 201): Promise<Json> => {
    const response = await as(t, admin).post(path).send(body);
    if (response.status !== status)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    // US style: prices exclude the taxes, a 10 % service charge on dine-in, taxed like the lines.
    t = await startTestApp({ PRICES_INCLUDE_TAX: 'false', SERVICE_CHARGE_RATE: '10' });
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
    make = factories(t, admin);
    state = await post('/api/v1/tax-rates', { name: 'State', percent: 6.25 });
    city = await post('/api/v1/tax-rates', { name: 'City', percent: 2.25 });
    const station = await make.newStation('Kitchen');
    const category = await make.newCategory('Food');
    const dish = async (name: string, price: number, taxRateIds: string[]) =>
      (
        await post('/api/v1/dishes', {
          name,
          price,
          categoryId: category.id,
          stationId: station.id,
          ...(taxRateIds.length > 0 ? { taxRateIds } : {}),
        })
      ).id as string;
    dishes = {
      burger: await dish('Burger', 1299, [state.id, city.id]),
      fries: await dish('Fries', 450, [state.id, city.id]),
      soda: await dish('Soda', 299, [state.id]),
      // No rate on the dish, its category or as a default: exempt.
      bottle: await dish('Deposit bottle', 500, []),
    };
  });

  afterAll(() => t.close());

  const newOrder = async (): Promise<Json> => {
    const table = await make.newTable(`T${Math.random().toString(36).slice(2, 7)}`);
    const response = await api()
      .post('/api/v1/orders')
      .send({
        type: 'dine_in',
        tableId: table.id,
        guests: 2,
        items: [
          { dishId: dishes.burger, quantity: 1 },
          { dishId: dishes.fries, quantity: 1 },
          { dishId: dishes.soda, quantity: 2 },
          { dishId: dishes.bottle, quantity: 1 },
        ],
      });
    expect(response.status).toBe(201);
    return response.body;
  };

  it('computes the breakdown: stacked rates on one base, the exempt row, sums exact', async () => {
    const order = await newOrder();
    // Service 10 % of 2847 = 285, spread 130 / 45 / 60 / 50. State 6.25 % per line on 1429, 495 and 658:
    // 89 + 31 + 41; city 2.25 % on 1429 and 495: 32 + 11. The bottle and its service charge are exempt.
    expect(order).toMatchObject({ subtotal: 2847, discount: 0, serviceCharge: 285, tax: 204, total: 3336 });
    expect(order.taxes).toEqual([
      { taxRateId: state.id, name: 'State', percent: 6.25, net: 2582, tax: 161, gross: 2743 },
      { taxRateId: city.id, name: 'City', percent: 2.25, net: 0, tax: 43, gross: 43 },
      { taxRateId: null, name: 'Exempt', percent: 0, net: 550, tax: 0, gross: 550 },
    ]);
    expect(order.items[0].taxes).toEqual([
      { taxRateId: state.id, name: 'State', percent: 6.25 },
      { taxRateId: city.id, name: 'City', percent: 2.25 },
    ]);
    expect(order.items[3].taxes).toEqual([]);
    const read = (await api().get(`/api/v1/orders/${order.id}`).expect(200)).body;
    expect(read.taxes).toEqual(order.taxes);
    // Events (and so webhooks) carry the order view with its breakdown.
    const [event] = await t.dataSource.query<Array<{ data: string }>>(
      `SELECT data FROM events WHERE type = 'order.created' ORDER BY seq DESC LIMIT 1`,
    );
    expect(JSON.parse(event.data).taxes).toEqual(order.taxes);
  });

  it('a percent discount is rounded once and the breakdown follows it', async () => {
    const order = await newOrder();
    const manager = await newStaff(t, Role.Manager);
    const discounted = (
      await as(t, manager.session)
        .post(`/api/v1/orders/${order.id}/discount`)
        .send({ kind: 'percent', value: 5, reason: 'regulars' })
        .expect(200)
    ).body;
    // 5 % of 2847 is 142.35: 142 once, not a sum of per-unit roundings.
    expect(discounted).toMatchObject({ subtotal: 2847, discount: 142 });
    const rows = discounted.taxes as Row[];
    expect(rows.reduce((sum, row) => sum + row.gross, 0)).toBe(discounted.total);
    expect(rows.reduce((sum, row) => sum + row.tax, 0)).toBe(discounted.tax);
    expect(rows.reduce((sum, row) => sum + row.net, 0)).toBe(discounted.total - discounted.tax);
  });

  it('splits move the breakdown with the items, and a merge gives the original back to the minor unit', async () => {
    const order = await newOrder();
    const [, , soda, bottle] = order.items as Json[];
    const split = await api()
      .post(`/api/v1/orders/${order.id}/split`)
      .send({
        by: 'items',
        items: [
          { itemId: soda.id, quantity: 1 },
          { itemId: bottle.id, quantity: 1 },
        ],
      });
    expect(split.status).toBe(201);
    const parts = split.body.orders as Json[];
    expect(byRate(sumRows(parts.map((part) => part.taxes as Row[])))).toEqual(byRate(order.taxes));
    const even = await api().post(`/api/v1/orders/${order.id}/split`).send({ by: 'even', parts: 3 });
    expect(even.status).toBe(201);
    const thirds = even.body.orders as Json[];
    expect(byRate(sumRows(thirds.map((part) => part.taxes as Row[])))).toEqual(byRate(parts[0].taxes));
    for (const part of [...parts, ...thirds]) {
      const rows = part.taxes as Row[];
      expect(rows.reduce((sum, row) => sum + row.gross, 0)).toBe(part.total);
      expect(rows.every((row) => row.net >= 0 && row.tax >= 0)).toBe(true);
    }
    const others = [...parts.slice(1), ...thirds.slice(1)].map((part) => part.id as string);
    const merged = await api().post(`/api/v1/orders/${order.id}/merge`).send({ fromOrderIds: others });
    expect(merged.status).toBe(200);
    expect(merged.body.orders[0]).toMatchObject({
      subtotal: order.subtotal,
      serviceCharge: order.serviceCharge,
      tax: order.tax,
      total: order.total,
      taxes: order.taxes,
    });
  });
});
