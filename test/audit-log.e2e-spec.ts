import { Role } from '../src/common/access/role';
import { as, issueKey, loginAdmin, newStaff, NewStaff, Session, withKey } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Entry = {
  id: string;
  actor: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  subject: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  occurredAt: string;
};
type EntryPage = { items: Entry[]; total: number; page: number; perPage: number; pages: number };

describe('Audit log', () => {
  let t: TestApp;
  let admin: Session;
  let manager: NewStaff;
  let waiter: NewStaff;
  let r: Restaurant;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    [manager, waiter] = await Promise.all([newStaff(t, Role.Manager), newStaff(t, Role.Waiter)]);
  });

  afterAll(() => t.close());

  const search = async (query: Record<string, string>): Promise<EntryPage> =>
    (await as(t, admin).get('/api/v1/audit-log').query(query).expect(200)).body as EntryPage;

  /** The one entry of this action on this entity, found through the API's filters. */
  async function entryOf(entityType: string, entityId: string, action: string): Promise<Entry> {
    const page = await search({ entityType, entityId, action });
    if (page.items.length !== 1) {
      throw new Error(`${action} of ${entityType} ${entityId}: ${page.items.length} entries`);
    }
    return page.items[0];
  }

  const byAdmin = (): unknown =>
    expect.objectContaining({ actor: `staff:${admin.user.id}`, actorUserId: admin.user.id });
  const byManager = (): unknown =>
    expect.objectContaining({ actor: `staff:${manager.id}`, actorUserId: manager.id });

  it('records every write to staff, menu, prices, keys and webhooks, each found by its filters', async () => {
    const staff = await as(t, admin)
      .post('/api/v1/users')
      .send({ username: 'audited-cook', displayName: 'Cook', role: 'kitchen', password: 'long-password-1' })
      .expect(201);
    await as(t, admin).patch(`/api/v1/users/${staff.body.id}`).send({ displayName: 'Head cook' }).expect(200);
    await as(t, admin).delete(`/api/v1/users/${staff.body.id}`).expect(204);
    expect(await entryOf('user', staff.body.id, 'user.created')).toEqual(byAdmin());
    expect(await entryOf('user', staff.body.id, 'user.updated')).toMatchObject({
      subject: 'Head cook',
      before: { displayName: 'Cook' },
      after: { displayName: 'Head cook' },
    });
    expect(await entryOf('user', staff.body.id, 'user.deleted')).toEqual(byAdmin());

    const category = await as(t, admin).post('/api/v1/categories').send({ name: 'Audited' }).expect(201);
    expect(await entryOf('category', category.body.id, 'category.created')).toMatchObject({
      actorUserId: admin.user.id,
      subject: 'Audited',
    });
    await as(t, manager.session)
      .patch(`/api/v1/dishes/${r.fries.id}/availability`)
      .send({ available: false })
      .expect(200);
    expect(await entryOf('dish', r.fries.id, 'dish.availability_changed')).toEqual(byManager());
    const regular = r.burger.variations[0];
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.burger.id}/variations/${regular.id}`)
      .send({ price: regular.price + 100 })
      .expect(200);
    // A variation is named with its dish, as staff know it, though its view carries only the dish's id.
    expect(await entryOf('variation', regular.id, 'variation.price_changed')).toMatchObject({
      subject: `${r.burger.name} (${regular.name})`,
      before: { price: regular.price },
      after: { price: regular.price + 100 },
    });

    const key = await issueKey(t, admin, { name: 'Audited key' });
    await as(t, admin).patch(`/api/v1/api-keys/${key.id}`).send({ active: false }).expect(200);
    await as(t, admin).post(`/api/v1/api-keys/${key.id}/rotate`).send({}).expect(201);
    await as(t, admin).delete(`/api/v1/api-keys/${key.id}`).expect(204);
    for (const action of ['api_key.created', 'api_key.deactivated', 'api_key.rotated', 'api_key.deleted']) {
      const entry = await entryOf('api_key', key.id, action);
      expect(entry).toEqual(byAdmin());
      expect(JSON.stringify(entry)).not.toContain(key.key);
    }

    const webhook = await as(t, admin)
      .post('/api/v1/webhooks')
      .send({ url: 'https://hooks.example.com/audit', events: ['order.created'] })
      .expect(201);
    await as(t, admin).patch(`/api/v1/webhooks/${webhook.body.id}`).send({ active: false }).expect(200);
    await as(t, admin).delete(`/api/v1/webhooks/${webhook.body.id}`).expect(204);
    for (const action of ['webhook.created', 'webhook.disabled', 'webhook.deleted']) {
      const entry = await entryOf('webhook', webhook.body.id, action);
      expect(entry).toEqual(byAdmin());
      expect(JSON.stringify(entry)).not.toContain(webhook.body.secret);
    }
  });

  it('records discounts, voids and refunds with who made them, and writes made with an API key under the key', async () => {
    const order = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [
          { dishId: r.beer.id, quantity: 1 },
          { dishId: r.beer.id, quantity: 2 },
        ],
      })
      .expect(201);
    const [firstItem] = order.body.items as Array<{ id: string }>;
    await as(t, manager.session)
      .post(`/api/v1/orders/${order.body.id}/discount`)
      .send({ kind: 'percent', value: 10, reason: 'regular' })
      .expect(200);
    await as(t, manager.session)
      .patch(`/api/v1/orders/${order.body.id}/items/${firstItem.id}/status`)
      .send({ status: 'in_progress' })
      .expect(200);
    await as(t, manager.session)
      .delete(`/api/v1/orders/${order.body.id}/items/${firstItem.id}`)
      .send({ reason: 'spilled' })
      .expect(200);
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
      id: string;
      kind: string;
    }>;
    const paymentKey = await issueKey(t, admin, { name: 'Delivery app', scopes: ['payments:write'] });
    const payment = await withKey(t, paymentKey.key)
      .post(`/api/v1/orders/${order.body.id}/payments`)
      .send({ methodId: methods.find((method) => method.kind === 'card')!.id, amount: 200 })
      .expect(201);
    await as(t, manager.session)
      .post(`/api/v1/payments/${payment.body.id}/refund`)
      .send({ amount: 50, reason: 'overcharged' })
      .expect(201);

    expect(await entryOf('order', order.body.id, 'order.discount_applied')).toEqual(byManager());
    expect(await entryOf('order_item', firstItem.id, 'order_item.voided')).toMatchObject({
      actorUserId: manager.id,
      after: { reason: 'spilled', status: 'cancelled' },
    });
    expect(await entryOf('payment', payment.body.id, 'payment.refunded')).toMatchObject({
      actorUserId: manager.id,
      after: { refund: { amount: 50, reason: 'overcharged' } },
    });

    const byKey = await search({ actor: `apiKey:${paymentKey.id}` });
    expect(byKey.items).toEqual([
      expect.objectContaining({
        action: 'payment.taken',
        entityId: payment.body.id,
        actor: `apiKey:${paymentKey.id}`,
        actorUserId: null,
      }),
    ]);
    const byManagerId = await search({ actor: manager.id });
    expect(byManagerId.items.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['order.discount_applied', 'order_item.voided', 'payment.refunded']),
    );
    expect(byManagerId.items.every((entry) => entry.actor === `staff:${manager.id}`)).toBe(true);
    expect(await search({ actor: `staff:${manager.id}` })).toEqual(byManagerId);
  });

  it('filters by period and action, newest first and paginated', async () => {
    // An hour after everything else, so that the period holds only what this test writes.
    t.clock.advance(60 * 60_000);
    const first = await as(t, admin).post('/api/v1/stations').send({ name: 'Audit A' }).expect(201);
    const since = (await entryOf('station', first.body.id, 'station.created')).occurredAt;
    t.clock.advance(1000);
    const between = new Date(Date.parse(since) + 500).toISOString();
    const second = await as(t, admin).post('/api/v1/stations').send({ name: 'Audit B' }).expect(201);
    await as(t, admin).patch(`/api/v1/stations/${second.body.id}`).send({ name: 'Audit C' }).expect(200);

    const recent = await search({ from: since });
    expect(recent.items.map((entry) => [entry.action, entry.entityId])).toEqual([
      ['station.updated', second.body.id],
      ['station.created', second.body.id],
      ['station.created', first.body.id],
    ]);
    const created = await search({ from: since, action: 'station.created', perPage: '1', page: '2' });
    expect(created).toMatchObject({ total: 2, pages: 2, page: 2, perPage: 1 });
    expect(created.items.map((entry) => entry.entityId)).toEqual([first.body.id]);
    const early = await search({ from: since, to: between, entityType: 'station' });
    expect(early.items.map((entry) => entry.entityId)).toEqual([first.body.id]);

    const all = await search({ perPage: '100' });
    const times = all.items.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('is for admins only, and refuses bad filters with 422', async () => {
    await as(t, manager.session).get('/api/v1/audit-log').expect(403);
    const key = await issueKey(t, admin, { scopes: ['reports:read'] });
    await withKey(t, key.key).get('/api/v1/audit-log').expect(403);
    for (const query of [
      { actor: 'staff:' },
      { actor: "x' OR 1=1 --" },
      { entityId: 'x'.repeat(37) },
      { from: 'yesterday' },
      { from: '2026-11-23T00:00:00Z', to: '2026-11-22T00:00:00Z' },
      { perPage: '500' },
      { action: 'dish.price_changed' },
    ]) {
      const refused = await as(t, admin).get('/api/v1/audit-log').query(query);
      expect([query, refused.status, refused.body.error.code]).toEqual([query, 422, 'VALIDATION_ERROR']);
    }
  });

  it('has no route that changes or deletes an entry', async () => {
    const [entry] = (await search({ perPage: '1' })).items;
    for (const method of ['patch', 'put', 'delete'] as const) {
      const refused = await as(t, admin)[method](`/api/v1/audit-log/${entry.id}`).send({ action: 'forged' });
      expect([method, refused.status, refused.body.error.code]).toEqual([method, 404, 'NOT_FOUND']);
    }
    await as(t, admin).delete('/api/v1/audit-log').expect(404);
    expect(await entryOf(entry.entityType, entry.entityId, entry.action)).toEqual(entry);
  });
});
