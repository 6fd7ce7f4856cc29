import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Shift = { id: string; deviceId: string | null; expectedCash: number; difference: number | null };

const DAY_MS = 24 * 60 * 60_000;
const TABLET = 'tablet-terrace';

describe('Cash drawers on the devices: float, cash sales, pay out, count, over and short on the Z report', () => {
  let t: TestApp;
  let admin: Session;
  let r: Restaurant;
  let waiter: NewStaff;
  let manager: NewStaff;
  let cash: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
      id: string;
      kind: string;
    }>;
    cash = methods.find((method) => method.kind === 'cash')!.id;
  });

  afterAll(() => t.close());

  /** A takeaway order of `beers` beers (550 each), paid with `tendered` in cash on `device` (none: the back office), closed. */
  async function sellBeers(beers: number, tendered: number, device?: string): Promise<void> {
    const order = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: beers }] })
      .expect(201);
    const payment = as(t, waiter.session).post(`/api/v1/orders/${order.body.id as string}/payments`);
    await (device ? payment.set('X-Device-Id', device) : payment)
      .send({ methodId: cash, amount: tendered })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.body.id as string}/status`)
      .send({ status: 'closed' })
      .expect(200);
  }

  const onTablet = (session: Session, method: 'get' | 'post', path: string) =>
    as(t, session)[method](`/api/v1${path}`).set('X-Device-Id', TABLET);

  it('takes a tablet’s cash into the drawer open there and asks before a day with uncounted cash closes', async () => {
    // Cash taken with no drawer anywhere: the day's close asks the manager first.
    await sellBeers(1, 550);
    const asked = await as(t, manager.session).post('/api/v1/business-days/close').send({}).expect(409);
    expect(asked.body.error.code).toBe('CASH_NOT_COUNTED');

    // A waiter opens a drawer only on a device, and only one per device.
    const noDevice = await as(t, waiter.session).post('/api/v1/shifts').send({ float: 15_000 }).expect(422);
    expect(noDevice.body.error.details[0].field).toBe('X-Device-Id');
    const opened = await onTablet(waiter.session, 'post', '/shifts').send({ float: 15_000 }).expect(201);
    const drawer = opened.body as Shift;
    expect(drawer).toMatchObject({ deviceId: TABLET, openingCash: 15_000, expectedCash: 15_000 });
    await onTablet(waiter.session, 'post', '/shifts').send({ float: 100 }).expect(409);
    const house = (await as(t, manager.session).post('/api/v1/shifts').send({ float: 5_000 }).expect(201))
      .body as Shift;
    expect(house.deviceId).toBeNull();

    // 2 beers paid with 20.00 on the tablet (9.00 change), 3 beers with exactly 16.50 at the back office.
    await sellBeers(2, 2_000, TABLET);
    await sellBeers(3, 1_650);
    await onTablet(waiter.session, 'post', `/shifts/${drawer.id}/movements`)
      .send({ kind: 'withdrawal', amount: 700, reason: 'ice from the shop next door' })
      .expect(201);
    // Another device's waiter does not see this drawer.
    await as(t, waiter.session)
      .post(`/api/v1/shifts/${drawer.id}/movements`)
      .set('X-Device-Id', 'bar-tablet')
      .send({ kind: 'deposit', amount: 100, reason: 'not mine' })
      .expect(404);

    const current = (await onTablet(waiter.session, 'get', '/shifts/current').expect(200)).body as Shift;
    expect(current).toMatchObject({ id: drawer.id, cashTendered: 2_000, changeGiven: 900, withdrawals: 700 });
    expect(current.expectedCash).toBe(15_000 + 2_000 - 900 - 700);

    // Counted by denomination: 7 × 20.00 + 2 × 5.00 + 3 × 1.00 = 153.00 against 154.00 expected: 1.00 short.
    await onTablet(waiter.session, 'post', `/shifts/${drawer.id}/count`)
      .send({ amount: 15_300, denominations: [{ value: 2_000, count: 7 }] })
      .expect(422);
    const counted = await onTablet(waiter.session, 'post', `/shifts/${drawer.id}/count`)
      .send({
        denominations: [
          { value: 2_000, count: 7 },
          { value: 500, count: 2 },
          { value: 100, count: 3 },
        ],
      })
      .expect(200);
    expect(counted.body).toMatchObject({ status: 'closed', countedCash: 15_300, difference: -100 });
    await onTablet(waiter.session, 'get', '/shifts/current').expect(404);

    // The house drawer had the cash of no device: the float and 16.50; it is counted 0.50 over.
    const houseCounted = await as(t, manager.session)
      .post(`/api/v1/shifts/${house.id}/count`)
      .send({ amount: 5_000 + 1_650 + 50 })
      .expect(200);
    expect(houseCounted.body).toMatchObject({ cashTendered: 1_650, difference: 50 });

    const z = await as(t, manager.session).post('/api/v1/business-days/close').send({}).expect(201);
    const drawers = (z.body.report.cashDrawers as Shift[]).map(({ deviceId, difference }) => ({
      deviceId,
      difference,
    }));
    expect(drawers).toEqual([
      { deviceId: TABLET, difference: -100 },
      { deviceId: null, difference: 50 },
    ]);

    // The next day: cash and no drawer; the manager confirms the close.
    t.clock.advance(DAY_MS);
    await sellBeers(1, 550);
    await as(t, manager.session).post('/api/v1/business-days/close').send({}).expect(409);
    await as(t, manager.session)
      .post('/api/v1/business-days/close')
      .send({ uncountedCashConfirmed: true })
      .expect(201);
  });
});
