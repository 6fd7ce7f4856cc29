import { as, issueKey, Session, withKey } from './support/clients';
import { channelsFixture, mappingsOf, newChannel } from './support/channels-fixture';
import type { Json } from './support/menu-fixture';
import type { Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const externalIdOf = (item: { externalId: string }) => item.externalId;
const codeOf = (item: { code: string }) => item.code;
const fieldOf = (problem: { field: string }) => problem.field;

describe('Channels: mappings, busy mode, bound keys, the channel menu and its 86s', () => {
  let t: TestApp;
  let admin: Session;
  let restaurant: Restaurant;
  let aioli: { id: string };
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    ({ admin, restaurant, aioli } = await channelsFixture(t));
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('creates a channel with its mappings, and a payment method of kind channel with the first', async () => {
    const { channel } = await newChannel(t, admin, {
      code: 'crud',
      name: 'Crud Eats',
      prepBufferMinutes: 10,
      items: mappingsOf(restaurant, aioli.id),
    });
    expect(channel).toEqual({
      id: expect.any(String),
      code: 'crud',
      name: 'Crud Eats',
      active: true,
      paused: false,
      autoAccept: false,
      prepBufferMinutes: 10,
      items: [
        {
          externalId: 'burger-double',
          dishId: restaurant.burger.id,
          variationId: restaurant.burger.variations[1].id,
          optionIds: [],
        },
        { externalId: 'fries', dishId: restaurant.fries.id, variationId: null, optionIds: [] },
        { externalId: 'beer', dishId: restaurant.beer.id, variationId: null, optionIds: [] },
        { externalId: 'aioli', dishId: null, variationId: null, optionIds: [aioli.id] },
      ],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Json[];
    expect(methods.filter((method) => method.kind === 'channel')).toHaveLength(1);
    await as(t, admin).get('/api/v1/channels/crud').expect(200);
    const list = await as(t, admin).get('/api/v1/channels').expect(200);
    expect(list.body.items.map(codeOf)).toContain('crud');
    const renamed = await as(t, admin).patch('/api/v1/channels/crud').send({ name: 'Crude Eats', items: [] });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Crude Eats', items: [] });
    await as(t, admin).delete('/api/v1/channels/crud').expect(204);
    await as(t, admin).get('/api/v1/channels/crud').expect(404);
  });

  it('refuses unknown dishes, variations and options, combos and duplicate external ids with 422, writing nothing', async () => {
    const combo = (
      await as(t, admin)
        .post('/api/v1/dishes')
        .send({
          name: 'Beer and fries',
          price: 800,
          categoryId: restaurant.category.id,
          combo: {
            slots: [
              {
                name: 'Side',
                minChoices: 1,
                maxChoices: 1,
                choices: [{ dishId: restaurant.fries.id, variationId: restaurant.fries.variations[0].id }],
              },
            ],
          },
        })
        .expect(201)
    ).body as { id: string };
    const response = await as(t, admin)
      .post('/api/v1/channels')
      .send({
        code: 'bad',
        name: 'Bad',
        items: [
          { externalId: 'a', dishId: '00000000-0000-4000-8000-000000000000' },
          { externalId: 'a', dishId: restaurant.beer.id },
          { externalId: 'b', dishId: restaurant.beer.id, variationId: restaurant.burger.variations[0].id },
          { externalId: 'c', dishId: restaurant.burger.id },
          { externalId: 'd', optionIds: ['00000000-0000-4000-8000-000000000001'] },
          { externalId: 'e' },
          { externalId: 'f', dishId: combo.id },
        ],
      });
    expect(response.status).toBe(422);
    expect(response.body.error.details.map(fieldOf)).toEqual([
      'items[0].dishId',
      'items[1].externalId',
      'items[2].variationId',
      'items[3].variationId',
      'items[4].optionIds[0]',
      'items[5].optionIds',
      'items[6].dishId',
    ]);
    expect(response.body.error.details[6].message).toContain('is a combo');
    await as(t, admin).delete(`/api/v1/dishes/${combo.id}`).expect(204);
    await as(t, admin).get('/api/v1/channels/bad').expect(404);
    const taken = await as(t, admin).post('/api/v1/channels').send({ code: 'dup', name: 'One' });
    expect(taken.status).toBe(201);
    const again = await as(t, admin).post('/api/v1/channels').send({ code: 'dup', name: 'Two' });
    expect(again.status).toBe(422);
    expect(again.body.error.details).toEqual([{ field: 'code', message: 'is taken by another channel' }]);
  });

  it('binds a key to an existing channel only, and keeps it out of other channels', async () => {
    const unknown = await as(t, admin)
      .post('/api/v1/api-keys')
      .send({ name: 'Nobody', scopes: ['menu:read'], channelCode: 'nowhere' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ field: 'channelCode', message: 'no such channel' }]);
    const { key } = await newChannel(t, admin, { code: 'bound', name: 'Bound' });
    await newChannel(t, admin, { code: 'other', name: 'Other' });
    expect((await as(t, admin).get(`/api/v1/api-keys/${key.id}`).expect(200)).body.channelCode).toBe('bound');
    await withKey(t, key.key).get('/api/v1/channels/bound/menu').expect(200);
    const elsewhere = await withKey(t, key.key).get('/api/v1/channels/other/menu');
    expect(elsewhere.status).toBe(403);
    const unbound = await issueKey(t, admin, { scopes: ['menu:read'] });
    expect((await withKey(t, unbound.key).get('/api/v1/channels/bound/menu')).status).toBe(403);
    await withKey(t, key.key).get('/api/v1/channels').expect(403);
  });

  it('serves the channel menu with an ETag; an 86 reaches the webhook naming the external id and leaves the menu', async () => {
    const hook = await as(t, admin)
      .post('/api/v1/webhooks')
      .send({ url: receiver.url('/availability'), events: ['menu.availability_changed'] })
      .expect(201);
    const { aggregator } = await newChannel(t, admin, {
      code: 'menu',
      name: 'Menu Eats',
      items: mappingsOf(restaurant, aioli.id),
    });
    const first = await aggregator.get('/api/v1/channels/menu/menu').expect(200);
    expect(first.body.items.map(externalIdOf)).toEqual(['burger-double', 'fries', 'beer']);
    expect(first.body.options.map(externalIdOf)).toEqual(['aioli']);
    const etag = first.headers.etag;
    await aggregator.get('/api/v1/channels/menu/menu').set('If-None-Match', etag).expect(304);

    await as(t, admin)
      .patch(`/api/v1/dishes/${restaurant.fries.id}/availability`)
      .send({ available: false })
      .expect(200);
    const [delivery] = await receiver.arrived('/availability', 1);
    expect(delivery.body.data).toEqual({
      dishId: restaurant.fries.id,
      available: false,
      channels: [{ code: 'menu', externalIds: ['fries'] }],
    });
    const after = await aggregator.get('/api/v1/channels/menu/menu').set('If-None-Match', etag).expect(200);
    expect(after.body.items.map(externalIdOf)).toEqual(['burger-double', 'beer']);
    // Fries offered the sauce: with them gone, no dish on the menu offers aioli.
    expect(after.body.options).toEqual([]);
    await as(t, admin)
      .patch(`/api/v1/dishes/${restaurant.fries.id}/availability`)
      .send({ available: true })
      .expect(200);
    const [, back] = await receiver.arrived('/availability', 2);
    expect(back.body.data).toMatchObject({
      available: true,
      channels: [{ code: 'menu', externalIds: ['fries'] }],
    });
    await as(t, admin).delete(`/api/v1/webhooks/${hook.body.id}`).expect(204);
  });

  it('answers 409 for a switched-off channel and 404 for an unknown one', async () => {
    const { aggregator } = await newChannel(t, admin, { code: 'off', name: 'Off' });
    await as(t, admin).patch('/api/v1/channels/off').send({ active: false }).expect(200);
    expect((await aggregator.get('/api/v1/channels/off/menu')).status).toBe(409);
    expect((await as(t, admin).get('/api/v1/channels/none/menu')).status).toBe(404);
  });
});

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
