import { as, NewStaff } from './support/clients';
import { OrdersApp, orderCalls, startOrdersApp } from './support/orders-fixture';
import { TestApp } from './support/test-app';

describe('Order status', () => {
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

  it('needs a reason to cancel, cancels the items, frees the table for cleaning', async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    const noReason = await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'cancelled' });
    expect(noReason.status).toBe(422);
    const cancelled = await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'cancelled', reason: 'guests left' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'guests left', total: 0 });
    expect(cancelled.body.items.every((item: { status: string }) => item.status === 'cancelled')).toBe(true);
    expect((await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`)).body.status).toBe('cleaning');
    const again = await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/items`)
      .send({ items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(409);
  });

  it('lets only managers cancel an order the kitchen is working on', async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    await itemStatus(kitchen.session, order.id, order.items[0].id, 'in_progress').expect(200);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'cancelled', reason: 'x' })
      .expect(403);
    await as(t, kitchen.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'cancelled', reason: 'x' })
      .expect(403);
    await as(t, manager.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'cancelled', reason: 'kitchen fire' })
      .expect(200);
  });

  it('refuses statuses that only the items decide', async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    for (const status of ['ready', 'served', 'in_progress', 'pending']) {
      const response = await as(t, manager.session)
        .patch(`/api/v1/orders/${order.id}/status`)
        .send({ status });
      expect([status, response.status]).toEqual([status, 422]);
    }
    await as(t, manager.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'open' })
      .expect(409);
  });

  /** The waiter's order at a new table, paid in full by card and closed. */
  const closedOrder = async () => {
    const r = await make.newRestaurant();
    const order = await newOrder(r);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active')).body.items;
    const card = methods.find((method: { kind: string }) => method.kind === 'card');
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: card.id, amount: order.total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return order;
  };

  const cancelledOrder = async () => {
    const order = await newOrder(await make.newRestaurant());
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'cancelled', reason: 'guests left' })
      .expect(200);
    return order;
  };

  it.each([
    ['closed', closedOrder],
    ['cancelled', cancelledOrder],
  ])(
    'never moves a %s order again, not even for a manager, and leaves it as it was',
    async (_status, ended) => {
      const order = await ended();
      const before = (await as(t, manager.session).get(`/api/v1/orders/${order.id}`)).body;
      // Every status this route takes: reopening is what a planted bug once let through.
      for (const status of ['open', 'closed', 'cancelled']) {
        const response = await as(t, manager.session)
          .patch(`/api/v1/orders/${order.id}/status`)
          .send({ status, reason: 'second thoughts' });
        expect([status, response.status, response.body.error?.code]).toEqual([
          status,
          409,
          'INVALID_TRANSITION',
        ]);
      }
      expect((await as(t, manager.session).get(`/api/v1/orders/${order.id}`)).body).toEqual(before);
    },
  );

  it('keeps a table occupied while another order is still open on it', async () => {
    const r = await make.newRestaurant();
    const first = await newOrder(r);
    const second = await newOrder(r);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${first.id}/status`)
      .send({ status: 'cancelled', reason: 'merged' })
      .expect(200);
    expect((await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`)).body.status).toBe('occupied');
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${second.id}/status`)
      .send({ status: 'cancelled', reason: 'left' })
      .expect(200);
    expect((await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`)).body.status).toBe('cleaning');
  });
});
