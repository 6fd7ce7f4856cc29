import { as, issueKey, Session, withKey } from './support/clients';
import { channelsFixture, mappingsOf, newChannel } from './support/channels-fixture';
import { FakePrinter } from './support/fake-printers';
import type { Restaurant } from './support/factories';
import type { Json } from './support/menu-fixture';
import { openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { eventually, WebhookReceiver } from './support/webhook-receiver';

/** The person the restaurant's own delivery is for: none of it may reach who may not see it, or survive erasure. */
const EVE = { name: 'Eve Profilename', phone: '+49 30 7654321', allergens: ['peanuts'] };
const CONTACT = {
  customerName: 'Eve Contactname',
  phone: '+49 151 9999999',
  address: { line1: 'Secret Lane 1' },
};
const TRACES = ['Eve', 'Secret Lane', '9999999', '7654321', 'peanuts'];

const showsEve = (value: unknown) => TRACES.filter((trace) => JSON.stringify(value).includes(trace));

type Row = Record<string, unknown>;

interface Order {
  id: string;
  version: number;
}

describe('Personal data where features meet', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: Session;
  let restaurant: Restaurant;
  let receiver: WebhookReceiver;
  let grill: FakePrinter;
  let swiftOrder: Order;
  let eveOrder: Order;
  let sam: { id: string };
  let eve: { id: string };
  let impersonal: string;
  let reader: string;
  let swiftReader: string;
  let consentedHook: string;
  const open = openSockets(() => t);
  const orderBody = {
    type: 'delivery',
    fulfilment: CONTACT,
    items: [] as Json[],
  };

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    let aioli: { id: string };
    ({ admin, waiter, restaurant, aioli } = await channelsFixture(t));
    orderBody.items = [{ dishId: restaurant.fries.id, quantity: 1 }];
    receiver = await WebhookReceiver.start();
    grill = await FakePrinter.start();
    await as(t, admin)
      .post('/api/v1/printers')
      .send({
        kind: 'kitchen',
        name: 'Grill',
        widthChars: 42,
        connection: grill.connection(),
        stationIds: [restaurant.grill.id],
      })
      .expect(201);
    await as(t, admin)
      .post('/api/v1/webhooks')
      .send({ url: receiver.url('/plain'), events: ['order.updated'] })
      .expect(201);
    consentedHook = (
      await as(t, admin)
        .post('/api/v1/webhooks')
        .send({
          url: receiver.url('/consented'),
          events: ['order.updated', 'customer.updated'],
          personalData: true,
        })
        .expect(201)
    ).body.id as string;
    const { aggregator: swift } = await newChannel(t, admin, {
      code: 'swift',
      name: 'Swift',
      items: mappingsOf(restaurant, aioli.id),
    });
    const keyOf = async (scopes: string[], channelCode?: string) =>
      (await issueKey(t, admin, { scopes, channelCode })).key;
    impersonal = await keyOf(['orders:read', 'orders:write', 'events:read']);
    reader = await keyOf(['orders:read', 'events:read', 'customers:read']);
    swiftReader = await keyOf(['orders:read', 'customers:read', 'customers:write'], 'swift');

    swiftOrder = (
      await swift
        .post('/api/v1/channels/swift/orders')
        .send({
          externalId: 'swift-1',
          customerName: 'Sam Swift',
          phone: '+49 151 2345678',
          address: { line1: 'Swift Street 2' },
          type: 'delivery',
          items: [{ externalId: 'fries', quantity: 1, price: 500 }],
          total: 500,
          paidByChannel: false,
        })
        .expect(201)
    ).body as Order;
    // The restaurant's own delivery, posted by an integration: its reply is kept for replay, the audit log keeps it.
    eveOrder = (
      await withKey(t, impersonal)
        .post('/api/v1/orders')
        .set('Idempotency-Key', 'eve-1')
        .send(orderBody)
        .expect(201)
    ).body as Order;
    const customer = async (body: Json) =>
      (await as(t, waiter).post('/api/v1/customers').send(body).expect(201)).body as { id: string };
    sam = await customer({ name: 'Sam Swift' });
    eve = await customer(EVE);
    for (const [order, person] of [
      [swiftOrder, sam],
      [eveOrder, eve],
    ] as const) {
      await as(t, waiter)
        .post(`/api/v1/orders/${order.id}/customer`)
        .send({ customerId: person.id })
        .expect(200);
    }
  });

  afterAll(async () => {
    await t.close();
    await receiver.close();
    await grill.down();
  });

  it('shows a channel-bound key only the customers of its own channel’s orders', async () => {
    const key = withKey(t, swiftReader);
    const listed = (await key.get('/api/v1/customers').expect(200)).body as { items: Row[]; total: number };
    expect(listed.items.map((one) => one.id)).toEqual([sam.id]);
    expect(listed.total).toBe(1);
    await key.get(`/api/v1/customers/${sam.id}`).expect(200);
    const samsOrders = (await key.get(`/api/v1/customers/${sam.id}/orders`).expect(200)).body.items as Row[];
    expect(samsOrders.map((one) => one.id)).toEqual([swiftOrder.id]);
    await key.get(`/api/v1/customers/${eve.id}`).expect(404);
    await key.get(`/api/v1/customers/${eve.id}/orders`).expect(404);
    await key.get(`/api/v1/customers/${eve.id}/loyalty`).expect(404);
    await key.patch(`/api/v1/customers/${eve.id}`).send({ notes: 'mine now' }).expect(404);
    // Staff and unbound keys reach everyone.
    const all = (await withKey(t, reader).get('/api/v1/customers').expect(200)).body.items as Row[];
    expect(all.map((one) => one.id).sort()).toEqual([sam.id, eve.id].sort());
  });

  it('gives keys and webhooks without customers:read the order without the person, everywhere alike', async () => {
    const socket = await open({ apiKey: impersonal, since: 0 });
    // A live event after the replay: the fulfilment moves on.
    await as(t, waiter)
      .patch(`/api/v1/orders/${eveOrder.id}/fulfilment`)
      .send({ status: 'accepted' })
      .expect(200);
    await socket.until((received) =>
      received.some((event) => event.type === 'order.fulfilment_changed' && event.data.id === eveOrder.id),
    );
    const ofEve = socket.received.filter((event) => event.data.id === eveOrder.id);
    expect(ofEve.map((event) => event.type)).toEqual(
      expect.arrayContaining(['order.created', 'order.updated', 'order.fulfilment_changed']),
    );
    expect(showsEve(ofEve)).toEqual([]);
    expect(ofEve.find((event) => event.type === 'order.updated')!.data.customer).toEqual({ id: eve.id });
    socket.close();

    const key = withKey(t, impersonal);
    const read = (await key.get(`/api/v1/orders/${eveOrder.id}`).expect(200)).body;
    expect(read.customer).toEqual({ id: eve.id });
    expect(read.fulfilment).toMatchObject({ status: 'accepted', channel: 'own' });
    expect(showsEve(read)).toEqual([]);
    expect(showsEve((await key.get('/api/v1/orders').expect(200)).body)).toEqual([]);
    expect(showsEve((await key.get('/api/v1/events?since=0&limit=500').expect(200)).body)).toEqual([]);

    // With customers:read, and for staff, the person is there.
    const whole = (await withKey(t, reader).get(`/api/v1/orders/${eveOrder.id}`).expect(200)).body;
    expect(whole.customer).toEqual({ id: eve.id, name: EVE.name, allergens: EVE.allergens });
    expect(whole.fulfilment).toMatchObject({ customerName: CONTACT.customerName, address: CONTACT.address });
    expect(showsEve((await as(t, waiter).get(`/api/v1/orders/${eveOrder.id}`).expect(200)).body)).not.toEqual(
      [],
    );

    const plain = await eventually('the attach at /plain', () =>
      receiver.at('/plain').find((one) => one.body.data.id === eveOrder.id),
    );
    expect(showsEve(plain.rawBody)).toEqual([]);
    const consented = await eventually('the attach at /consented', () =>
      receiver.at('/consented').find((one) => one.body.data.id === eveOrder.id),
    );
    expect(consented.rawBody).toContain('Secret Lane 1');
  });

  it('subscribes a webhook to the customer events only with the consent to personal data', async () => {
    const refused = await as(t, admin)
      .post('/api/v1/webhooks')
      .send({ url: receiver.url('/nosy'), events: ['customer.updated'] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ field: 'personalData', message: expect.any(String) }]);
  });

  it('erases the person from every copy: orders, events, deliveries, replies, the audit log and tickets', async () => {
    // A ticket that names the guest and their allergy.
    await as(t, waiter)
      .post(`/api/v1/orders/${eveOrder.id}/items`)
      .send({ items: [{ dishId: restaurant.fries.id, quantity: 1 }] })
      .expect(201);
    await eventually('the guest’s ticket', () =>
      grill.tickets.some((ticket) => ticket.includes(`Guest: ${EVE.name}`)),
    );
    // Newest first: the ticket that named the guest.
    const ticketJob = await eventually('its job recorded printed', async () => {
      const jobs = (await as(t, waiter).get('/api/v1/print-jobs?status=printed&perPage=100').expect(200)).body
        .items as Row[];
      return jobs.find((job) => job.orderId === eveOrder.id);
    });
    const deliveredBefore = receiver.at('/consented').find((one) => one.body.data.id === eveOrder.id)!;

    await as(t, admin).delete(`/api/v1/customers/${eve.id}`).expect(204);

    const order = (await as(t, admin).get(`/api/v1/orders/${eveOrder.id}`).expect(200)).body;
    expect(order.customer).toEqual({ id: eve.id, name: null, allergens: [] });
    expect(order.fulfilment).toMatchObject({ customerName: null, phone: null, address: null });
    expect(showsEve((await as(t, admin).get(`/api/v1/customers/${eve.id}/orders`).expect(200)).body)).toEqual(
      [],
    );
    expect(
      showsEve((await withKey(t, reader).get('/api/v1/events?since=0&limit=500').expect(200)).body),
    ).toEqual([]);
    const audit = await as(t, admin).get(`/api/v1/audit-log?entityId=${eveOrder.id}`).expect(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(showsEve(audit.body)).toEqual([]);
    const replayed = await withKey(t, impersonal)
      .post('/api/v1/orders')
      .set('Idempotency-Key', 'eve-1')
      .send(orderBody)
      .expect(201);
    expect(replayed.body.id).toBe(eveOrder.id);
    expect(showsEve(replayed.body)).toEqual([]);

    const deliveryId = deliveredBefore.headers['x-webhook-id'] as string;
    const redeliveries = receiver.at('/consented').length;
    await as(t, admin)
      .post(`/api/v1/webhooks/${consentedHook}/deliveries/${deliveryId}/redeliver`)
      .expect(202);
    // The erasure's own events arrive too: the resend is the one of the same seq.
    const redelivered = await eventually('the redelivery', () =>
      receiver
        .at('/consented')
        .slice(redeliveries)
        .find((one) => one.body.seq === deliveredBefore.body.seq),
    );
    expect(redelivered.body.data.id).toBe(eveOrder.id);
    expect(showsEve(redelivered.rawBody)).toEqual([]);

    const printed = grill.received.length;
    await as(t, waiter)
      .post(`/api/v1/print-jobs/${ticketJob.id as string}/reprint`)
      .expect(201);
    await grill.waitFor(printed + 1);
    const reprint = grill.tickets[printed].join('\n');
    expect(reprint).toContain('REPRINT');
    expect(showsEve(reprint)).toEqual([]);
    expect(reprint).not.toContain('ALLERGENS');
  });
});
