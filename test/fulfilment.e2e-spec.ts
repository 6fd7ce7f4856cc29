import { In } from 'typeorm';
import { KitchenService } from '../src/orders/kitchen.service';
import { OrderItem } from '../src/orders/order-item.entity';
import { as, issueKey, withKey } from './support/clients';
import { OrdersApp, startOrdersApp } from './support/orders-fixture';
import { TestApp } from './support/test-app';

describe('Fulfilment of takeaway and delivery orders', () => {
  let t: TestApp;
  let app: OrdersApp;

  beforeAll(async () => {
    app = await startOrdersApp();
    t = app.t;
  });

  afterAll(() => t.close());

  const deliveryBody = (dishId: string, fulfilment: Record<string, unknown> = {}) => ({
    type: 'delivery',
    items: [{ dishId, quantity: 1 }],
    fulfilment: {
      customerName: 'Ada Lovelace',
      phone: '030 1234567',
      address: { line1: 'Hauptstraße 5', city: 'Berlin', postcode: '10115', notes: 'ring twice' },
      promisedAt: '2030-01-01T18:30:00.000Z',
      ...fulfilment,
    },
  });

  it('keeps the customer, the address and the promised time on a delivery order, in its view and event', async () => {
    const r = await app.make.newRestaurant();
    const created = await as(t, app.waiter.session)
      .post('/api/v1/orders')
      .send(deliveryBody(r.fries.id))
      .expect(201);
    const expected = {
      status: 'accepted',
      customerName: 'Ada Lovelace',
      phone: '+49301234567',
      phoneVerified: true,
      address: {
        line1: 'Hauptstraße 5',
        line2: null,
        city: 'Berlin',
        postcode: '10115',
        notes: 'ring twice',
      },
      promisedAt: '2030-01-01T18:30:00.000Z',
      channel: 'own',
      externalId: null,
      splitFrom: null,
      courier: null,
      reason: null,
    };
    expect(created.body.fulfilment).toEqual(expected);
    const read = await as(t, app.waiter.session).get(`/api/v1/orders/${created.body.id}`).expect(200);
    expect(read.body.fulfilment).toEqual(expected);
    // An integration reads the contact with customers:read, and the fulfilment without it.
    const eventFor = async (scopes: string[]) => {
      const events = await withKey(t, (await issueKey(t, app.admin, { scopes })).key)
        .get('/api/v1/events?since=0&limit=1000')
        .expect(200);
      return (events.body.items as Array<{ type: string; data: { id: string; fulfilment: unknown } }>).find(
        (e) => e.type === 'order.created' && e.data.id === created.body.id,
      );
    };
    expect((await eventFor(['events:read', 'customers:read']))?.data.fulfilment).toEqual(expected);
    // toEqual takes a property set to undefined for one that is missing.
    const withoutContact = { ...expected, customerName: undefined, phone: undefined, address: undefined };
    expect((await eventFor(['events:read']))?.data.fulfilment).toEqual(withoutContact);
  });

  it('waits for an integration’s order to be accepted, and has no fulfilment on dine-in', async () => {
    const r = await app.make.newRestaurant();
    const key = await issueKey(t, app.admin, { scopes: ['orders:write'] });
    const takeaway = await withKey(t, key.key)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [{ dishId: r.fries.id, quantity: 1 }],
        fulfilment: { customerName: 'Bo' },
      })
      .expect(201);
    expect(takeaway.body.fulfilment).toMatchObject({ status: 'received', customerName: 'Bo', address: null });
    const dineIn = await as(t, app.waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: r.table.id, items: [{ dishId: r.fries.id, quantity: 1 }] })
      .expect(201);
    expect(dineIn.body.fulfilment).toBeNull();
  });

  it('refuses bad fulfilment input with 422 naming the field, and writes nothing', async () => {
    const r = await app.make.newRestaurant();
    const before = await as(t, app.manager.session).get('/api/v1/orders?perPage=1').expect(200);
    const cases: Array<[Record<string, unknown>, string]> = [
      [deliveryBody(r.fries.id, { phone: 'not a phone' }), 'fulfilment.phone'],
      [deliveryBody(r.fries.id, { phone: undefined }), 'fulfilment.phone'],
      [deliveryBody(r.fries.id, { address: undefined }), 'fulfilment.address'],
      [deliveryBody(r.fries.id, { promisedAt: 'tomorrow' }), 'fulfilment.promisedAt'],
      [deliveryBody(r.fries.id, { address: { city: 'Berlin' } }), 'fulfilment.address.line1'],
      [{ ...deliveryBody(r.fries.id), type: 'dine_in', tableId: r.table.id }, 'fulfilment'],
    ];
    for (const [body, field] of cases) {
      const response = await as(t, app.waiter.session).post('/api/v1/orders').send(body);
      expect(response.status).toBe(422);
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const after = await as(t, app.manager.session).get('/api/v1/orders?perPage=1').expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  const events = async (orderId: string) => {
    const key = await issueKey(t, app.admin, { scopes: ['events:read'] });
    const feed = await withKey(t, key.key).get('/api/v1/events?since=0&limit=1000').expect(200);
    return (feed.body.items as Array<{ type: string; data: Record<string, unknown> }>).filter(
      (e) => e.data.id === orderId,
    );
  };

  it('walks a delivery from received to delivered, each change an order.fulfilment_changed in order', async () => {
    const r = await app.make.newRestaurant();
    const key = await issueKey(t, app.admin, { scopes: ['orders:write'] });
    const order = await withKey(t, key.key).post('/api/v1/orders').send(deliveryBody(r.fries.id)).expect(201);
    const patch = (body: Record<string, unknown>) =>
      as(t, app.waiter.session).patch(`/api/v1/orders/${order.body.id}/fulfilment`).send(body);
    expect((await patch({ status: 'ready' })).status).toBe(409);
    expect((await patch({ status: 'picked_up' })).status).toBe(409);
    await patch({ status: 'accepted' }).expect(200);
    await patch({ status: 'ready' }).expect(200);
    expect((await patch({ status: 'picked_up' })).body.error.code).toBe('INVALID_TRANSITION');
    const courier = { name: 'Sam', phone: '0151 2345678', trackingUrl: 'https://track.example.com/1' };
    const out = await patch({ status: 'out_for_delivery', courier }).expect(200);
    expect(out.body.fulfilment).toMatchObject({
      status: 'out_for_delivery',
      courier: { name: 'Sam', phone: '+491512345678', trackingUrl: 'https://track.example.com/1' },
    });
    await withKey(t, key.key)
      .patch(`/api/v1/orders/${order.body.id}/fulfilment`)
      .send({ status: 'delivered' })
      .expect(200);
    expect((await patch({ status: 'accepted' })).status).toBe(409);
    const changes = (await events(order.body.id)).filter((e) => e.type === 'order.fulfilment_changed');
    expect(
      changes.map((e) => [e.data.previousFulfilmentStatus, (e.data.fulfilment as { status: string }).status]),
    ).toEqual([
      ['received', 'accepted'],
      ['accepted', 'ready'],
      ['ready', 'out_for_delivery'],
      ['out_for_delivery', 'delivered'],
    ]);
  });

  it('refuses what the machine does not allow, and rejecting cancels the order with its reason', async () => {
    const r = await app.make.newRestaurant();
    const key = await issueKey(t, app.admin, { scopes: ['orders:write'] });
    const takeaway = await withKey(t, key.key)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [{ dishId: r.fries.id, quantity: 1 }],
        fulfilment: { customerName: 'Bo' },
      })
      .expect(201);
    const patch = (body: Record<string, unknown>) =>
      as(t, app.waiter.session).patch(`/api/v1/orders/${takeaway.body.id}/fulfilment`).send(body);
    expect((await patch({ courier: { name: 'Sam' } })).body.error.details[0].field).toBe('courier');
    expect((await patch({ status: 'rejected' })).body.error.details[0].field).toBe('reason');
    expect((await patch({ status: 'shipped' })).status).toBe(422);
    expect((await patch({})).status).toBe(422);
    await as(t, app.kitchen.session)
      .patch(`/api/v1/orders/${takeaway.body.id}/fulfilment`)
      .send({ status: 'accepted' })
      .expect(403);
    const rejected = await patch({ status: 'rejected', reason: 'out of fries' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'cancelled', cancelReason: 'out of fries' });
    expect(rejected.body.fulfilment).toMatchObject({ status: 'rejected', reason: 'out of fries' });
    expect((await patch({ status: 'accepted' })).status).toBe(409);
    const dineIn = await as(t, app.waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: r.table.id, items: [{ dishId: r.fries.id, quantity: 1 }] })
      .expect(201);
    await as(t, app.waiter.session)
      .patch(`/api/v1/orders/${dineIn.body.id}/fulfilment`)
      .send({ status: 'accepted' })
      .expect(409);
  });

  it('makes a takeaway order ready when the kitchen bumps its last line, and the expo hands it over in one tap', async () => {
    const r = await app.make.newRestaurant();
    const order = await as(t, app.waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [
          { dishId: r.fries.id, quantity: 1 },
          { dishId: r.beer.id, quantity: 1 },
        ],
        fulfilment: { customerName: 'Di' },
      })
      .expect(201);
    const bump = (itemId: string, status: string) =>
      as(t, app.kitchen.session)
        .patch(`/api/v1/orders/${order.body.id}/items/${itemId}/status`)
        .send({ status })
        .expect(200);
    const [fries, beer] = order.body.items as Array<{ id: string }>;
    expect((await bump(fries.id, 'ready')).body.fulfilment.status).toBe('accepted');
    expect((await bump(beer.id, 'ready')).body.fulfilment.status).toBe('ready');
    // A recall puts it back on the stove, and the counter waits again; the next bump makes it ready again.
    expect((await bump(beer.id, 'in_progress')).body.fulfilment.status).toBe('accepted');
    expect((await bump(beer.id, 'ready')).body.fulfilment.status).toBe('ready');
    const expo = (body: Record<string, unknown>) =>
      as(t, app.kitchen.session).patch(`/api/v1/orders/${order.body.id}/fulfilment`).send(body);
    // The kitchen hands over, and nothing else: no courier, no promised time, no reject.
    expect((await expo({ status: 'rejected', reason: 'no' })).body.error.code).toBe('FORBIDDEN');
    expect((await expo({ status: 'picked_up', promisedAt: '2030-01-01T18:30:00.000Z' })).status).toBe(403);
    const handedOver = await expo({ status: 'picked_up' }).expect(200);
    expect(handedOver.body.fulfilment.status).toBe('picked_up');
    const changes = (await events(order.body.id)).filter((e) => e.type === 'order.fulfilment_changed');
    expect(
      changes.map((e) => [e.data.previousFulfilmentStatus, (e.data.fulfilment as { status: string }).status]),
    ).toEqual([
      ['accepted', 'ready'],
      ['ready', 'accepted'],
      ['accepted', 'ready'],
      ['ready', 'picked_up'],
    ]);
    // Served at the counter afterwards, the handed-over order stays picked up.
    const served = await as(t, app.waiter.session)
      .patch(`/api/v1/orders/${order.body.id}/items/${fries.id}/status`)
      .send({ status: 'served' })
      .expect(200);
    expect(served.body.fulfilment.status).toBe('picked_up');
  });

  it('counts the kitchen’s delay from the promised time when there is one', async () => {
    const r = await app.make.newRestaurant();
    const promisedAt = new Date(t.clock.now().getTime() + 30 * 60_000).toISOString();
    const promised = await as(t, app.waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [{ dishId: r.fries.id, quantity: 1 }],
        fulfilment: { customerName: 'Cy', promisedAt },
      })
      .expect(201);
    const plain = await as(t, app.waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1 }] })
      .expect(201);
    const kitchen = t.app.get(KitchenService);
    // order.delayed goes to the floor and the kitchen, not to integrations: the items' mark is what it raised.
    const delayed = async () =>
      (
        await t.dataSource
          .getRepository(OrderItem)
          .find({ where: { orderId: In([promised.body.id, plain.body.id]) } })
      )
        .filter((item) => item.delayedAt !== null)
        .map((item) => item.orderId);
    // Past the fries' 6 minutes, before the promise: only the order without one is late.
    t.clock.advance(10 * 60_000);
    await kitchen.raiseDelays();
    expect(await delayed()).toEqual([plain.body.id]);
    t.clock.advance(25 * 60_000);
    await kitchen.raiseDelays();
    expect((await delayed()).sort()).toEqual([plain.body.id, promised.body.id].sort());
  });
});
