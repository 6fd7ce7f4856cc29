import { Role } from '../../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import { startTestApp, TestApp } from './test-app';

/** What the report specs (JSON and CSV, PDFs) share: a restaurant with a 10 % service charge, staff, helpers. */

export type Method = { id: string; kind: string };
export type Item = { id: string; dishId: string };

export interface ReportsSetup {
  t: TestApp;
  admin: Session;
  waiter: NewStaff;
  manager: NewStaff;
  kitchen: NewStaff;
  r: Restaurant;
  fish: { id: string; name: string };
  cash: Method;
  card: Method;
}

/** Starts the app in the middle of a business day, with a fish whose name a CSV must quote. */
export async function setUpReports(): Promise<ReportsSetup> {
  const t = await startTestApp({ SERVICE_CHARGE_RATE: '10' });
  t.clock.moveToMidBusinessDay();
  const admin = await loginAdmin(t);
  const make = factories(t, admin);
  const r = await make.newRestaurant();
  const fish = await make.newDish({
    name: 'Fish, "fresh"',
    categoryId: r.category.id,
    stationId: r.grill.id,
    price: 1500,
  });
  const [waiter, manager, kitchen] = await Promise.all(
    [Role.Waiter, Role.Manager, Role.Kitchen].map((role) => newStaff(t, role)),
  );
  const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Method[];
  const cash = methods.find((m) => m.kind === 'cash')!;
  const card = methods.find((m) => m.kind === 'card')!;
  return { t, admin, waiter, manager, kitchen, r, fish, cash, card };
}

/** The helpers, on the setup that `setup()` answers once the spec has made it. */
export function reportHelpers(setup: () => ReportsSetup) {
  const report = (path: string, session: Session = setup().manager.session) =>
    as(setup().t, session).get(`/api/v1/reports/${path}`);

  async function newOrder(
    items: Array<{ dishId: string; variationId?: string; quantity: number }>,
    type = 'takeaway',
  ) {
    const { t, waiter, r } = setup();
    const response = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type, tableId: type === 'dine_in' ? r.table.id : undefined, items });
    expect(response.status).toBe(201);
    return response.body as { id: string; number: number; total: number; items: Item[] };
  }

  async function payAndClose(orderId: string, payments: object[]) {
    const { t, waiter } = setup();
    for (const payment of payments) {
      await as(t, waiter.session).post(`/api/v1/orders/${orderId}/payments`).send(payment).expect(201);
    }
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${orderId}/status`)
      .send({ status: 'closed' })
      .expect(200);
  }

  return { report, newOrder, payAndClose };
}
