import { Role } from '../src/common/access/role';
import { ShiftsService } from '../src/shifts/shifts.service';
import { as, issueKey, loginAdmin, newStaff, NewStaff, Session, withKey } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { connect } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

type Shift = Record<string, unknown> & { id: string; openedAt: string; businessDay: string };

const HOUR_MS = 60 * 60_000;

describe('Cash-drawer shifts', () => {
  let t: TestApp;
  let admin: Session;
  let manager: NewStaff;
  let waiter: NewStaff;
  let r: Restaurant;
  let cash: string;
  let card: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    manager = await newStaff(t, Role.Manager);
    waiter = await newStaff(t, Role.Waiter);
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
      id: string;
      kind: string;
    }>;
    cash = methods.find((method) => method.kind === 'cash')!.id;
    card = methods.find((method) => method.kind === 'card')!.id;
  });

  afterAll(() => t.close());

  const openShift = (openingCash: number, session: Session = manager.session) =>
    as(t, session).post('/api/v1/shifts/open').send({ openingCash });
  const closeShift = (id: string, body: object, session: Session = manager.session) =>
    as(t, session).post(`/api/v1/shifts/${id}/close`).send(body);
  const getShift = async (id: string): Promise<Shift> =>
    (await as(t, manager.session).get(`/api/v1/shifts/${id}`).expect(200)).body as Shift;

  /** A takeaway order of `beers` beers (550 each, no tax or service charge). */
  async function newOrder(beers: number): Promise<string> {
    const order = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: beers }] })
      .expect(201);
    return order.body.id as string;
  }

  async function pay(orderId: string, methodId: string, amount: number, tip = 0): Promise<string> {
    const payment = await as(t, waiter.session)
      .post(`/api/v1/orders/${orderId}/payments`)
      .send({ methodId, amount, tip })
      .expect(201);
    return payment.body.id as string;
  }

  const refund = (paymentId: string, amount: number) =>
    as(t, manager.session)
      .post(`/api/v1/payments/${paymentId}/refund`)
      .send({ amount, reason: 'wrong beer' })
      .expect(201);

  /** Closes whatever shift is open, so each test starts with the drawer closed. */
  async function closeOpenShift(): Promise<void> {
    const open = await as(t, manager.session).get('/api/v1/shifts?status=open').expect(200);
    for (const shift of open.body.items as Shift[])
      await closeShift(shift.id, { countedCash: 0 }).expect(200);
  }

  beforeEach(closeOpenShift);

  it('sums the cash that went through the drawer while open, and keeps the count and difference at the close', async () => {
    // Paid in cash before the shift: not its cash, but its refund is paid out of this drawer.
    const earlierOrder = await newOrder(2);
    const earlierCash = await pay(earlierOrder, cash, 1100);
    t.clock.advance(1000);

    const opened = await openShift(20_000);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      status: 'open',
      openingCash: 20_000,
      cashTendered: 0,
      changeGiven: 0,
      cashRefunds: 0,
      cashTips: 0,
      expectedCash: 20_000,
      countedCash: null,
      difference: null,
      openedBy: manager.id,
      closedBy: null,
      closedAt: null,
    });
    const id = opened.body.id as string;
    t.clock.advance(1000);

    const withChange = await newOrder(3); // 1650, paid with 2000: 350 change, 200 tip in cash
    await pay(withChange, cash, 2000, 200);
    const byCard = await newOrder(1); // 550 by card, with a tip: none of it is cash
    const cardPayment = await pay(byCard, card, 550, 100);
    const split = await newOrder(2); // 1100: 600 cash, 500 card
    const splitCash = await pay(split, cash, 600);
    await pay(split, card, 500);
    await refund(splitCash, 250);
    await refund(earlierCash, 100);
    await refund(cardPayment, 550);

    const live = await getShift(id);
    expect(live).toMatchObject({
      status: 'open',
      cashTendered: 2600,
      changeGiven: 350,
      cashRefunds: 350,
      cashTips: 200,
      // 20000 + 2600 - 350 - 350: tips go to the staff, not into the drawer.
      expectedCash: 21_900,
      countedCash: null,
      difference: null,
    });

    t.clock.advance(1000);
    const closed = await closeShift(id, { countedCash: 21_850, note: 'short by a 50' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      ...live,
      status: 'closed',
      countedCash: 21_850,
      difference: -50,
      note: 'short by a 50',
      closedBy: manager.id,
      closedAt: expect.any(String),
    });
    expect(Date.parse(closed.body.closedAt as string)).toBeGreaterThan(Date.parse(live.openedAt));

    // Cash taken after the close belongs to no closed shift: the counted shift never changes.
    t.clock.advance(1000);
    await pay(await newOrder(1), cash, 550);
    expect(await getShift(id)).toEqual(closed.body);
  });

  it('records cash paid in and out of an open drawer, with its reason, in expected cash and to managers live', async () => {
    const id = (await openShift(10_000).expect(201)).body.id as string;
    const [managerFeed, waiterFeed] = await Promise.all([
      connect(t, { token: manager.session.accessToken }),
      connect(t, { token: waiter.session.accessToken }),
    ]);
    const move = (body: object, session: Session = manager.session) =>
      as(t, session).post(`/api/v1/shifts/${id}/movements`).send(body);
    const deposit = (
      await move({ kind: 'deposit', amount: 5000, reason: 'change from the bank' }).expect(201)
    ).body as Shift;
    expect(deposit).toMatchObject({ deposits: 5000, withdrawals: 0, expectedCash: 15_000 });
    const paidOut = (
      await move({ kind: 'withdrawal', amount: 1200, reason: 'eggs from the market' }).expect(201)
    ).body as Shift;
    expect(paidOut).toMatchObject({
      deposits: 5000,
      withdrawals: 1200,
      expectedCash: 13_800,
      movements: [
        { kind: 'deposit', amount: 5000, reason: 'change from the bank', recordedBy: manager.id },
        { kind: 'withdrawal', amount: 1200, reason: 'eggs from the market', recordedBy: manager.id },
      ],
    });
    await managerFeed.until(
      (events) => events.filter((event) => event.type === 'shift.drawer_movement').length === 2,
    );
    const [, last] = managerFeed.received.filter((event) => event.type === 'shift.drawer_movement');
    expect(last.data).toMatchObject({
      shift: { id, expectedCash: 13_800 },
      movement: { kind: 'withdrawal' },
    });
    // Waiters are not told of the drawer: an order opened after the movements reaches them, the movements did not.
    await newOrder(1);
    const beforeOrder = await waiterFeed.receivedBefore((event) => event.type === 'order.created');
    expect(beforeOrder.filter((event) => event.type === 'shift.drawer_movement')).toEqual([]);

    for (const [body, field] of [
      [{ kind: 'deposit', amount: 0, reason: 'none' }, 'amount'],
      [{ kind: 'deposit', amount: 12.5, reason: 'half a cent' }, 'amount'],
      [{ kind: 'refill', amount: 100, reason: 'what kind' }, 'kind'],
      [{ kind: 'deposit', amount: 100 }, 'reason'],
      [{ kind: 'deposit', amount: 100, reason: 'x'.repeat(256) }, 'reason'],
    ] as const) {
      const refused = await move(body);
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    // A waiter handles only the drawer of the device they send from: the house drawer is not one.
    await move({ kind: 'deposit', amount: 100, reason: 'tips' }, waiter.session).expect(404);
    await as(t, manager.session)
      .post('/api/v1/shifts/00000000-0000-4000-8000-000000000000/movements')
      .send({ kind: 'deposit', amount: 100, reason: 'nowhere' })
      .expect(404);

    // The count is held to what was paid in and out, and a closed drawer takes no more.
    const closed = (await closeShift(id, { countedCash: 13_800 }).expect(200)).body as Shift;
    expect(closed).toMatchObject({ expectedCash: 13_800, difference: 0, deposits: 5000, withdrawals: 1200 });
    const late = await move({ kind: 'withdrawal', amount: 100, reason: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_TRANSITION');
    expect(await getShift(id)).toEqual(closed);
    managerFeed.close();
    waiterFeed.close();
  });

  it('allows one open shift at a time (409 CONFLICT naming it), and closing twice is INVALID_TRANSITION', async () => {
    const first = await openShift(10_000).expect(201);
    const second = await openShift(5000, admin);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    expect(second.body.error.message).toContain(first.body.id);

    await closeShift(first.body.id, { countedCash: 10_000 }).expect(200);
    const again = await closeShift(first.body.id, { countedCash: 9000 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
    expect((await getShift(first.body.id)).countedCash).toBe(10_000);

    await closeShift('00000000-0000-4000-8000-000000000000', { countedCash: 1 }).expect(404);
    await as(t, manager.session).get('/api/v1/shifts/no-such-shift').expect(404);
  });

  it('lets exactly one of several concurrent opens win', async () => {
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => openShift(n * 100)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const open = await as(t, manager.session).get('/api/v1/shifts?status=open').expect(200);
    expect(open.body.total).toBe(1);
    expect(open.body.items[0].id).toBe(replies.find((reply) => reply.status === 201)!.body.id);
  });

  it('honours Idempotency-Key on open and close', async () => {
    const key = `open-${Date.now()}`;
    const first = await openShift(3000).set('Idempotency-Key', key).expect(201);
    const retry = await openShift(3000).set('Idempotency-Key', key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    const reused = await openShift(4000).set('Idempotency-Key', key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const closeKey = `close-${Date.now()}`;
    const closed = await closeShift(first.body.id, { countedCash: 3000 })
      .set('Idempotency-Key', closeKey)
      .expect(200);
    const closedAgain = await closeShift(first.body.id, { countedCash: 3000 }).set(
      'Idempotency-Key',
      closeKey,
    );
    expect(closedAgain.status).toBe(200);
    expect(closedAgain.body).toEqual(closed.body);

    const entries = await as(t, admin)
      .get(`/api/v1/audit-log?entityType=cash_shift&entityId=${first.body.id}`)
      .expect(200);
    expect((entries.body.items as Array<{ action: string }>).map((entry) => entry.action)).toEqual([
      'cash_shift.closed',
      'cash_shift.opened',
    ]);
  });

  it('audits opening and closing with who did it, the views before and after', async () => {
    const opened = await openShift(700).expect(201);
    const closed = await closeShift(opened.body.id, { countedCash: 650 }).expect(200);
    const log = await as(t, admin)
      .get(`/api/v1/audit-log?entityType=cash_shift&entityId=${opened.body.id}&actor=${manager.id}`)
      .expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        action: 'cash_shift.closed',
        actor: `staff:${manager.id}`,
        actorUserId: manager.id,
        before: { ...opened.body },
        after: closed.body,
      }),
      expect.objectContaining({ action: 'cash_shift.opened', before: null, after: opened.body }),
    ]);
  });

  it('keeps a manager who opened or closed a shift, deactivated, when deleted', async () => {
    const [opener, closer] = await Promise.all([newStaff(t, Role.Manager), newStaff(t, Role.Manager)]);
    const opened = await openShift(100, opener.session).expect(201);
    await closeShift(opened.body.id, { countedCash: 100 }, closer.session).expect(200);
    for (const staff of [opener, closer]) {
      await as(t, admin).delete(`/api/v1/users/${staff.id}`).expect(204);
      expect((await as(t, admin).get(`/api/v1/users/${staff.id}`).expect(200)).body.active).toBe(false);
    }
  });

  it('is for managers and admins only, never API keys, and validates amounts', async () => {
    await openShift(100, waiter.session).expect(403);
    const key = await issueKey(t, admin, { scopes: ['reports:read', 'payments:write'] });
    await withKey(t, key.key).post('/api/v1/shifts/open').send({ openingCash: 100 }).expect(403);
    await withKey(t, key.key).get('/api/v1/shifts').expect(403);
    for (const openingCash of [-1, 1.5, '100', null, 1e13]) {
      const refused = await openShift(openingCash as number);
      expect([openingCash, refused.status]).toEqual([openingCash, 422]);
    }
    const opened = await openShift(0).expect(201);
    for (const body of [
      {},
      { countedCash: -5 },
      { countedCash: 5, note: '' },
      { countedCash: 5, extra: 1 },
    ]) {
      const refused = await closeShift(opened.body.id, body);
      expect([body, refused.status]).toEqual([body, 422]);
    }
    expect((await getShift(opened.body.id)).status).toBe('open');
  });

  it('lists shifts newest first by period and status, and answers the shifts of a business day', async () => {
    const dayOne = (await openShift(100).expect(201)).body as Shift;
    await closeShift(dayOne.id, { countedCash: 100 }).expect(200);
    const morning = (await openShift(200).expect(201)).body as Shift;
    await closeShift(morning.id, { countedCash: 200 }).expect(200);
    t.clock.advance(24 * HOUR_MS);
    const dayTwo = (await openShift(300).expect(201)).body as Shift;
    expect(dayTwo.businessDay > dayOne.businessDay).toBe(true);

    const all = await as(t, manager.session)
      .get(`/api/v1/shifts?from=${encodeURIComponent(dayOne.openedAt)}&perPage=2`)
      .expect(200);
    expect(all.body).toMatchObject({ total: 3, pages: 2, perPage: 2 });
    expect(all.body.items.map((shift: Shift) => shift.id)).toEqual([dayTwo.id, morning.id]);
    const closedOnDayOne = await as(t, manager.session)
      .get(
        `/api/v1/shifts?status=closed&from=${encodeURIComponent(dayOne.openedAt)}&to=${encodeURIComponent(dayTwo.openedAt)}`,
      )
      .expect(200);
    expect(closedOnDayOne.body.items.map((shift: Shift) => shift.id)).toEqual([morning.id, dayOne.id]);
    const backwards = await as(t, manager.session)
      .get(
        `/api/v1/shifts?from=${encodeURIComponent(dayTwo.openedAt)}&to=${encodeURIComponent(dayOne.openedAt)}`,
      )
      .expect(422);
    expect(backwards.body.error.details[0].field).toBe('from');

    const shifts = t.app.get(ShiftsService);
    expect((await shifts.shiftsOfBusinessDay(dayOne.businessDay)).map((shift) => shift.id)).toEqual(
      expect.arrayContaining([dayOne.id, morning.id]),
    );
    const second = await shifts.shiftsOfBusinessDay(dayTwo.businessDay);
    expect(second).toEqual([await getShift(dayTwo.id)]);
  });
});
