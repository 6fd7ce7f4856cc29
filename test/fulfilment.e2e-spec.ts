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
      courier: null,
      reason: null,
    };
    expect(created.body.fulfilment).toEqual(expected);
    const read = await as(t, app.waiter.session).get(`/api/v1/orders/${created.body.id}`).expect(200);
    expect(read.body.fulfilment).toEqual(expected);
    const events = await withKey(t, (await issueKey(t, app.admin, { scopes: ['events:read'] })).key)
      .get('/api/v1/events?since=0&limit=1000')
      .expect(200);
    const event = (
      events.body.items as Array<{ type: string; data: { id: string; fulfilment: unknown } }>
    ).find((e) => e.type === 'order.created' && e.data.id === created.body.id);
    expect(event?.data.fulfilment).toEqual(expected);
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
});
