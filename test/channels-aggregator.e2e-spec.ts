import { Payment, Refund } from '../src/payments/payment.entities';
import { as, issueKey, Session, withKey } from './support/clients';
import { channelsFixture, mappingsOf, newChannel } from './support/channels-fixture';
import type { Restaurant } from './support/factories';
import type { Json } from './support/menu-fixture';
import { connect } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { eventually, WebhookReceiver } from './support/webhook-receiver';

type Aggregator = Awaited<ReturnType<typeof newChannel>>['aggregator'];

/** What a paid delivery of one double burger and fries costs on the channel. */
const DELIVERY_TOTAL = 1700 + 500;

/** What the spec reads of an order's reply. */
interface OrderReply {
  id: string;
  total: number;
  version: number;
}

/** A payment method's row of GET /reports/payment-methods. */
interface MethodFigures {
  kind: string;
  received: number;
  refunds: number;
  refunded: number;
  net: number;
}

describe('Channels: a simulated aggregator with its bound key', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: Session;
  let restaurant: Restaurant;
  let receiver: WebhookReceiver;
  let swift: Aggregator;
  let other: Aggregator;

  /** A delivery as the aggregator posts it: it waits `received` (the channel does not auto-accept). */
  const delivery = (externalId: string, paidByChannel: boolean) => ({
    externalId,
    customerName: 'Ada Lovelace',
    phone: '+49 151 2345678',
    address: { line1: 'Hauptstraße 5', city: 'Berlin' },
    type: 'delivery',
    items: [
      { externalId: 'burger-double', quantity: 1, price: 1700 },
      { externalId: 'fries', quantity: 1, price: 500 },
    ],
    total: DELIVERY_TOTAL,
    paidByChannel,
  });
  const postTo = async (aggregator: Aggregator, code: string, externalId: string, paid = false) =>
    (await aggregator.post(`/api/v1/channels/${code}/orders`).send(delivery(externalId, paid)).expect(201))
      .body as OrderReply;
  /** A takeaway the restaurant's own staff took: no channel's. */
  const staffTakeaway = async () =>
    (
      await as(t, waiter)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 1 }] })
        .expect(201)
    ).body as OrderReply;
  const cashMethod = async (): Promise<Json> => {
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Json[];
    return methods.find((method) => method.kind === 'cash')!;
  };
  const order = async (id: string) =>
    (await as(t, admin).get(`/api/v1/orders/${id}`).expect(200)).body as Record<string, unknown>;
  const orderCount = async () =>
    (await as(t, admin).get('/api/v1/orders?perPage=1').expect(200)).body.total as number;
  const fulfilment = (caller: Aggregator, id: string, body: Json) =>
    caller.patch(`/api/v1/orders/${id}/fulfilment`).send(body);
  const changesOf = (id: string) =>
    receiver
      .at('/fulfilment')
      .filter((delivered) => delivered.body.data.id === id)
      .map((delivered) => [
        delivered.body.data.previousFulfilmentStatus,
        (delivered.body.data.fulfilment as { status: string }).status,
      ]);

  /** A 403 FORBIDDEN in the API.md error shape, its message containing `says`. */
  const expectForbidden = (response: { status: number; body: Json }, says: string) => {
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: { code: 'FORBIDDEN', message: expect.stringContaining(says), details: null },
    });
  };

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    let aioli: { id: string };
    ({ admin, waiter, restaurant, aioli } = await channelsFixture(t));
    receiver = await WebhookReceiver.start();
    await as(t, admin)
      .post('/api/v1/webhooks')
      .send({ url: receiver.url('/fulfilment'), events: ['order.fulfilment_changed'] })
      .expect(201);
    const items = mappingsOf(restaurant, aioli.id);
    ({ aggregator: swift } = await newChannel(t, admin, { code: 'swift', name: 'Swift', items }));
    ({ aggregator: other } = await newChannel(t, admin, { code: 'other', name: 'Other', items }));
  });

  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('walks its delivery from received to delivered with its key, each change one webhook, in order', async () => {
    const posted = await postTo(swift, 'swift', 'walk-1');
    expect(posted).toMatchObject({ status: 'pending', fulfilment: { status: 'received', channel: 'swift' } });
    await fulfilment(swift, posted.id, { status: 'accepted' }).expect(200);
    await fulfilment(swift, posted.id, { status: 'ready' }).expect(200);
    await fulfilment(swift, posted.id, { status: 'out_for_delivery' }).expect(200);
    const delivered = await fulfilment(swift, posted.id, { status: 'delivered' }).expect(200);
    expect(delivered.body).toMatchObject({ status: 'open', fulfilment: { status: 'delivered' } });

    // A later change of another order: deliveries go one at a time in seq order, so once it is in, every change
    // of the walk that was ever sent is in too.
    const sentinel = await postTo(swift, 'swift', 'walk-sentinel');
    await fulfilment(swift, sentinel.id, { status: 'accepted' }).expect(200);
    await eventually('the sentinel’s change', () => changesOf(sentinel.id).length === 1);
    expect(changesOf(posted.id)).toEqual([
      ['received', 'accepted'],
      ['accepted', 'ready'],
      ['ready', 'out_for_delivery'],
      ['out_for_delivery', 'delivered'],
    ]);
    const seqs = receiver.at('/fulfilment').map((delivered) => delivered.body.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('refuses the key on POST /orders, on another channel’s order and on the restaurant’s own, changing nothing', async () => {
    const before = await orderCount();
    const own = await swift
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 1 }] });
    expectForbidden(own, 'POST /channels/swift/orders');
    expect(await orderCount()).toBe(before);

    const theirs = await postTo(other, 'other', 'theirs-1');
    expectForbidden(await fulfilment(swift, theirs.id, { status: 'accepted' }), 'the channel other');
    // A stale version is no way round it: 403 before If-Match, not a 409 carrying the other channel's order.
    expectForbidden(
      await swift
        .patch(`/api/v1/orders/${theirs.id}/fulfilment`)
        .set('If-Match', String(theirs.version + 7))
        .send({ status: 'accepted' }),
      'the channel other',
    );
    const staffs = await staffTakeaway();
    expectForbidden(await fulfilment(swift, staffs.id, { status: 'ready' }), 'the restaurant’s own');
    const payer = await issueKey(t, admin, { scopes: ['payments:write'], channelCode: 'swift' });
    const cash = await cashMethod();
    const payment = await withKey(t, payer.key)
      .post(`/api/v1/orders/${staffs.id}/payments`)
      .send({ methodId: cash.id, amount: staffs.total });
    expectForbidden(payment, 'the restaurant’s own');
    // An unbound key is the restaurant's own integration: not the channel's orders, but its own ones.
    const unbound = withKey(t, (await issueKey(t, admin, { scopes: ['orders:write'] })).key);
    expectForbidden(await fulfilment(unbound, theirs.id, { status: 'accepted' }), 'no channel');

    expect(await order(theirs.id)).toMatchObject({
      version: theirs.version,
      fulfilment: { status: 'received' },
    });
    expect(await order(staffs.id)).toMatchObject({
      version: staffs.version,
      paid: 0,
      fulfilment: { status: 'accepted' },
    });
    await fulfilment(unbound, staffs.id, { status: 'ready' }).expect(200);
    await fulfilment(other, theirs.id, { status: 'accepted' }).expect(200);
  });

  it('reads its own channel’s orders only: another channel’s and the restaurant’s are not found', async () => {
    const mine = await postTo(swift, 'swift', 'read-mine');
    const theirs = await postTo(other, 'other', 'read-theirs');
    const staffs = await staffTakeaway();

    expect((await swift.get(`/api/v1/orders/${mine.id}`).expect(200)).body).toMatchObject({ id: mine.id });
    await swift.get(`/api/v1/orders/${mine.id}/bill`).expect(200);
    for (const foreign of [theirs.id, staffs.id]) {
      const read = await swift.get(`/api/v1/orders/${foreign}`).expect(404);
      expect(JSON.stringify(read.body)).not.toContain(foreign);
      await swift.get(`/api/v1/orders/${foreign}/bill`).expect(404);
    }
    const listed = (await swift.get('/api/v1/orders').query({ perPage: 100 }).expect(200)).body as {
      items: Array<{ id: string; fulfilment: { channel: string } | null }>;
    };
    expect(listed.items.map((order) => order.id)).toContain(mine.id);
    expect(listed.items.every((order) => order.fulfilment?.channel === 'swift')).toBe(true);
    // Staff read every order, as before.
    await as(t, waiter).get(`/api/v1/orders/${theirs.id}`).expect(200);

    // Nor the restaurant's receipts: the staff's order, paid and closed, has one the key does not find.
    const cash = await cashMethod();
    await as(t, waiter)
      .post(`/api/v1/orders/${staffs.id}/payments`)
      .send({ methodId: cash.id, amount: staffs.total })
      .expect(201);
    await as(t, waiter).patch(`/api/v1/orders/${staffs.id}/status`).send({ status: 'closed' }).expect(200);
    const receipts = (await as(t, admin).get('/api/v1/receipts').expect(200)).body.items as Json[];
    const receipt = receipts.find((one) => one.orderId === staffs.id)!;
    await swift.get(`/api/v1/receipts/${receipt.id}`).expect(404);
    const swiftReceipts = (await swift.get('/api/v1/receipts').expect(200)).body.items as Json[];
    expect(swiftReceipts.map((one) => one.orderId as string)).not.toContain(staffs.id);

    // Nor their events: a bound key with events:read hears its own orders and the menu only.
    const listener = await issueKey(t, admin, { scopes: ['events:read'], channelCode: 'swift' });
    const events = (
      await withKey(t, listener.key).get('/api/v1/events').query({ since: 0, limit: 1000 }).expect(200)
    ).body.items as Array<{ type: string; data: { id?: string; fulfilment?: { channel: string } | null } }>;
    expect(events.some((event) => event.data.id === mine.id)).toBe(true);
    expect(
      events.every((event) => event.type.startsWith('menu.') || event.data.fulfilment?.channel === 'swift'),
    ).toBe(true);
    const unbound = await issueKey(t, admin, { scopes: ['events:read'] });
    const all = (
      await withKey(t, unbound.key).get('/api/v1/events').query({ since: 0, limit: 1000 }).expect(200)
    ).body.items as Array<{ data: { id?: string } }>;
    expect(all.some((event) => event.data.id === theirs.id)).toBe(true);
  });

  it('splits its order: each part keeps the channel and names the order it came from, not its external id', async () => {
    const body = {
      ...delivery('split-1', false),
      items: [
        { externalId: 'burger-double', quantity: 1, price: 1700 },
        { externalId: 'fries', quantity: 2, price: 500 },
      ],
      total: 2700,
    };
    const posted = (await swift.post('/api/v1/channels/swift/orders').send(body).expect(201))
      .body as OrderReply & { items: Array<{ id: string }> };
    await fulfilment(swift, posted.id, { status: 'accepted' }).expect(200);
    const fries = posted.items[1].id;
    const split = (id: string, quantity: number) =>
      as(t, waiter)
        .post(`/api/v1/orders/${id}/split`)
        .send({ by: 'items', items: [{ itemId: fries, quantity }] });
    const first = await split(posted.id, 2);
    expect(first.status).toBe(201);
    const [original, part] = first.body.orders as Array<{ id: string; fulfilment: Json }>;
    expect(original.id).toBe(posted.id);
    expect(original.fulfilment).toMatchObject({ channel: 'swift', externalId: 'split-1', splitFrom: null });
    expect(part.fulfilment).toMatchObject({ channel: 'swift', externalId: null, splitFrom: posted.id });
    // A part of a part names the channel's order too, and the channel reads every part as its own.
    const again = await split(part.id, 1);
    expect(again.status).toBe(201);
    expect(again.body.orders[1].fulfilment).toMatchObject({ externalId: null, splitFrom: posted.id });
    await swift.get(`/api/v1/orders/${part.id}`).expect(200);
    const repost = await swift.post('/api/v1/channels/swift/orders').send(body);
    expect(repost.status).toBe(200);
    expect(repost.body.id).toBe(posted.id);
  });

  it('pushes each bound key’s socket its own channel’s orders only, two channels connected at once', async () => {
    const [swiftKey, otherKey] = await Promise.all(
      ['swift', 'other'].map((channelCode) => issueKey(t, admin, { scopes: ['events:read'], channelCode })),
    );
    const swiftSocket = await connect(t, { apiKey: swiftKey.key });
    const otherSocket = await connect(t, { apiKey: otherKey.key });
    try {
      const theirs = await postTo(other, 'other', 'push-theirs');
      const mine = await postTo(swift, 'swift', 'push-mine');
      const createdOf = (id: string) => (event: { type: string; data: Record<string, unknown> }) =>
        event.type === 'order.created' && event.data.id === id;
      const beforeMine = await swiftSocket.receivedBefore(createdOf(mine.id));
      expect(beforeMine.some((event) => event.data.id === theirs.id)).toBe(false);
      // The other key's socket heard its own order, and after it (in seq order) nothing of swift's.
      await otherSocket.until((received) => received.some(createdOf(theirs.id)));
      const marker = await postTo(other, 'other', 'push-marker');
      const otherSaw = await otherSocket.receivedBefore(createdOf(marker.id));
      expect(otherSaw.some((event) => event.data.id === mine.id)).toBe(false);
    } finally {
      swiftSocket.close();
      otherSocket.close();
    }
  });

  it('rejects an order the channel was paid for: cancelled, its channel payment reversed, out of the sales', async () => {
    const report = async <T>(path: string) =>
      (await as(t, admin).get(`/api/v1/reports/${path}`).expect(200)).body as T;
    const channelMethod = async (): Promise<MethodFigures> =>
      (await report<{ methods: MethodFigures[] }>('payment-methods')).methods.find(
        (method) => method.kind === 'channel',
      ) ?? { kind: 'channel', received: 0, refunds: 0, refunded: 0, net: 0 };
    const methodBefore = await channelMethod();

    // One paid order goes all the way and is closed: the sales the report must show.
    const kept = await postTo(swift, 'swift', 'kept-1', true);
    await fulfilment(swift, kept.id, { status: 'accepted' }).expect(200);
    await as(t, waiter).patch(`/api/v1/orders/${kept.id}/status`).send({ status: 'closed' }).expect(200);

    const rejected = await postTo(swift, 'swift', 'rejected-1', true);
    expect(rejected).toMatchObject({ status: 'pending', paid: DELIVERY_TOTAL, paymentStatus: 'paid' });
    const reply = await as(t, waiter)
      .patch(`/api/v1/orders/${rejected.id}/fulfilment`)
      .send({ status: 'rejected', reason: 'out of burgers' })
      .expect(200);
    expect(reply.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'out of burgers',
      paid: 0,
      due: 0,
      paymentStatus: 'refunded',
      fulfilment: { status: 'rejected', reason: 'out of burgers' },
    });
    expect(await order(rejected.id)).toEqual(reply.body);

    const [payment] = await t.dataSource.getRepository(Payment).find({ where: { orderId: rejected.id } });
    expect(payment).toMatchObject({ amount: DELIVERY_TOTAL, refunded: DELIVERY_TOTAL, status: 'refunded' });
    const refunds = await t.dataSource.getRepository(Refund).find({ where: { paymentId: payment.id } });
    expect(refunds).toEqual([
      expect.objectContaining({
        amount: DELIVERY_TOTAL,
        reason: 'out of burgers',
        refundedBy: waiter.user.id,
      }),
    ]);
    const events = withKey(t, (await issueKey(t, admin, { scopes: ['events:read'] })).key);
    const feed = (await events.get('/api/v1/events?since=0&limit=1000').expect(200)).body.items as Array<{
      type: string;
      data: Json;
    }>;
    const ofRejected = feed.filter((event) => event.data.id === rejected.id).map((event) => event.type);
    expect(ofRejected).toEqual([
      'order.created',
      'order.paid',
      'order.updated',
      'order.status_changed',
      'order.fulfilment_changed',
    ]);
    const refundEvent = feed.find(
      (event) => event.data.id === rejected.id && event.type === 'order.updated',
    )!;
    expect(refundEvent.data.refund).toEqual({
      id: refunds[0].id,
      paymentId: payment.id,
      amount: DELIVERY_TOTAL,
      tip: 0,
      lines: [],
      reason: 'out of burgers',
    });

    const sales = await report<{ rows: Array<{ period: string }> }>('sales?groupBy=channel');
    expect(sales.rows.find((row) => row.period === 'swift')).toMatchObject({
      orders: 1,
      salesInclTax: kept.total,
      refunds: 0,
    });
    const methodAfter = await channelMethod();
    expect({
      received: methodAfter.received - methodBefore.received,
      refunds: methodAfter.refunds - methodBefore.refunds,
      refunded: methodAfter.refunded - methodBefore.refunded,
      net: methodAfter.net - methodBefore.net,
    }).toEqual({ received: 2 * DELIVERY_TOTAL, refunds: 1, refunded: DELIVERY_TOTAL, net: DELIVERY_TOTAL });
    const audit = await as(t, admin).get(`/api/v1/audit-log?entityId=${payment.id}`).expect(200);
    const entries = audit.body.items as Array<{ action: string }>;
    expect(entries.map((entry) => entry.action)).toContain('payment.refunded');
  });

  it('still refuses to reject an order that other payments were taken for, writing nothing', async () => {
    // An order the restaurant's own integration posted waits `received` while open: the waiter takes cash.
    const unbound = withKey(t, (await issueKey(t, admin, { scopes: ['orders:write'] })).key);
    const own = (
      await unbound
        .post('/api/v1/orders')
        .send({
          type: 'takeaway',
          items: [{ dishId: restaurant.beer.id, quantity: 1 }],
          fulfilment: { customerName: 'Bo' },
        })
        .expect(201)
    ).body as OrderReply;
    const cash = await cashMethod();
    await as(t, waiter)
      .post(`/api/v1/orders/${own.id}/payments`)
      .send({ methodId: cash.id, amount: own.total })
      .expect(201);
    const before = await order(own.id);
    const refused = await as(t, waiter)
      .patch(`/api/v1/orders/${own.id}/fulfilment`)
      .send({ status: 'rejected', reason: 'closing early' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INVALID_TRANSITION');
    expect(await order(own.id)).toEqual(before);
  });
});
