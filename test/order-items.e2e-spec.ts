import { as, NewStaff, Session } from './support/clients';
import { OrdersApp, orderCalls, startOrdersApp } from './support/orders-fixture';
import { TestApp } from './support/test-app';

describe('Order items and voids', () => {
  let t: TestApp;
  let make: OrdersApp['make'];
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  const { newOrder, itemStatus } = orderCalls(
    () => t,
    () => waiter.session,
  );

  beforeAll(async () => {
    ({ t, make, waiter, manager, kitchen } = await startOrdersApp());
  });

  afterAll(() => t.close());

  it('adds items, edits a new one, and refuses editing one the kitchen started', async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    const added = await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/items`)
      .send({ items: [{ dishId: r.fries.id, quantity: 1 }] });
    expect(added.status).toBe(201);
    expect(added.body.items).toHaveLength(3);
    expect(added.body.version).toBe(2);
    const fries = added.body.items[2];
    const edited = await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/items/${fries.id}`)
      .send({ quantity: 3, comment: 'extra salt' });
    expect(edited.body.items[2]).toMatchObject({ quantity: 3, comment: 'extra salt', total: 1350 });
    await itemStatus(kitchen.session, order.id, fries.id, 'in_progress').expect(200);
    const refused = await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/items/${fries.id}`)
      .send({ quantity: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INVALID_TRANSITION');
    expect((await as(t, waiter.session).get(`/api/v1/orders/${order.id}`)).body.items[2].quantity).toBe(3);
  });

  it('lets a waiter remove a new item, but only a manager void a started one, with a reason, audited', async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    const [burger, beer] = order.items;
    const removed = await as(t, waiter.session)
      .delete(`/api/v1/orders/${order.id}/items/${beer.id}`)
      .send({});
    expect(removed.status).toBe(200);
    expect(removed.body.items[1]).toMatchObject({ status: 'cancelled', total: 0 });
    expect(removed.body.subtotal).toBe(3300);

    await itemStatus(kitchen.session, order.id, burger.id, 'in_progress').expect(200);
    const byWaiter = await as(t, waiter.session)
      .delete(`/api/v1/orders/${order.id}/items/${burger.id}`)
      .send({ reason: 'guest left' });
    expect(byWaiter.status).toBe(403);
    const noReason = await as(t, manager.session)
      .delete(`/api/v1/orders/${order.id}/items/${burger.id}`)
      .send({});
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details).toEqual([{ field: 'reason', message: expect.any(String) }]);
    const voided = await as(t, manager.session)
      .delete(`/api/v1/orders/${order.id}/items/${burger.id}`)
      .send({ reason: 'burnt' });
    expect(voided.status).toBe(200);
    expect(voided.body.items[0]).toMatchObject({ status: 'cancelled', voidReason: 'burnt' });
    expect(voided.body).toMatchObject({ subtotal: 0, total: 0, status: 'open' });
    const audit = await t.dataSource.query(
      `SELECT action, actor_user_id FROM audit_log WHERE entity_id = '${burger.id}'`,
    );
    expect(audit).toEqual([{ action: 'order_item.voided', actor_user_id: manager.id }]);
  });

  it('refuses every transition the item machine does not have, and every role that may not make it', async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    const burger = order.items[0];
    const refusals: Array<[Session, string, number]> = [
      [kitchen.session, 'served', 403],
      [waiter.session, 'in_progress', 403],
      [waiter.session, 'ready', 403],
    ];
    for (const [session, status, expected] of refusals) {
      const response = await itemStatus(session, order.id, burger.id, status);
      expect([status, response.status]).toEqual([status, expected]);
    }
    await itemStatus(kitchen.session, order.id, burger.id, 'cancelled').expect(422);
    const unchanged = (await as(t, waiter.session).get(`/api/v1/orders/${order.id}`)).body;
    expect(unchanged.version).toBe(1);
    expect(unchanged.items[0].status).toBe('new');
  });

  describe('If-Match', () => {
    it('answers 409 VERSION_CONFLICT with the current order to a stale write', async () => {
      const r = await make.newRestaurant();
      const order = await newOrder(r);
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/items`)
        .set('If-Match', '1')
        .send({ items: [{ dishId: r.fries.id, quantity: 1 }] })
        .expect(201);
      const stale = await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/items`)
        .set('If-Match', '1')
        .send({ items: [{ dishId: r.fries.id, quantity: 1 }] });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      expect(stale.body.error.details).toMatchObject({ id: order.id, version: 2 });
      expect(stale.body.error.details.items).toHaveLength(3);
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/items`)
        .set('If-Match', '"2"')
        .send({ items: [{ dishId: r.fries.id, quantity: 1 }] })
        .expect(201);
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/items`)
        .set('If-Match', 'banana')
        .send({ items: [{ dishId: r.fries.id, quantity: 1 }] })
        .expect(422);
    });
  });
});
