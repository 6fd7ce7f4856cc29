import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/access/role';
import { KitchenService } from '../src/orders/kitchen.service';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { Envelope, openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

type Item = { id: string; status: string; course: number; firedAt: string | null; stationId: string };
interface Order {
  id: string;
  status: string;
  version: number;
  subtotal: number;
  items: Item[];
}

describe('Courses, hold and fire', () => {
  let t: TestApp;
  let admin: Session;
  let make: ReturnType<typeof factories>;
  let waiter: NewStaff;
  let kitchen: NewStaff;
  const open = openSockets(() => t);

  beforeAll(async () => {
    // QR ordering on: a guest's pending order may hold a course too.
    t = await startTestApp({ QR_ORDERING: 'true' });
    admin = await loginAdmin(t);
    make = factories(t, admin);
    waiter = await newStaff(t, Role.Waiter);
    kitchen = await newStaff(t, Role.Kitchen);
  });

  afterAll(() => t.close());

  const floorCall = () => as(t, waiter.session);

  /** A takeaway order of these lines, by the waiter. */
  async function order(items: object[]): Promise<Order> {
    const response = await floorCall().post('/api/v1/orders').send({ type: 'takeaway', items });
    expect(response.status).toBe(201);
    return response.body as Order;
  }

  const double = (r: Restaurant) => r.burger.variations.find((v) => v.name === 'Double')!.id;

  /** A beer now (the bar), a double burger held for course 2 (the grill). */
  const beerThenBurger = (r: Restaurant) =>
    order([
      { dishId: r.beer.id, quantity: 1 },
      { dishId: r.burger.id, variationId: double(r), quantity: 1, course: 2, hold: true },
    ]);

  const fire = (orderId: string, course: number, headers: Record<string, string> = {}) =>
    floorCall().post(`/api/v1/orders/${orderId}/fire`).set(headers).send({ course });

  const tickets = async (stationId?: string): Promise<Order[]> =>
    (
      await as(t, kitchen.session)
        .get('/api/v1/kitchen/tickets')
        .query(stationId ? { stationId } : {})
        .expect(200)
    ).body.items as Order[];

  /** An order the station's screens must receive, committed after what is being checked: the proof of absence. */
  async function stationMarker(dishId: string): Promise<(event: Envelope) => boolean> {
    const marker = await order([{ dishId, quantity: 1 }]);
    return (event) => event.type === 'order.created' && event.data.id === marker.id;
  }

  const about = (orderId: string) => (event: Envelope) => event.data.id === orderId;

  it('keeps a held course off its station until fired, then fires it to the stations of its items only', async () => {
    const r = await make.newRestaurant();
    const grill = await open({ token: kitchen.session.accessToken, stations: [r.grill.id] });
    const bar = await open({ token: kitchen.session.accessToken, stations: [r.bar.id] });
    const everyStation = await open({ token: kitchen.session.accessToken });
    const floor = await open({ token: waiter.session.accessToken });

    const placed = await beerThenBurger(r);
    const [beer, burger] = placed.items;
    expect(beer).toMatchObject({ status: 'new', course: 1 });
    expect(beer.firedAt).not.toBeNull();
    expect(burger).toMatchObject({ status: 'held', course: 2, firedAt: null });
    // On the order and in its totals all the same.
    expect(placed.subtotal).toBe(550 + 1650);
    expect(placed.status).toBe('open');

    // The grill has only a held item in it: it hears nothing of the order.
    const grillBefore = await grill.receivedBefore(await stationMarker(r.fries.id));
    expect(grillBefore.filter(about(placed.id))).toEqual([]);
    // The bar's screen gets the order with its own item; a screen of every station sees the held course waiting,
    // as the ticket list shows it; the floor gets all of it.
    await bar.until((events) => events.some(about(placed.id)));
    expect(bar.received.find(about(placed.id))!.data.items).toEqual([
      expect.objectContaining({ id: beer.id }),
    ]);
    await everyStation.until((events) => events.some(about(placed.id)));
    expect(everyStation.received.find(about(placed.id))!.data.items).toEqual([
      expect.objectContaining({ id: beer.id, status: 'new' }),
      expect.objectContaining({ id: burger.id, status: 'held' }),
    ]);
    await floor.until((events) => events.some(about(placed.id)));
    expect((floor.received.find(about(placed.id))!.data.items as Item[]).map((i) => i.status)).toEqual([
      'new',
      'held',
    ]);
    expect((await tickets(r.grill.id)).filter((o) => o.id === placed.id)).toEqual([]);
    const [barTicket] = (await tickets(r.bar.id)).filter((o) => o.id === placed.id);
    expect(barTicket.items.map((item) => item.id)).toEqual([beer.id]);
    const [wholeTicket] = (await tickets()).filter((o) => o.id === placed.id);
    expect(wholeTicket.items.map((item) => [item.id, item.status])).toEqual([
      [beer.id, 'new'],
      [burger.id, 'held'],
    ]);

    const fired = await fire(placed.id, 2, { 'If-Match': String(placed.version) });
    expect(fired.status).toBe(200);
    const firedBurger = (fired.body as Order).items[1];
    expect(firedBurger).toMatchObject({ id: burger.id, status: 'new', course: 2 });
    expect(firedBurger.firedAt).not.toBeNull();
    expect(fired.body.version).toBe(placed.version + 1);

    const isFired = (event: Envelope) => event.type === 'order.fired' && event.data.id === placed.id;
    await grill.until((events) => events.some(isFired));
    expect(grill.received.find(isFired)!.data).toMatchObject({
      id: placed.id,
      course: 2,
      itemIds: [burger.id],
      items: [expect.objectContaining({ id: burger.id, status: 'new' })],
    });
    await floor.until((events) => events.some(isFired));
    // The bar has nothing in that course: a beer ordered after the fire reaches it, the fire did not.
    expect((await bar.receivedBefore(await stationMarker(r.beer.id))).filter(isFired)).toEqual([]);
    const [grillTicket] = (await tickets(r.grill.id)).filter((o) => o.id === placed.id);
    expect(grillTicket.items.map((item) => item.id)).toEqual([burger.id]);

    const again = await fire(placed.id, 2);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NOTHING_TO_FIRE');
    expect((await fire(placed.id, 3)).body.error.code).toBe('NOTHING_TO_FIRE');

    const audit = await as(t, admin)
      .get('/api/v1/audit-log')
      .query({ action: 'order.fired', entityId: placed.id })
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: `staff:${waiter.id}`,
        after: { course: 2, status: 'new', itemIds: [burger.id] },
      }),
    ]);
  });

  it('replays order.fired to a reconnecting screen of its station, and to no other', async () => {
    const r = await make.newRestaurant();
    const placed = await beerThenBurger(r);
    const since = (await as(t, admin).get('/api/v1/events?since=0&limit=1').expect(200)).body
      .lastSeq as number;
    await fire(placed.id, 2).expect(200);
    const isFired = (event: Envelope) => event.type === 'order.fired' && event.data.id === placed.id;
    const grill = await open({ token: kitchen.session.accessToken, stations: [r.grill.id], since });
    await grill.until((events) => events.some(isFired));
    expect(grill.received.find(isFired)!.data).toMatchObject({ course: 2, itemIds: [placed.items[1].id] });
    const bar = await open({ token: kitchen.session.accessToken, stations: [r.bar.id], since });
    expect((await bar.receivedBefore(await stationMarker(r.beer.id))).filter(isFired)).toEqual([]);
    const caughtUp = await as(t, kitchen.session).get(`/api/v1/events?since=${since}`).expect(200);
    expect((caughtUp.body.items as Envelope[]).filter(isFired)).toHaveLength(1);
  });

  it('replays a retried fire, and refuses a stale If-Match', async () => {
    const r = await make.newRestaurant();
    const placed = await order([
      { dishId: r.beer.id, quantity: 1, course: 2, hold: true },
      { dishId: r.fries.id, quantity: 1, course: 3, hold: true },
    ]);
    const floor = await open({ token: waiter.session.accessToken });
    const key = randomUUID();
    const first = await fire(placed.id, 2, { 'Idempotency-Key': key, 'If-Match': String(placed.version) });
    expect(first.status).toBe(200);
    const retry = await fire(placed.id, 2, { 'Idempotency-Key': key, 'If-Match': String(placed.version) });
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);

    const stale = await fire(placed.id, 3, { 'If-Match': String(placed.version) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.details).toMatchObject({ version: first.body.version });
    const current = (await floorCall().get(`/api/v1/orders/${placed.id}`).expect(200)).body as Order;
    expect(current.items.map((item) => item.status)).toEqual(['new', 'held']);

    const marker = await make.newTable(`Marker ${randomUUID().slice(0, 6)}`);
    await floorCall().patch(`/api/v1/tables/${marker.id}/status`).send({ status: 'reserved' }).expect(200);
    const seen = await floor.receivedBefore(
      (e) => e.type === 'table.status_changed' && e.data.id === marker.id,
    );
    expect(seen.filter((e) => e.type === 'order.fired' && e.data.id === placed.id)).toHaveLength(1);
  });

  it('starts the delay timer when a course is fired, not when it was ordered', async () => {
    const r = await make.newRestaurant();
    // Fries take 6 minutes, held for course 2; the beer (2 minutes) goes at once.
    const placed = await order([
      { dishId: r.beer.id, quantity: 1 },
      { dishId: r.fries.id, quantity: 1, course: 2, hold: true },
    ]);
    const [beer, fries] = placed.items;
    const floor = await open({ token: waiter.session.accessToken });
    const delays = t.app.get(KitchenService);
    const delayedItemIds = async () => {
      const marker = await order([{ dishId: r.beer.id, quantity: 1 }]);
      const events = await floor.receivedBefore((e) => e.type === 'order.created' && e.data.id === marker.id);
      return events
        .filter((e) => e.type === 'order.delayed' && e.data.id === placed.id)
        .map((e) => e.data.itemIds);
    };
    let advanced = 0;
    const advance = (minutes: number) => {
      t.clock.advance(minutes * 60_000);
      advanced += minutes * 60_000;
    };
    try {
      advance(10);
      await delays.raiseDelays();
      expect(await delayedItemIds()).toEqual([[beer.id]]);
      await fire(placed.id, 2).expect(200);
      advance(5);
      await delays.raiseDelays();
      expect(await delayedItemIds()).toEqual([[beer.id]]);
      advance(2);
      await delays.raiseDelays();
      expect(await delayedItemIds()).toEqual([[beer.id], [fries.id]]);
    } finally {
      t.clock.advance(-advanced);
    }
  });

  it('lets the floor edit and remove held items like new ones; the kitchen cannot touch them', async () => {
    const r = await make.newRestaurant();
    const placed = await order([
      { dishId: r.beer.id, quantity: 1 },
      { dishId: r.fries.id, quantity: 1, course: 2, hold: true },
      { dishId: r.burger.id, variationId: double(r), quantity: 1, course: 3, hold: true },
    ]);
    const [beer, fries, burger] = placed.items;
    const edited = await floorCall()
      .patch(`/api/v1/orders/${placed.id}/items/${fries.id}`)
      .send({ quantity: 3, comment: 'extra salt' });
    expect(edited.status).toBe(200);
    expect(edited.body.items[1]).toMatchObject({ status: 'held', quantity: 3, total: 3 * 450 });
    expect(edited.body.subtotal).toBe(550 + 3 * 450 + 1650);

    for (const status of ['new', 'in_progress', 'ready']) {
      const moved = await as(t, kitchen.session)
        .patch(`/api/v1/orders/${placed.id}/items/${fries.id}/status`)
        .send({ status });
      expect({ status, code: moved.body.error?.code }).toEqual({ status, code: 'INVALID_TRANSITION' });
    }

    const removed = await floorCall().delete(`/api/v1/orders/${placed.id}/items/${burger.id}`).send({});
    expect(removed.status).toBe(200);
    expect(removed.body.items[2]).toMatchObject({ status: 'cancelled', total: 0 });

    // The beer served, the fries still held: the meal is under way, neither served nor ready, and cannot close.
    for (const [session, status] of [
      [kitchen.session, 'in_progress'],
      [kitchen.session, 'ready'],
      [waiter.session, 'served'],
    ] as const) {
      await as(t, session)
        .patch(`/api/v1/orders/${placed.id}/items/${beer.id}/status`)
        .send({ status })
        .expect(200);
    }
    const underWay = (await floorCall().get(`/api/v1/orders/${placed.id}`).expect(200)).body as Order;
    expect(underWay.status).toBe('in_progress');
    const closing = await floorCall().patch(`/api/v1/orders/${placed.id}/status`).send({ status: 'closed' });
    expect(closing.status).toBe(409);
    expect(closing.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses an order of held items to close until they are fired or removed', async () => {
    const r = await make.newRestaurant();
    const placed = await order([{ dishId: r.beer.id, quantity: 1, course: 2, hold: true }]);
    expect(placed.status).toBe('open');
    const closing = await floorCall().patch(`/api/v1/orders/${placed.id}/status`).send({ status: 'closed' });
    expect(closing.status).toBe(409);
    expect(closing.body.error.message).toMatch(/held/);
  });

  it('checks course and hold', async () => {
    const r = await make.newRestaurant();
    for (const line of [{ course: 0 }, { course: 10 }, { course: 1.5 }, { course: null }, { hold: 'yes' }]) {
      const response = await floorCall()
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1, ...line }] });
      expect({ line, status: response.status }).toEqual({ line, status: 422 });
    }
    for (const body of [{}, { course: 0 }, { course: 'two' }]) {
      const placed = await order([{ dishId: r.beer.id, quantity: 1, hold: true }]);
      const response = await floorCall().post(`/api/v1/orders/${placed.id}/fire`).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
    }
    const placed = await order([{ dishId: r.beer.id, quantity: 1, hold: true }]);
    await as(t, kitchen.session).post(`/api/v1/orders/${placed.id}/fire`).send({ course: 1 }).expect(403);
    await floorCall().post(`/api/v1/orders/${randomUUID()}/fire`).send({ course: 1 }).expect(404);
  });

  it('keeps a guest’s held course held when a waiter accepts the order, and fires it only once accepted', async () => {
    const r = await make.newRestaurant();
    const guest = await t
      .http()
      .post(`/api/v1/public/tables/${r.table.qrToken}/orders`)
      .send({
        items: [
          { dishId: r.beer.id, quantity: 1 },
          { dishId: r.fries.id, quantity: 1, course: 2, hold: true },
        ],
      });
    expect(guest.status).toBe(201);
    const pending = guest.body as Order;
    expect(pending.status).toBe('pending');

    const early = await fire(pending.id, 2);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_TRANSITION');

    const accepted = await floorCall().patch(`/api/v1/orders/${pending.id}/status`).send({ status: 'open' });
    expect(accepted.status).toBe(200);
    const [beer, fries] = (accepted.body as Order).items;
    expect(beer.firedAt).not.toBeNull();
    expect(fries).toMatchObject({ status: 'held', firedAt: null });
    expect((await tickets(r.grill.id)).filter((o) => o.id === pending.id)).toEqual([]);

    await fire(pending.id, 2).expect(200);
    expect((await tickets(r.grill.id)).filter((o) => o.id === pending.id)).toHaveLength(1);
  });
});
