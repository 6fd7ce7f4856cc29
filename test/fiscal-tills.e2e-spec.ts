/**
 * Tills at the signing unit stay few and stable: a fiskaly TSS takes so many clients and keeps each for good, while
 * any tablet may send a new X-Device-Id (docs/fiscal.md, "The till").
 */
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { FakeFiskaly } from './support/fake-fiskaly';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

jest.setTimeout(60_000);

/**
 * Tills stay few and stable: a TSS takes so many clients and keeps each for good, while any tablet may send a new
 * X-Device-Id. The first FISCAL_DEVICE_TILLS devices that sell are tills of their own; every later one sells at
 * the shared till `pos`. The fake refuses clients past its limit, as fiskaly does.
 */
describe('Tills at fiskaly', () => {
  let fake: FakeFiskaly;
  let t: TestApp;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cashId: string;

  beforeAll(async () => {
    fake = await new FakeFiskaly().start();
    // Two tablets, the shared till and one to spare: a third tablet of its own would be refused.
    fake.maxClients = 4;
    t = await startTestApp({ ...fake.env(), FISCAL_DEVICE_TILLS: '2' });
    const admin = await loginAdmin(t);
    await factories(t, admin).newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
    r = await factories(t, admin).newRestaurant();
    [waiter, manager] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Manager)]);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    cashId = methods.find((method) => method.kind === 'cash')!.id;
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  /** A takeaway order opened on `device`, paid and closed: its receipt's id. */
  async function soldOn(device: string): Promise<string> {
    const order = (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .set('X-Device-Id', device)
        .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1 }] })
        .expect(201)
    ).body as { id: string; total: number };
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cashId, amount: order.total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return order.id;
  }

  it('gives the first devices tills of their own and every later one the shared till, all signed', async () => {
    const devices = ['tablet-1', 'tablet-2', 'tablet-3', 'one-off-4', 'one-off-5', 'tablet-1'];
    const orderIds: string[] = [];
    for (const device of devices) orderIds.push(await soldOn(device));
    const receipts = await eventually('every receipt signed', async () => {
      const page = (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body
        .items as Array<{ orderId: string; fiscal: { state: string; clientId: string | null } | null }>;
      const ours = orderIds.map((orderId) => page.find((receipt) => receipt.orderId === orderId));
      return ours.every((receipt) => receipt?.fiscal?.state === 'signed') && ours;
    });
    expect(receipts.map((receipt) => receipt!.fiscal!.clientId)).toEqual([
      'tablet-1',
      'tablet-2',
      'pos',
      'pos',
      'pos',
      'tablet-1',
    ]);
    expect([...fake.clients.values()].map((client) => client.serial_number).sort()).toEqual([
      'pos',
      'tablet-1',
      'tablet-2',
    ]);
  });
});
