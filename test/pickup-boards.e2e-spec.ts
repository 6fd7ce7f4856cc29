import { Role } from '../src/common/access/role';
import { newChannel } from './support/channels-fixture';
import { as, loginAdmin, newStaff, NewStaff, requestFrom } from './support/clients';
import type { Restaurant } from './support/factories';
import { OrderBody, OrdersApp, orderCalls, startOrdersApp } from './support/orders-fixture';
import { startTestApp, TestApp } from './support/test-app';

type Shown = { orderId: string; number: number; type: string; channel: string | null; readyAt?: string };
interface Board {
  board: { name: string };
  preparing: Shown[];
  ready: Shown[];
}

const BASE_URL = 'https://pos.example.com';

describe('Pickup boards', () => {
  let t: TestApp;
  let app: OrdersApp;
  let waiter: NewStaff;
  let r: Restaurant;
  let token: string;
  const { newOrder, itemStatus } = orderCalls(
    () => t,
    () => waiter.session,
  );

  beforeAll(async () => {
    app = await startOrdersApp();
    ({ t, waiter } = app);
    r = await app.make.newRestaurant();
    token = (
      await as(t, app.manager.session).post('/api/v1/pickup-boards').send({ name: 'Counter' }).expect(201)
    ).body.token;
  });

  afterAll(() => t.close());

  const read = (boardToken = token, headers: Record<string, string> = {}) =>
    t
      .http()
      .get(`/api/v1/public/pickup-boards/${encodeURIComponent(boardToken)}`)
      .set(headers);
  const board = async (): Promise<Board> => (await read().expect(200)).body as Board;
  /** What the board shows of these orders, in its order: the other specs' orders are none of this test's business. */
  const of = (orders: Array<{ id: string }>, shown: Shown[]) =>
    shown.filter((one) => orders.some((order) => order.id === one.orderId)).map((one) => one.orderId);

  const takeaway = async (extra: object = {}): Promise<OrderBody> =>
    (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({
          type: 'takeaway',
          items: [
            { dishId: r.beer.id, quantity: 1 },
            { dishId: r.fries.id, quantity: 1 },
          ],
          ...extra,
        })
        .expect(201)
    ).body as OrderBody;
  const allReady = async (order: OrderBody) => {
    for (const item of order.items)
      await itemStatus(app.kitchen.session, order.id, item.id, 'ready').expect(200);
  };

  it('makes, lists and revokes boards, with the link on the public address; a revoked token answers 404', async () => {
    const manager = as(t, app.manager.session);
    const made = await manager.post('/api/v1/pickup-boards').send({ name: '  Window  ' });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({
      id: expect.any(String),
      name: 'Window',
      token: expect.stringMatching(/^[\w-]{32}$/),
      url: `${t.config.publicBaseUrl}/pickup?board=${made.body.token}`,
      createdAt: expect.any(String),
    });
    const listed = (await manager.get('/api/v1/pickup-boards').expect(200)).body.items;
    expect(listed).toEqual(expect.arrayContaining([made.body]));
    expect((await read(made.body.token).expect(200)).body.board).toEqual({ name: 'Window' });

    await manager.delete(`/api/v1/pickup-boards/${made.body.id}`).expect(204);
    const gone = await read(made.body.token);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await manager.delete(`/api/v1/pickup-boards/${made.body.id}`)).status).toBe(404);
    expect((await manager.get('/api/v1/pickup-boards').expect(200)).body.items).not.toContainEqual(made.body);

    const audit = await as(t, app.admin)
      .get('/api/v1/audit-log')
      .query({ entityType: 'pickup_board', entityId: made.body.id })
      .expect(200);
    expect(audit.body.items.map((entry: { action: string }) => entry.action).sort()).toEqual([
      'pickup_board.created',
      'pickup_board.deleted',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(made.body.token);

    for (const session of [waiter.session, app.kitchen.session]) {
      expect((await as(t, session).get('/api/v1/pickup-boards')).status).toBe(403);
      expect((await as(t, session).post('/api/v1/pickup-boards').send({ name: 'x' })).status).toBe(403);
    }
    for (const body of [
      {},
      { name: '' },
      { name: 7 },
      { name: 'x'.repeat(101) },
      { name: 'x', token: 'mine' },
    ]) {
      const refused = await manager.post('/api/v1/pickup-boards').send(body);
      expect([refused.status, refused.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
    }
    for (const unknown of ['nope', 'x'.repeat(300), '%27%20OR%201%3D1--']) {
      const refused = await t.http().get(`/api/v1/public/pickup-boards/${unknown}`);
      expect([refused.status, refused.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
  });

  it('moves an order from preparing to ready, and drops it once served, closed, picked up or cancelled', async () => {
    const [served, closed, pickedUp, cancelled] = [
      await takeaway(),
      await takeaway(),
      await takeaway(),
      await takeaway(),
    ];
    const dineIn = await newOrder(r);
    const orders = [served, closed, pickedUp, cancelled, dineIn];
    const first = await read().expect(200);
    expect(of(orders, first.body.preparing)).toEqual([served.id, closed.id, pickedUp.id, cancelled.id]);
    expect(first.body.preparing.find((one: Shown) => one.orderId === served.id)).toEqual({
      orderId: served.id,
      number: served.number,
      type: 'takeaway',
      channel: 'own',
    });
    expect(of(orders, first.body.ready)).toEqual([]);

    // Nothing changed: 304 without a body; one item ready is not the order ready, but the board still stands.
    const etag = first.headers.etag;
    const unchanged = await read(token, { 'If-None-Match': etag });
    expect([unchanged.status, unchanged.text]).toEqual([304, '']);
    await itemStatus(app.kitchen.session, served.id, served.items[0].id, 'ready').expect(200);
    expect((await read(token, { 'If-None-Match': etag })).status).toBe(304);

    await itemStatus(app.kitchen.session, served.id, served.items[1].id, 'ready').expect(200);
    await allReady(closed);
    await allReady(pickedUp);
    const moved = await read(token, { 'If-None-Match': etag });
    expect(moved.status).toBe(200);
    expect(moved.headers.etag).not.toBe(etag);
    expect(of(orders, moved.body.preparing)).toEqual([cancelled.id]);
    expect(of(orders, moved.body.ready)).toEqual([served.id, closed.id, pickedUp.id]);
    const readyServed = moved.body.ready.find((one: Shown) => one.orderId === served.id);
    const afterReady = await as(t, waiter.session).get(`/api/v1/orders/${served.id}`).expect(200);
    expect(readyServed).toEqual({
      orderId: served.id,
      number: served.number,
      type: 'takeaway',
      channel: 'own',
      readyAt: afterReady.body.items[1].readyAt,
    });

    for (const item of served.items)
      await itemStatus(waiter.session, served.id, item.id, 'served').expect(200);
    const cash = (
      await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)
    ).body.items.find((method: { kind: string }) => method.kind === 'cash');
    await as(t, waiter.session)
      .post(`/api/v1/orders/${closed.id}/payments`)
      .send({ methodId: cash.id, amount: closed.total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${closed.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    // The kitchen's bump made it ready at the counter: one tap of the expo hands it over, and it leaves Ready.
    const handedOver = await as(t, app.kitchen.session)
      .patch(`/api/v1/orders/${pickedUp.id}/fulfilment`)
      .send({ status: 'picked_up' })
      .expect(200);
    expect(handedOver.body.fulfilment.status).toBe('picked_up');
    expect(of([pickedUp], (await board()).ready)).toEqual([]);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${cancelled.id}/status`)
      .send({ status: 'cancelled', reason: 'never came' })
      .expect(200);
    const after = await board();
    expect(of(orders, [...after.preparing, ...after.ready])).toEqual([]);
  });

  it('shows a channel’s order once accepted, by number only, and only on its business day', async () => {
    const { aggregator } = await newChannel(t, app.admin, {
      code: 'eats',
      name: 'Eats',
      items: [{ externalId: 'fries', dishId: r.fries.id }],
    });
    const posted = await aggregator
      .post('/api/v1/channels/eats/orders')
      .send({
        externalId: 'e-1',
        customerName: 'Ada Lovelace',
        phone: '+49 151 2345678',
        type: 'delivery',
        address: { line1: 'Hauptstraße 5', city: 'Berlin' },
        items: [{ externalId: 'fries', quantity: 1, price: 500 }],
        total: 500,
        paidByChannel: true,
      })
      .expect(201);
    expect(posted.body.status).toBe('pending');
    const mine = await takeaway({ fulfilment: { customerName: 'Grace Hopper', phone: '+49 151 7654321' } });
    expect(of([posted.body], (await board()).preparing)).toEqual([]);

    await as(t, waiter.session)
      .patch(`/api/v1/orders/${posted.body.id}/fulfilment`)
      .send({ status: 'accepted' })
      .expect(200);
    const shown = await board();
    expect(of([posted.body, mine], shown.preparing)).toEqual([posted.body.id, mine.id]);
    expect(shown.preparing.find((one) => one.orderId === posted.body.id)).toEqual({
      orderId: posted.body.id,
      number: posted.body.number,
      type: 'delivery',
      channel: 'eats',
    });
    // Order ids are random hex and may hold any digits; the keys are checked below.
    const text = JSON.stringify(shown, (key, value: unknown) => (key === 'orderId' ? undefined : value));
    for (const personal of ['Ada', 'Lovelace', 'Grace', 'Hopper', '151', 'Hauptstraße', 'Berlin']) {
      expect(text).not.toContain(personal);
    }
    expect(Object.keys(shown).sort()).toEqual(['board', 'preparing', 'ready']);
    expect(Object.keys(shown.board)).toEqual(['name']);
    for (const one of shown.preparing)
      expect(Object.keys(one).sort()).toEqual(['channel', 'number', 'orderId', 'type']);
    for (const one of shown.ready) {
      expect(Object.keys(one).sort()).toEqual(['channel', 'number', 'orderId', 'readyAt', 'type']);
    }

    // The next business day's board starts empty of this day's orders.
    t.clock.advance(24 * 60 * 60_000);
    try {
      expect(of([posted.body, mine], (await board()).preparing)).toEqual([]);
    } finally {
      t.clock.advance(-24 * 60 * 60_000);
    }
  });

  it('limits reads per screen and token, telling the screen when to try again', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof requestFrom>> | undefined;
    for (let i = 0; i < 121; i++) {
      last = await requestFrom(t, '127.0.0.31', 'GET', `/api/v1/public/pickup-boards/${token}`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 120).every((status) => status === 200)).toBe(true);
    expect(last!.status).toBe(429);
    expect(last!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    // Another screen of the same board still reads it.
    expect((await requestFrom(t, '127.0.0.32', 'GET', `/api/v1/public/pickup-boards/${token}`)).status).toBe(
      200,
    );
  });
});

describe('Pickup board links', () => {
  it('are built on PUBLIC_BASE_URL, as tables’ QR codes are', async () => {
    const t = await startTestApp({ PUBLIC_BASE_URL: `${BASE_URL}/` });
    try {
      await loginAdmin(t);
      const manager = await newStaff(t, Role.Manager);
      const made = await as(t, manager.session)
        .post('/api/v1/pickup-boards')
        .send({ name: 'Door' })
        .expect(201);
      expect(made.body.url).toBe(`${BASE_URL}/pickup?board=${made.body.token}`);
    } finally {
      await t.close();
    }
  });
});
