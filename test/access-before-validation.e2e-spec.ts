/**
 * Access before validation (issue 48): a key that may not change an order hears 403 on every write on it, whatever
 * body it sends; a 422 about the body would tell it about data it has no business with.
 */
import { randomUUID } from 'node:crypto';
import { as, issueKey, withKey } from './support/clients';
import { channelsFixture, mappingsOf, newChannel } from './support/channels-fixture';
import { startTestApp, TestApp } from './support/test-app';

describe('Access before validation on an order’s guest routes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('answers a channel-bound key 403 on the restaurant’s own order, whatever the body, and changes nothing', async () => {
    const { admin, restaurant, aioli } = await channelsFixture(t);
    await newChannel(t, admin, { code: 'swift', name: 'Swift', items: mappingsOf(restaurant, aioli.id) });
    const swiftKey = await issueKey(t, admin, {
      scopes: ['orders:read', 'orders:write', 'customers:read', 'customers:write'],
      channelCode: 'swift',
    });
    const own = (
      await as(t, admin)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 1 }] })
        .expect(201)
    ).body as { id: string; version: number };
    const customer = (await as(t, admin).post('/api/v1/customers').send({ name: 'Ada' }).expect(201))
      .body as {
      id: string;
    };
    const key = withKey(t, swiftKey.key);
    const attempts: Array<[string, object]> = [
      ['customer', { customerId: customer.id }],
      ['customer', { customerId: randomUUID() }],
      ['customer', { customerId: 42 }],
      ['customer', { customerId: null }],
      ['customer', {}],
      ['customer', { customerId: customer.id, extra: true }],
      ['rewards', { rewardId: randomUUID() }],
      ['rewards', { rewardId: 'not an id' }],
      ['rewards', {}],
    ];
    const answers = [];
    for (const [route, body] of attempts) {
      const reply = await key.post(`/api/v1/orders/${own.id}/${route}`).send(body);
      answers.push({ route, body, status: reply.status, code: reply.body.error?.code });
    }
    expect(answers).toEqual(
      attempts.map(([route, body]) => ({ route, body, status: 403, code: 'FORBIDDEN' })),
    );
    // As every other write on that order: a valid line for it is refused the same way.
    await key
      .post(`/api/v1/orders/${own.id}/items`)
      .send({ items: [{ dishId: restaurant.beer.id, quantity: 1 }] })
      .expect(403);
    const after = (await as(t, admin).get(`/api/v1/orders/${own.id}`).expect(200)).body;
    expect(after).toMatchObject({ version: own.version, customer: null });
  });
});
