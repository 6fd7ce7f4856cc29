import { KitchenService } from '../src/orders/kitchen.service';
import { as, NewStaff } from './support/clients';
import { OrdersApp, orderCalls, startOrdersApp } from './support/orders-fixture';
import { Envelope, openSockets } from './support/sockets';
import { TestApp } from './support/test-app';

describe('The kitchen', () => {
  let t: TestApp;
  let make: OrdersApp['make'];
  let waiter: NewStaff;
  let kitchen: NewStaff;
  const { newOrder, itemStatus } = orderCalls(
    () => t,
    () => waiter.session,
  );
  const open = openSockets(() => t);

  beforeAll(async () => {
    ({ t, make, waiter, kitchen } = await startOrdersApp());
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
});
