import { Role } from '../../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import type { Json } from './menu-fixture';
import { startTestApp, TestApp } from './test-app';

/** What the check specs (seats, splitting, moving, merging) share: an app whose amounts round, staff, helpers. */

export type Method = { id: string; kind: string };

export interface ItemBody {
  id: string;
  name: string;
  quantity: number;
  seat: number | null;
}

const MONEY = ['subtotal', 'discount', 'serviceCharge', 'tax', 'total'] as const;
export const moneyOf = (order: Json) => Object.fromEntries(MONEY.map((key) => [key, order[key]]));
export const sumOf = (orders: Json[]) =>
  Object.fromEntries(
    MONEY.map((key) => [key, orders.reduce((sum: number, order: Json) => sum + Number(order[key]), 0)]),
  );

export interface ChecksSetup {
  t: TestApp;
  admin: Session;
  make: ReturnType<typeof factories>;
  waiter: NewStaff;
  manager: NewStaff;
  kitchen: NewStaff;
  card: Method;
}

/**
 * Starts the app with tax on top at 8.875 % (the default rate, so every dish carries it) and a 10 % service
 * charge: amounts that round on nearly every line.
 */
export async function setUpChecks(): Promise<ChecksSetup> {
  const t = await startTestApp({ PRICES_INCLUDE_TAX: 'false', SERVICE_CHARGE_RATE: '10' });
  const admin = await loginAdmin(t);
  const make = factories(t, admin);
  await make.newTaxRate({ name: 'Sales tax', percent: 8.875, isDefault: true });
  const waiter = await newStaff(t, Role.Waiter);
  const manager = await newStaff(t, Role.Manager);
  const kitchen = await newStaff(t, Role.Kitchen);
  const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
    .items as Method[];
  const card = methods.find((method) => method.kind === 'card')!;
  return { t, admin, make, waiter, manager, kitchen, card };
}

/** The helpers, on the setup that `setup()` answers once the spec has made it. */
export function checkHelpers(setup: () => ChecksSetup) {
  const api = (session: Session = setup().waiter.session) => as(setup().t, session);
  const double = (r: Restaurant) => r.burger.variations.find((v) => v.name === 'Double')!.id;

  async function order(r: Restaurant, items: object[], extra: object = {}): Promise<Json> {
    const response = await api()
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: r.table.id, guests: 3, notes: 'by the window', items, ...extra });
    expect(response.status).toBe(201);
    return response.body;
  }

  /** Two double burgers at seat 1, two beers at seat 2, fries at seat 3, a beer for the table. */
  const seated = (r: Restaurant) =>
    order(r, [
      { dishId: r.burger.id, variationId: double(r), quantity: 2, seat: 1 },
      { dishId: r.beer.id, quantity: 2, seat: 2 },
      { dishId: r.fries.id, quantity: 1, seat: 3 },
      { dishId: r.beer.id, quantity: 1 },
    ]);

  const split = (id: string, body: object, headers: Record<string, string> = {}) =>
    api().post(`/api/v1/orders/${id}/split`).set(headers).send(body);
  const get = async (id: string): Promise<Json> => (await api().get(`/api/v1/orders/${id}`).expect(200)).body;
  const auditOf = (
    action: string,
  ): Promise<Array<{ entity_id: string; actor_user_id: string; after: string }>> =>
    setup().t.dataSource.query(
      `SELECT entity_id, actor_user_id, after FROM audit_log WHERE action = '${action}'`,
    );
  const pay = (id: string, amount: number, tip = 0) =>
    api().post(`/api/v1/orders/${id}/payments`).send({ methodId: setup().card.id, amount, tip }).expect(201);

  return { api, double, order, seated, split, get, auditOf, pay };
}
