import { KitchenService } from '../src/orders/kitchen.service';
import { as, NewStaff } from './support/clients';
import { OrdersApp, orderCalls, startOrdersApp } from './support/orders-fixture';
import { Envelope, openSockets } from './support/sockets';
import { TestApp } from './support/test-app';

type Item = {
  id: string;
  status: string;
  stationId: string;
  firedAt: string | null;
  changedAt: string | null;
  voidReason: string | null;
};
type Ticket = { id: string; rush: boolean; version: number; items: Item[] };

describe('The kitchen', () => {
  let t: TestApp;
  let make: OrdersApp['make'];
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  const { newOrder, itemStatus } = orderCalls(
    () => t,
    () => waiter.session,
  );
  const open = openSockets(() => t);

  beforeAll(async () => {
    ({ t, make, waiter, manager, kitchen } = await startOrdersApp());
  });

  afterAll(() => t.close());

  /** Makes an event that every floor socket receives, a table of its own being reserved; answers its recogniser. */
  async function floorMarker(): Promise<(event: Envelope) => boolean> {
    const table = await make.newTable(`Marker ${Math.random().toString(36).slice(2, 7)}`);
    await as(t, waiter.session)
      .patch(`/api/v1/tables/${table.id}/status`)
      .send({ status: 'reserved' })
      .expect(200);
    return (event) => event.type === 'table.status_changed' && event.data.id === table.id;
  }

  it('serves tickets per station, oldest first, with only live items of that station', async () => {
    const r = await make.newRestaurant();
    const first = await newOrder(r);
    const second = await newOrder(r);
    await as(t, waiter.session)
      .delete(`/api/v1/orders/${second.id}/items/${second.items[0].id}`)
      .send({})
      .expect(200);
    const grill = await as(t, kitchen.session).get(`/api/v1/kitchen/tickets?stationId=${r.grill.id}`);
    expect(grill.status).toBe(200);
    expect(grill.body.items.map((o: { id: string }) => o.id)).toEqual([first.id]);
    expect(grill.body.items[0].items.map((i: { stationId: string }) => i.stationId)).toEqual([r.grill.id]);
    const bar = await as(t, kitchen.session).get(`/api/v1/kitchen/tickets?stationId=${r.bar.id}`);
    expect(bar.body.items.map((o: { id: string }) => o.id)).toEqual([first.id, second.id]);
    const secondPage = await as(t, kitchen.session)
      .get('/api/v1/kitchen/tickets')
      .query({ stationId: r.bar.id, page: 2, perPage: 1 })
      .expect(200);
    expect(secondPage.body).toMatchObject({ page: 2, perPage: 1, total: 2, pages: 2 });
    expect(secondPage.body.items.map((o: { id: string }) => o.id)).toEqual([second.id]);
    await as(t, waiter.session).get('/api/v1/kitchen/tickets').expect(403);
  });

  it('sends a kitchen socket only orders for its stations, without other stations’ items', async () => {
    const r = await make.newRestaurant();
    const grillScreen = await open({ token: kitchen.session.accessToken, stations: [r.grill.id] });
    const barScreen = await open({ token: kitchen.session.accessToken, stations: [r.bar.id] });
    const allScreen = await open({ token: kitchen.session.accessToken });
    const floor = await open({ token: waiter.session.accessToken });
    const beerOnly = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(201);
    const both = await newOrder(r);

    await barScreen.until((events) => events.filter((e) => e.type === 'order.created').length === 2);
    await allScreen.until((events) => events.filter((e) => e.type === 'order.created').length === 2);
    await floor.until((events) => events.filter((e) => e.type === 'order.created').length === 2);
    // The beer-only order was committed before `both`: had the grill been sent it, it would have come first.
    const bothCreated = (e: Envelope) => e.type === 'order.created' && e.data.id === both.id;
    expect(await grillScreen.receivedBefore(bothCreated)).toEqual([]);
    const grillOrders = grillScreen.received.filter((e) => e.type === 'order.created');
    expect(grillOrders.map((e) => e.data.id)).toEqual([both.id]);
    expect((grillOrders[0].data.items as Array<{ stationId: string }>).map((i) => i.stationId)).toEqual([
      r.grill.id,
    ]);
    const barBoth = barScreen.received.find((e) => e.type === 'order.created' && e.data.id === both.id)!;
    expect((barBoth.data.items as Array<{ stationId: string }>).map((i) => i.stationId)).toEqual([r.bar.id]);
    expect((allScreen.received.find((e) => e.data.id === both.id)!.data.items as unknown[]).length).toBe(2);
    expect(floor.received.find((e) => e.data.id === beerOnly.body.id)).toBeDefined();

    await itemStatus(kitchen.session, both.id, both.items[0].id, 'in_progress').expect(200);
    await grillScreen.until((events) => events.some((e) => e.type === 'order.item_status_changed'));
    const change = grillScreen.received.find((e) => e.type === 'order.item_status_changed')!;
    expect(change.data).toMatchObject({ id: both.id, itemId: both.items[0].id, previousStatus: 'new' });
    await floor.until((events) =>
      events.some((e) => e.type === 'order.status_changed' && e.data.id === both.id),
    );
    expect(floor.received.find((e) => e.type === 'order.status_changed')!.data).toMatchObject({
      status: 'in_progress',
      previousStatus: 'open',
    });
  });

  it('raises order.delayed once for items cooking past their prep time', async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    const floor = await open({ token: waiter.session.accessToken });
    const delays = t.app.get(KitchenService);
    const delayedItemIds = async () =>
      (await floor.receivedBefore(await floorMarker()))
        .filter((e) => e.type === 'order.delayed' && e.data.id === order.id)
        .map((e) => e.data.itemIds);
    t.clock.advance(3 * 60_000);
    try {
      await delays.raiseDelays();
      expect(await delayedItemIds()).toEqual([[order.items[1].id]]);
      t.clock.advance(10 * 60_000);
      await delays.raiseDelays();
      await delays.raiseDelays();
      expect(await delayedItemIds()).toEqual([[order.items[1].id], [order.items[0].id]]);
    } finally {
      t.clock.advance(-13 * 60_000);
    }
  });

  const tickets = async (query: Record<string, string>): Promise<Ticket[]> =>
    (await as(t, kitchen.session).get('/api/v1/kitchen/tickets').query(query).expect(200)).body
      .items as Ticket[];

  it('shows on tickets the held course, voids after firing and changes after firing, for one or more stations', async () => {
    const r = await make.newRestaurant();
    const placed = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [
          { dishId: r.beer.id, quantity: 2 },
          { dishId: r.burger.id, variationId: r.burger.variations[0].id, quantity: 1 },
          { dishId: r.fries.id, quantity: 1, course: 2, hold: true },
          { dishId: r.fries.id, quantity: 2, course: 3, hold: true },
        ],
      })
      .expect(201);
    const [beer, burger, fries, laterFries] = placed.body.items as Item[];
    const barScreen = await open({ token: kitchen.session.accessToken, stations: [r.bar.id] });
    await itemStatus(kitchen.session, placed.body.id, burger.id, 'in_progress').expect(200);
    const change = (itemId: string, body: object) =>
      as(t, waiter.session).patch(`/api/v1/orders/${placed.body.id}/items/${itemId}`).send(body).expect(200);
    // The beer was fired when ordered: its change is marked; the held fries' is not, the kitchen never saw them.
    const changed = await change(beer.id, { quantity: 3, comment: 'one without ice' });
    await change(fries.id, { quantity: 2 });
    await as(t, manager.session)
      .delete(`/api/v1/orders/${placed.body.id}/items/${burger.id}`)
      .send({ reason: 'dropped on the floor' })
      .expect(200);
    await as(t, waiter.session)
      .delete(`/api/v1/orders/${placed.body.id}/items/${laterFries.id}`)
      .send({})
      .expect(200);
    const changedBeer = (changed.body.items as Item[])[0];
    expect(changedBeer.changedAt).not.toBeNull();
    expect(changedBeer.changedAt! >= beer.firedAt!).toBe(true);

    const ours = (list: Ticket[]) => list.filter((ticket) => ticket.id === placed.body.id);
    const [whole] = ours(await tickets({ stationIds: `${r.grill.id},${r.bar.id}` }));
    expect(
      whole.items.map((item) => [item.id, item.status, item.changedAt !== null, item.voidReason]),
    ).toEqual([
      [beer.id, 'new', true, null],
      [burger.id, 'cancelled', false, 'dropped on the floor'],
      [fries.id, 'held', false, null],
    ]);
    expect(ours(await tickets({ stationId: r.grill.id, stationIds: r.bar.id }))).toEqual([whole]);
    expect(ours(await tickets({}))).toEqual([whole]);
    // The grill has a void and a held course of this order but nothing to cook: no ticket.
    expect(ours(await tickets({ stationIds: r.grill.id }))).toEqual([]);
    expect(ours(await tickets({ stationIds: r.bar.id }))[0].items.map((item) => item.id)).toEqual([beer.id]);

    // A screen following the events sees the change as one that reloads does.
    const updated = (e: Envelope) => e.type === 'order.updated' && e.data.version === changed.body.version;
    await barScreen.until((events) => events.some(updated));
    expect((barScreen.received.find(updated)!.data.items as Item[])[0].changedAt).toBe(changedBeer.changedAt);

    for (const query of [{ stationIds: 'grill' }, { stationIds: Array(51).fill(r.grill.id).join(',') }]) {
      const refused = await as(t, kitchen.session).get('/api/v1/kitchen/tickets').query(query);
      expect([refused.status, refused.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
    }
  });

  it('flags an order rush for the kitchen, live and on its tickets, with the order writes’ checks', async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    const grillScreen = await open({ token: kitchen.session.accessToken, stations: [r.grill.id] });
    const rush = (id: string, body: object, version?: number) => {
      const call = as(t, waiter.session).patch(`/api/v1/orders/${id}`);
      return (version === undefined ? call : call.set('If-Match', String(version))).send(body);
    };
    expect(order).toMatchObject({ rush: false });
    const flagged = await rush(order.id, { rush: true }, order.version as number);
    expect(flagged.status).toBe(200);
    expect(flagged.body).toMatchObject({ rush: true, version: (order.version as number) + 1 });
    const isRush = (e: Envelope) =>
      e.type === 'order.updated' && e.data.id === order.id && e.data.rush === true;
    await grillScreen.until((events) => events.some(isRush));
    expect(grillScreen.received.find(isRush)!.data.version).toBe(flagged.body.version);
    const [ticket] = (await tickets({ stationId: r.grill.id })).filter((one) => one.id === order.id);
    expect(ticket.rush).toBe(true);

    const stale = await rush(order.id, { rush: false }, order.version as number);
    expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(stale.body.error.details).toMatchObject({ id: order.id, rush: true });
    for (const body of [{}, { rush: 'yes' }, { rush: null }, { rush: true, notes: 'x' }]) {
      const refused = await rush(order.id, body);
      expect([refused.status, refused.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
    }
    const cook = await as(t, kitchen.session).patch(`/api/v1/orders/${order.id}`).send({ rush: false });
    expect(cook.status).toBe(403);
    expect((await rush('00000000-0000-4000-8000-000000000000', { rush: true })).status).toBe(404);
    const unflagged = await rush(order.id, { rush: false }).expect(200);
    expect(unflagged.body.rush).toBe(false);

    // A cancelled or closed order is no one's to rush.
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'cancelled', reason: 'walked out' })
      .expect(200);
    const cancelled = await rush(order.id, { rush: true });
    expect([cancelled.status, cancelled.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    const takeaway = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(201);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items;
    const cash = methods.find((method: { kind: string }) => method.kind === 'cash');
    await as(t, waiter.session)
      .post(`/api/v1/orders/${takeaway.body.id}/payments`)
      .send({ methodId: cash.id, amount: takeaway.body.due })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${takeaway.body.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const closed = await rush(takeaway.body.id, { rush: true });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
  });

  it('applies a bump sent twice with one Idempotency-Key once, even after the order moved on', async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    const screen = await open({ token: kitchen.session.accessToken });
    const [burger, beer] = order.items;
    const bump = (status: string) =>
      as(t, kitchen.session)
        .patch(`/api/v1/orders/${order.id}/items/${burger.id}/status`)
        .set('Idempotency-Key', `bump-${burger.id}`)
        .set('If-Match', String(order.version))
        .send({ status });
    const first = await bump('in_progress');
    expect(first.status).toBe(200);
    const again = await bump('in_progress');
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    // The order moves on; the retry still answers what the first bump did, and changes nothing.
    await itemStatus(kitchen.session, order.id, burger.id, 'ready').expect(200);
    const late = await bump('in_progress');
    expect([late.status, late.body]).toEqual([200, first.body]);
    const reused = await bump('ready');
    expect([reused.status, reused.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);

    // A later event that the screen must receive: every bump of the burger would have come before it.
    const marker = await itemStatus(kitchen.session, order.id, beer.id, 'in_progress').expect(200);
    const burgerBumps = (
      await screen.receivedBefore(
        (e) => e.type === 'order.item_status_changed' && e.data.version === marker.body.version,
      )
    ).filter((e) => e.type === 'order.item_status_changed' && e.data.itemId === burger.id);
    expect(burgerBumps.map((e) => e.data.previousStatus)).toEqual(['new', 'in_progress']);
    const current = await as(t, kitchen.session).get(`/api/v1/orders/${order.id}`).expect(200);
    expect(current.body.items[0].status).toBe('ready');
  });
});
