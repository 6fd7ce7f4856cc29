import { as, NewStaff, Session } from './support/clients';
import { OrdersApp, orderCalls, startOrdersApp } from './support/orders-fixture';
import { TestApp } from './support/test-app';

describe('Orders through a service', () => {
  let t: TestApp;
  let admin: Session;
  let make: OrdersApp['make'];
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  const { newOrder, itemStatus } = orderCalls(
    () => t,
    () => waiter.session,
  );

  beforeAll(async () => {
    ({ t, admin, make, waiter, manager, kitchen } = await startOrdersApp());
  });

  afterAll(() => t.close());

  describe('a whole service: seat, order, cook, serve, pay, close', () => {
    it('walks an order from the table to closed, with the table following', async () => {
      const r = await make.newRestaurant();
      const order = await newOrder(r);
      expect(order).toMatchObject({
        number: expect.any(Number),
        type: 'dine_in',
        source: 'staff',
        status: 'open',
        tableId: r.table.id,
        waiterId: waiter.id,
        guests: 2,
        subtotal: 2 * 1650 + 2 * 550,
        serviceCharge: 440,
        total: 4840,
        paid: 0,
        due: 4840,
        paymentStatus: 'unpaid',
        version: 1,
      });
      expect(order.items).toEqual([
        expect.objectContaining({
          name: r.burger.name,
          variationName: 'Double',
          unitPrice: 1650,
          quantity: 2,
          comment: 'no onions',
          status: 'new',
          stationId: r.grill.id,
          total: 3300,
          firedAt: expect.any(String),
        }),
        expect.objectContaining({
          name: r.beer.name,
          variationName: 'Regular',
          unitPrice: 550,
          status: 'new',
          stationId: r.bar.id,
        }),
      ]);
      expect((await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`)).body.status).toBe('occupied');

      const [burger, beer] = order.items;
      await itemStatus(kitchen.session, order.id, burger.id, 'in_progress').expect(200);
      let current = (await as(t, waiter.session).get(`/api/v1/orders/${order.id}`)).body;
      expect(current.status).toBe('in_progress');
      expect(current.items[0].startedAt).toEqual(expect.any(String));
      await itemStatus(kitchen.session, order.id, burger.id, 'ready').expect(200);
      await itemStatus(kitchen.session, order.id, beer.id, 'ready').expect(200);
      current = (await as(t, waiter.session).get(`/api/v1/orders/${order.id}`)).body;
      expect(current.status).toBe('ready');
      await itemStatus(waiter.session, order.id, burger.id, 'served').expect(200);
      await itemStatus(waiter.session, order.id, beer.id, 'served').expect(200);
      current = (await as(t, waiter.session).get(`/api/v1/orders/${order.id}`)).body;
      expect(current.status).toBe('served');
      expect(current.items.every((item: { servedAt: string | null }) => item.servedAt)).toBe(true);

      await as(t, waiter.session)
        .patch(`/api/v1/orders/${order.id}/status`)
        .send({ status: 'closed' })
        .expect(409);
      const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active')).body.items;
      const cash = methods.find((m: { kind: string }) => m.kind === 'cash');
      const card = methods.find((m: { kind: string }) => m.kind === 'card');
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: card.id, amount: 2000 })
        .expect(201);
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: card.id, amount: 1000, tip: 200 })
        .expect(201);
      const last = await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: cash.id, amount: 2000 });
      expect(last.status).toBe(201);
      expect(last.body).toMatchObject({ amount: 1840, tendered: 2000, change: 160 });

      const closed = await as(t, waiter.session)
        .patch(`/api/v1/orders/${order.id}/status`)
        .send({ status: 'closed' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        paid: 4840,
        due: 0,
        paymentStatus: 'paid',
        closedAt: expect.any(String),
      });
      expect((await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`)).body.status).toBe('cleaning');
    });
  });

  describe('validation', () => {
    it('rejects unknown dishes, unavailable items, bad quantities and unknown tables with 422, writing nothing', async () => {
      const r = await make.newRestaurant();
      await as(t, manager.session)
        .patch(`/api/v1/dishes/${r.fries.id}/availability`)
        .send({ available: false })
        .expect(200);
      const before = (await as(t, admin).get('/api/v1/orders?perPage=1')).body.total;
      const cases: Array<[object, string]> = [
        [
          { type: 'dine_in', tableId: r.table.id, items: [{ dishId: 'nope', quantity: 1 }] },
          'items[0].dishId',
        ],
        [
          { type: 'dine_in', tableId: r.table.id, items: [{ dishId: r.fries.id, quantity: 1 }] },
          'items[0].dishId',
        ],
        [
          { type: 'dine_in', tableId: r.table.id, items: [{ dishId: r.burger.id, quantity: 1 }] },
          'items[0].variationId',
        ],
        [
          { type: 'dine_in', tableId: r.table.id, items: [{ dishId: r.beer.id, quantity: 0 }] },
          'items[0].quantity',
        ],
        [
          { type: 'dine_in', tableId: r.table.id, items: [{ dishId: r.beer.id, quantity: 100 }] },
          'items[0].quantity',
        ],
        [{ type: 'dine_in', tableId: 'nope', items: [{ dishId: r.beer.id, quantity: 1 }] }, 'tableId'],
        [{ type: 'dine_in', items: [{ dishId: r.beer.id, quantity: 1 }] }, 'tableId'],
        [{ type: 'dine_in', tableId: r.table.id, items: [] }, 'items'],
        [{ type: 'dine_in', tableId: r.table.id, items: [[]] }, 'items'],
        [{ type: 'picnic', tableId: r.table.id, items: [{ dishId: r.beer.id, quantity: 1 }] }, 'type'],
      ];
      for (const [body, field] of cases) {
        const response = await as(t, waiter.session).post('/api/v1/orders').send(body);
        expect([response.status, response.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
        expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      await as(t, manager.session)
        .patch(`/api/v1/dishes/${r.beer.id}/variations/${r.beer.variations[0].id}/availability`)
        .send({ available: false })
        .expect(200);
      const unavailableVariation = await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] });
      expect(unavailableVariation.status).toBe(422);
      expect((await as(t, admin).get('/api/v1/orders?perPage=1')).body.total).toBe(before);
      expect((await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`)).body.status).toBe('free');
    });

    it('copies name and price at order time: a later menu change does not alter the order', async () => {
      const r = await make.newRestaurant();
      const order = await newOrder(r);
      await as(t, admin)
        .patch(`/api/v1/dishes/${r.beer.id}/variations/${r.beer.variations[0].id}`)
        .send({ price: 990 })
        .expect(200);
      await as(t, admin).patch(`/api/v1/dishes/${r.beer.id}`).send({ name: 'Craft beer' }).expect(200);
      const after = (await as(t, waiter.session).get(`/api/v1/orders/${order.id}`)).body;
      expect(after.items[1]).toMatchObject({ name: r.beer.name, unitPrice: 550 });
      expect(after.total).toBe(order.total);
    });
  });

  describe('lists and roles', () => {
    it('lists orders newest first with filters, for staff', async () => {
      const r = await make.newRestaurant();
      const a = await newOrder(r);
      const b = await newOrder(r);
      const list = await as(t, kitchen.session).get(`/api/v1/orders?tableId=${r.table.id}&status=open`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([b.id, a.id]);
      expect(list.body.total).toBe(2);
      expect(b.number).toBe(a.number + 1);
    });

    it('filters by a half-open period: from is in, to is out', async () => {
      const r = await make.newRestaurant();
      const order = await newOrder(r);
      const created = encodeURIComponent(order.createdAt as string);
      const later = encodeURIComponent(new Date(Date.parse(order.createdAt as string) + 1).toISOString());
      const ids = async (query: string) =>
        (
          (await as(t, kitchen.session).get(`/api/v1/orders?tableId=${r.table.id}&${query}`).expect(200)).body
            .items as Array<{ id: string }>
        ).map((o) => o.id);
      expect(await ids(`from=${created}&to=${later}`)).toEqual([order.id]);
      expect(await ids(`from=${created}`)).toEqual([order.id]);
      expect(await ids(`to=${created}`)).toEqual([]);
      expect(await ids(`from=${later}&to=${later}`)).toEqual([]);
      expect(await ids(`from=${encodeURIComponent('2020-01-01T00:00:00.000Z')}&to=${created}`)).toEqual([]);
    });

    it('restarts ticket numbers at 05:00 local time, on the night the clocks go forward', async () => {
      const r = await make.newRestaurant();
      let shifted = 0;
      const setClock = (utc: string) => {
        const shift = Date.parse(utc) - t.clock.now().getTime();
        t.clock.advance(shift);
        shifted += shift;
      };
      try {
        // Berlin moved from UTC+1 to UTC+2 at 01:00 UTC on 2026-03-29: 05:00 local is 03:00 UTC.
        setClock('2026-03-29T02:58:00Z');
        const lateFirst = await newOrder(r);
        const lateSecond = await newOrder(r);
        setClock('2026-03-29T03:00:30Z');
        const early = await newOrder(r);
        expect([lateFirst, lateSecond, early].map((order) => [order.businessDay, order.number])).toEqual([
          ['2026-03-28', 1],
          ['2026-03-28', 2],
          ['2026-03-29', 1],
        ]);
      } finally {
        t.clock.advance(-shifted);
      }
    });

    it('keeps the kitchen from creating orders', async () => {
      const r = await make.newRestaurant();
      const response = await as(t, kitchen.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] });
      expect(response.status).toBe(403);
    });
  });
});
