import { Role } from '../../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import { startTestApp, TestApp } from './test-app';

export type OrderBody = { id: string; number: number; total: number; items: Array<{ id: string }> } & Record<
  string,
  unknown
>;

export interface OrdersApp {
  t: TestApp;
  admin: Session;
  make: ReturnType<typeof factories>;
  waiter: NewStaff;
  manager: NewStaff;
  kitchen: NewStaff;
}

/** The app as the order specs run it, with a 10% service charge, and its waiter, manager and cook. */
export async function startOrdersApp(): Promise<OrdersApp> {
  // A zone with daylight saving, so that ticket numbering is tested across a night the clocks change.
  const t = await startTestApp({ SERVICE_CHARGE_RATE: '10', RESTAURANT_TIMEZONE: 'Europe/Berlin' });
  const admin = await loginAdmin(t);
  return {
    t,
    admin,
    make: factories(t, admin),
    waiter: await newStaff(t, Role.Waiter),
    manager: await newStaff(t, Role.Manager),
    kitchen: await newStaff(t, Role.Kitchen),
  };
}

/** The calls every order spec makes. Takes getters: the app and the waiter exist once beforeAll has run. */
export function orderCalls(app: () => TestApp, waiter: () => Session) {
  /** The waiter's order at the restaurant's table: two double burgers (grill) and two beers (bar). */
  async function newOrder(r: Restaurant) {
    const response = await as(app(), waiter())
      .post('/api/v1/orders')
      .send({
        type: 'dine_in',
        tableId: r.table.id,
        guests: 2,
        notes: 'window seat',
        items: [
          {
            dishId: r.burger.id,
            variationId: r.burger.variations.find((v) => v.name === 'Double')!.id,
            quantity: 2,
            comment: 'no onions',
          },
          { dishId: r.beer.id, quantity: 2 },
        ],
      });
    expect(response.status).toBe(201);
    return response.body as OrderBody;
  }

  const itemStatus = (session: Session, orderId: string, itemId: string, status: string) =>
    as(app(), session).patch(`/api/v1/orders/${orderId}/items/${itemId}/status`).send({ status });

  return { newOrder, itemStatus };
}
