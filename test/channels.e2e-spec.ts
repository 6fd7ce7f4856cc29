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
