/**
 * Tills at the signing unit stay few and stable: a fiskaly TSS takes so many clients and keeps each for good, while
 * any tablet may send a new X-Device-Id (docs/fiscal.md, "The till").
 */
import { as } from './support/clients';
import { FiskalyShop, fiskalyShop, soldOn } from './support/fiscal-sales';
import { eventually } from './support/webhook-receiver';

jest.setTimeout(60_000);

/**
 * Tills stay few and stable: a TSS takes so many clients and keeps each for good, while any tablet may send a new
 * X-Device-Id. The first FISCAL_DEVICE_TILLS devices that sell are tills of their own; every later one sells at
 * the shared till `pos`. The fake refuses clients past its limit, as fiskaly does.
 */
describe('Tills at fiskaly', () => {
  let shop: FiskalyShop;

  // Two tablets, the shared till and one to spare: a third tablet of its own would be refused.
  beforeAll(async () => {
    shop = await fiskalyShop((fiskaly) => (fiskaly.maxClients = 4), { FISCAL_DEVICE_TILLS: '2' });
  });

  afterAll(async () => {
    await shop?.t.close();
    await shop?.fake.close();
  });

  it('gives the first devices tills of their own and every later one the shared till, all signed', async () => {
    const devices = ['tablet-1', 'tablet-2', 'tablet-3', 'one-off-4', 'one-off-5', 'tablet-1'];
    const { t, waiter, manager, r, cashId, fake } = shop;
    const orderIds: string[] = [];
    for (const device of devices) {
      orderIds.push(await soldOn(t, waiter.session, { device, dishId: r.fries.id, quantity: 1, cashId }));
    }
    const receipts = await eventually('every receipt signed', async () => {
      const page = (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body
        .items as Array<{ orderId: string; fiscal: { state: string; clientId: string | null } | null }>;
      const ours = orderIds.map((orderId) => page.find((receipt) => receipt.orderId === orderId));
      return ours.every((receipt) => receipt?.fiscal?.state === 'signed') && ours;
    });
    // Each device's till id at the unit: its X-Device-Id in letters and digits, as GET /fiscal/units maps it.
    const [unit] = (await as(t, manager.session).get('/api/v1/fiscal/units').expect(200)).body
      .items as Array<{
      tills: Array<{ deviceId: string; clientId: string }>;
    }>;
    expect(unit.tills.map((till) => till.deviceId)).toEqual(['tablet-1', 'tablet-2']);
    const [tablet1, tablet2] = unit.tills.map((till) => till.clientId);
    expect(receipts.map((receipt) => receipt!.fiscal!.clientId)).toEqual([
      tablet1,
      tablet2,
      'pos',
      'pos',
      'pos',
      tablet1,
    ]);
    expect([...fake.clients.values()].map((client) => client.serial_number).sort()).toEqual(
      ['pos', tablet1, tablet2].sort(),
    );
  });
});
