import { Role } from '../../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import { FakeFiskaly } from './fake-fiskaly';
import { startTestApp, TestApp } from './test-app';

/** The service signing with a fake fiskaly: a restaurant with 19 % VAT, a waiter, a manager, the cash method. */
export interface FiskalyShop {
  fake: FakeFiskaly;
  t: TestApp;
  waiter: NewStaff;
  manager: NewStaff;
  r: Restaurant;
  cashId: string;
}

/** Starts the fake (as `prepare` sets it) and the service pointed at it, with `env` besides. */
export async function fiskalyShop(
  prepare: (fake: FakeFiskaly) => void = () => undefined,
  env: Record<string, string> = {},
): Promise<FiskalyShop> {
  const fake = await new FakeFiskaly().start();
  prepare(fake);
  const t = await startTestApp({ ...fake.env(), ...env });
  const admin = await loginAdmin(t);
  await factories(t, admin).newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
  const r = await factories(t, admin).newRestaurant();
  const [waiter, manager] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Manager)]);
  const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
    .items as Array<{ id: string; kind: string }>;
  return { fake, t, waiter, manager, r, cashId: methods.find((method) => method.kind === 'cash')!.id };
}

/** A takeaway order opened on a device (X-Device-Id), sent to the kitchen, paid in cash and closed: its id. */
export async function soldOn(
  t: TestApp,
  session: Session,
  sale: { device: string; dishId: string; quantity: number; cashId: string },
): Promise<string> {
  const order = (
    await as(t, session)
      .post('/api/v1/orders')
      .set('X-Device-Id', sale.device)
      .send({ type: 'takeaway', items: [{ dishId: sale.dishId, quantity: sale.quantity }] })
      .expect(201)
  ).body as { id: string; total: number };
  await as(t, session)
    .post(`/api/v1/orders/${order.id}/payments`)
    .send({ methodId: sale.cashId, amount: order.total })
    .expect(201);
  await as(t, session).patch(`/api/v1/orders/${order.id}/status`).send({ status: 'closed' }).expect(200);
  return order.id;
}
