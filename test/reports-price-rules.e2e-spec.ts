import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import type { Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

const HOUR = 3_600_000;

type Line = {
  variationId: string;
  quantity: number;
  listPrice: number;
  unitPrice: number;
  priceRuleId: string | null;
};

describe('Reports: what price rules took off, apart from staff discounts', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cashId: string;
  /** Every line of the closed orders, as the orders answered them: the ledger the reports must agree with. */
  const ledger: Line[] = [];

  /** Sets the app's clock to tomorrow's (UTC, the test zone) `hours` o'clock plus `minutes`. */
  const setClock = (hours: number, minutes = 0) => {
    const day = new Date(Date.now() + 2 * HOUR + 24 * HOUR);
    const target = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes);
    t.clock.advance(target - t.clock.now().getTime());
  };

  /** Orders, optionally discounts by hand, pays in cash and closes; its lines go into the ledger. */
  const sold = async (body: Json, discountPercent?: number): Promise<Json> => {
    const created = await as(t, waiter.session).post('/api/v1/orders').send(body).expect(201);
    const id = created.body.id as string;
    if (discountPercent !== undefined) {
      await as(t, manager.session)
        .post(`/api/v1/orders/${id}/discount`)
        .send({ kind: 'percent', value: discountPercent, reason: 'regulars' })
        .expect(200);
    }
    const order = (await as(t, waiter.session).get(`/api/v1/orders/${id}`).expect(200)).body;
    await as(t, waiter.session)
      .post(`/api/v1/orders/${id}/payments`)
      .send({ methodId: cashId, amount: order.total })
      .expect(201);
    await as(t, waiter.session).patch(`/api/v1/orders/${id}/status`).send({ status: 'closed' }).expect(200);
    ledger.push(...(order.items as Line[]));
    return order;
  };

  const taken = (line: Line) =>
    line.priceRuleId === null ? 0 : (line.listPrice - line.unitPrice) * line.quantity;
  const sum = (lines: Line[], of: (line: Line) => number) =>
    lines.reduce((total, line) => total + of(line), 0);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    [waiter, manager] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Manager)]);
    r = await factories(t, admin).newRestaurant();
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Json[];
    cashId = methods.find((method) => method.kind === 'cash')!.id as string;
  });

  afterAll(() => t.close());

  it('shows each rule’s (listPrice - unitPrice) × quantity per dish and rule, in JSON and CSV, against the ledger', async () => {
    setClock(16, 0);
    const schedule = (
      await as(t, admin)
        .post('/api/v1/menu-schedules')
        .send({ name: 'Happy hours', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '17:00', to: '19:00' }] })
        .expect(201)
    ).body;
    const rule = (
      await as(t, admin)
        .post('/api/v1/price-rules')
        .send({
          name: 'Happy hour',
          scheduleId: schedule.id,
          dishId: r.beer.id,
          kind: 'percent_off',
          value: 50,
          orderTypes: ['dine_in'],
        })
        .expect(201)
    ).body;
    const table = { type: 'dine_in', tableId: r.table.id };
    const beer = (quantity: number) => ({ dishId: r.beer.id, quantity });

    await sold({ ...table, items: [beer(2)] });
    setClock(17, 30);
    await sold({ ...table, items: [beer(3), { dishId: r.fries.id, quantity: 1 }] }, 10);
    await sold({ ...table, items: [beer(1)] });
    await sold({ type: 'takeaway', items: [beer(1)] });
    // An order still open is not sales: its happy-hour beers are in no report.
    await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ ...table, items: [beer(5)] })
      .expect(201);

    const ruled = ledger.filter((line) => line.priceRuleId === rule.id);
    expect(ruled).toHaveLength(2);
    const expected = sum(ruled, taken);
    expect(expected).toBe(4 * 275);

    const dishes = (await as(t, manager.session).get('/api/v1/reports/dishes').expect(200)).body;
    const beerRow = (dishes.dishes as Json[]).find((dish) => dish.dishId === r.beer.id)!;
    const beerLines = ledger.filter((line) => r.beer.variations.some((v) => v.id === line.variationId));
    expect(beerRow).toMatchObject({
      quantity: sum(beerLines, (line) => line.quantity),
      revenue: sum(beerLines, (line) => line.unitPrice * line.quantity),
      priceRuleDiscount: expected,
    });
    expect((dishes.dishes as Json[]).find((dish) => dish.dishId === r.fries.id)).toMatchObject({
      priceRuleDiscount: 0,
    });
    expect(dishes.totals).toEqual({
      quantity: sum(ledger, (line) => line.quantity),
      revenue: sum(ledger, (line) => line.unitPrice * line.quantity),
      priceRuleDiscount: sum(ledger, taken),
    });

    const adjustments = (await as(t, manager.session).get('/api/v1/reports/discounts-and-voids').expect(200))
      .body;
    expect(adjustments.priceRules).toEqual([
      {
        priceRuleId: rule.id,
        name: 'Happy hour',
        lines: 2,
        quantity: 4,
        priceRuleDiscount: expected,
      },
    ]);
    expect(adjustments.priceRuleDiscount).toBe(expected);
    // The staff discount stays what staff gave: 10 % of the discounted order, no more.
    expect(adjustments.totals.discounts).toBe(1);
    expect(adjustments.discounts[0].amount).toBe(adjustments.totals.discountAmount);

    const dishesCsv = await as(t, manager.session).get('/api/v1/reports/dishes?format=csv').expect(200);
    const csvLines = dishesCsv.text.trim().split('\r\n');
    const header = csvLines[0].split(',');
    const at = header.indexOf('priceRuleDiscount');
    expect(at).toBeGreaterThan(0);
    expect(csvLines.at(-1)!.split(',')[at]).toBe(String(sum(ledger, taken)));

    const adjustmentsCsv = await as(t, manager.session)
      .get('/api/v1/reports/discounts-and-voids?format=csv')
      .expect(200);
    const rows = adjustmentsCsv.text.trim().split('\r\n');
    const columns = rows[0].split(',');
    const ruleRow = rows.find((row) => row.startsWith('priceRule,'))!.split(',');
    expect(ruleRow[columns.indexOf('priceRuleId')]).toBe(rule.id);
    expect(ruleRow[columns.indexOf('priceRuleDiscount')]).toBe(String(expected));
    expect(ruleRow[columns.indexOf('amount')]).toBe('');
  });
});
