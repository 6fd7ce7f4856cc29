import { as, Session } from './support/clients';
import { channelsFixture, mappingsOf, newChannel } from './support/channels-fixture';
import type { Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('Channels: ingestion from a simulated aggregator', () => {
  let t: TestApp;
  let admin: Session;
  let restaurant: Restaurant;
  let aioli: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, restaurant, aioli } = await channelsFixture(t));
  });

  afterAll(() => t.close());

  const post = (externalId: string, overrides: Record<string, unknown> = {}) => ({
    externalId,
    customerName: 'Ada Lovelace',
    phone: '+49 151 2345678',
    type: 'takeaway',
    items: [
      { externalId: 'burger-double', quantity: 2, price: 1700 },
      { externalId: 'fries', quantity: 1, price: 500, options: ['aioli'], comment: 'crispy' },
    ],
    total: 3900,
    paidByChannel: true,
    ...overrides,
  });

  const orderCount = async () =>
    (await as(t, admin).get('/api/v1/orders?perPage=1').expect(200)).body.total as number;

  it('makes one order of ten identical posts at once, keeping the channel prices and a channel payment', async () => {
    const { aggregator } = await newChannel(t, admin, {
      code: 'rush',
      name: 'Rush',
      items: mappingsOf(restaurant, aioli.id),
    });
    const before = await orderCount();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => aggregator.post('/api/v1/channels/rush/orders').send(post('o-1'))),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    const ids = new Set(replies.map((reply) => reply.body.id as string));
    expect(ids.size).toBe(1);
    expect(await orderCount()).toBe(before + 1);
    const order = replies[0].body;
    expect(order).toMatchObject({
      type: 'takeaway',
      source: 'api',
      status: 'pending',
      paid: order.total,
      due: 0,
      paymentStatus: 'paid',
      fulfilment: { status: 'received', channel: 'rush', externalId: 'o-1', customerName: 'Ada Lovelace' },
    });
    expect(order.items).toMatchObject([
      { dishId: restaurant.burger.id, unitPrice: 1700, quantity: 2, priceSource: 'channel' },
      { dishId: restaurant.fries.id, unitPrice: 500, priceSource: 'channel', comment: 'crispy' },
    ]);
    expect(order.items[1].modifiers).toEqual([
      expect.objectContaining({ optionId: aioli.id, priceDelta: 0 }),
    ]);
  });

  it('answers one externalId posted twice at once 201 and 200 with one order when it takes the last portions', async () => {
    const { aggregator } = await newChannel(t, admin, {
      code: 'last',
      name: 'Last',
      items: mappingsOf(restaurant, aioli.id),
    });
    const double = restaurant.burger.variations[1];
    const lastTwo = post('', {
      items: [{ externalId: 'burger-double', quantity: 2, price: 1700 }],
      total: 3400,
    });
    for (const round of [1, 2, 3, 4, 5]) {
      await as(t, admin)
        .patch(`/api/v1/dishes/${restaurant.burger.id}/variations/${double.id}/stock`)
        .send({ count: 2 })
        .expect(200);
      const before = await orderCount();
      const replies = await Promise.all(
        [1, 2].map(() =>
          aggregator.post('/api/v1/channels/last/orders').send({ ...lastTwo, externalId: `last-${round}` }),
        ),
      );
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 201]);
      expect(replies[0].body.id).toBe(replies[1].body.id);
      expect(await orderCount()).toBe(before + 1);
    }
    await as(t, admin)
      .patch(`/api/v1/dishes/${restaurant.burger.id}/variations/${double.id}/stock`)
      .send({ count: null })
      .expect(200);
  });

  it('keeps a phone that is not a valid number as given, unverified, and takes the paid order', async () => {
    const { aggregator } = await newChannel(t, admin, {
      code: 'relay',
      name: 'Relay',
      items: mappingsOf(restaurant, aioli.id),
    });
    const address = { line1: 'Hauptstraße 5', city: 'Berlin' };
    for (const phone of ['+49 30 1234 ext 55', '0800-RELAY', ' 0800 RELAY 4711 (courier) ']) {
      const reply = await aggregator
        .post('/api/v1/channels/relay/orders')
        .send(post(`r-${phone}`, { phone, type: 'delivery', address }));
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ paymentStatus: 'paid' });
      expect(reply.body.fulfilment).toMatchObject({ phone: phone.trim(), phoneVerified: false });
    }
    const valid = await aggregator.post('/api/v1/channels/relay/orders').send(post('r-valid')).expect(201);
    expect(valid.body.fulfilment).toMatchObject({ phone: '+491512345678', phoneVerified: true });
    // The restaurant's own staff still key in a number that is one.
    const staff = await as(t, admin)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [{ dishId: restaurant.beer.id, quantity: 1 }],
        fulfilment: { customerName: 'Bo', phone: '0800-RELAY' },
      });
    expect(staff.status).toBe(422);
    expect(staff.body.error.details).toEqual([
      { field: 'fulfilment.phone', message: 'must be a phone number' },
    ]);
  });

  it('answers 409 CHANNEL_PAUSED in busy mode, and auto-accepts straight to the kitchen once resumed', async () => {
    const { aggregator } = await newChannel(t, admin, {
      code: 'busy',
      name: 'Busy',
      paused: true,
      autoAccept: true,
      items: mappingsOf(restaurant, aioli.id),
    });
    const before = await orderCount();
    const paused = await aggregator.post('/api/v1/channels/busy/orders').send(post('b-1'));
    expect(paused.status).toBe(409);
    expect(paused.body.error.code).toBe('CHANNEL_PAUSED');
    await as(t, admin).patch('/api/v1/channels/busy').send({ paused: false }).expect(200);
    const taken = await aggregator
      .post('/api/v1/channels/busy/orders')
      .send(post('b-1', { paidByChannel: false }));
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ status: 'open', paid: 0, fulfilment: { status: 'accepted' } });
    expect(taken.body.items[0].firedAt).not.toBeNull();
    expect(await orderCount()).toBe(before + 1);
  });

  it('refuses an unmapped item or option, a wrong total and another channel’s key with nothing written', async () => {
    const { aggregator } = await newChannel(t, admin, {
      code: 'strict',
      name: 'Strict',
      items: mappingsOf(restaurant, aioli.id),
    });
    const { aggregator: stranger } = await newChannel(t, admin, { code: 'stranger', name: 'Stranger' });
    const before = await orderCount();
    const unmapped = await aggregator.post('/api/v1/channels/strict/orders').send(
      post('s-1', {
        items: [
          { externalId: 'pizza', quantity: 1, price: 900 },
          { externalId: 'fries', quantity: 1, price: 500, options: ['ketchup', 'fries'] },
        ],
        total: 1400,
      }),
    );
    expect(unmapped.status).toBe(422);
    expect(unmapped.body.error.details).toEqual([
      { field: 'items[0].externalId', message: '"pizza" is not an item this channel maps' },
      { field: 'items[1].options[0]', message: '"ketchup" is not an option this channel maps' },
      { field: 'items[1].options[1]', message: '"fries" is not an option this channel maps' },
    ]);
    const wrongTotal = await aggregator
      .post('/api/v1/channels/strict/orders')
      .send(post('s-1', { total: 1 }));
    expect(wrongTotal.status).toBe(422);
    expect(wrongTotal.body.error.details[0].field).toBe('total');
    const foreign = await stranger.post('/api/v1/channels/strict/orders').send(post('s-1'));
    expect(foreign.status).toBe(403);
    // The same externalId, now well-formed, is a new order: the refusals kept nothing of it.
    await aggregator.post('/api/v1/channels/strict/orders').send(post('s-1')).expect(201);
    expect(await orderCount()).toBe(before + 1);
  });

  it('quotes from the kitchen queue plus the buffer, and the quote grows as the kitchen fills', async () => {
    const { aggregator } = await newChannel(t, admin, {
      code: 'quote',
      name: 'Quote',
      autoAccept: true,
      prepBufferMinutes: 15,
      items: mappingsOf(restaurant, aioli.id),
    });
    const basket = { items: [{ externalId: 'burger-double', quantity: 1 }] };
    const quoteNow = async () => {
      const reply = await aggregator.post('/api/v1/channels/quote/quote').send(basket).expect(200);
      return Date.parse(reply.body.readyAt as string);
    };
    const empty = await quoteNow();
    // A burger takes 12 minutes; with the 15 minute buffer the quote is at least 27 minutes away.
    expect(empty - Date.now()).toBeGreaterThanOrEqual(26 * 60_000);
    const rush = [{ externalId: 'burger-double', quantity: 5, price: 1700 }];
    for (const externalId of ['q-1', 'q-2', 'q-3']) {
      await aggregator
        .post('/api/v1/channels/quote/orders')
        .send(post(externalId, { items: rush, total: 8500 }))
        .expect(201);
    }
    expect(await quoteNow()).toBeGreaterThan(empty);
    const unmapped = await aggregator
      .post('/api/v1/channels/quote/quote')
      .send({ items: [{ externalId: 'pizza', quantity: 1 }] });
    expect(unmapped.status).toBe(422);

    // Nothing is promised that cannot be sold: an 86'd dish is the 422 its order would get, and so is one
    // whose schedule is off.
    await as(t, admin)
      .patch(`/api/v1/dishes/${restaurant.burger.id}/availability`)
      .send({ available: false })
      .expect(200);
    const eightySixed = await aggregator.post('/api/v1/channels/quote/quote').send(basket).expect(422);
    expect(eightySixed.body.error.details).toEqual([
      { field: 'items[0].dishId', message: 'is not available' },
    ]);
    await as(t, admin)
      .patch(`/api/v1/dishes/${restaurant.burger.id}/availability`)
      .send({ available: true })
      .expect(200);
    const never = (
      await as(t, admin)
        .post('/api/v1/menu-schedules')
        .send({ name: 'Never now', windows: [{ days: [1], from: '03:00', to: '03:01' }] })
        .expect(201)
    ).body as { id: string };
    t.clock.moveTo('2026-12-01T12:00:00Z');
    await as(t, admin)
      .patch(`/api/v1/dishes/${restaurant.burger.id}`)
      .send({ scheduleId: never.id })
      .expect(200);
    const offSchedule = await aggregator.post('/api/v1/channels/quote/quote').send(basket).expect(422);
    expect(offSchedule.body.error.details).toEqual([
      { field: 'items[0].dishId', message: expect.stringContaining('is off the menu now; next on at') },
    ]);
    await as(t, admin).patch(`/api/v1/dishes/${restaurant.burger.id}`).send({ scheduleId: null }).expect(200);
    await aggregator.post('/api/v1/channels/quote/quote').send(basket).expect(200);
  });
});
