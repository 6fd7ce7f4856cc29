import { Role } from '../src/common/access/role';
import { KitchenService } from '../src/orders/kitchen.service';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories } from './support/factories';
import { openSockets, settle } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

type Restaurant = Awaited<ReturnType<ReturnType<typeof factories>['newRestaurant']>>;
type OrderBody = { id: string; number: number; total: number; items: Array<{ id: string }> } & Record<
  string,
  unknown
>;

describe('Orders and the kitchen', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  let make: ReturnType<typeof factories>;
  const open = openSockets(() => t);

  beforeAll(async () => {
    t = await startTestApp({ SERVICE_CHARGE_RATE: '10' });
    admin = await loginAdmin(t);
    make = factories(t, admin);
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    kitchen = await newStaff(t, Role.Kitchen);
  });

  afterAll(() => t.close());

  async function newOrder(r: Restaurant, by: Session = waiter.session) {
    const response = await as(t, by)
      .post('/api/v1/orders')
      .send({
        type: 'dine_in',
        tableId: r.table.id,
        guests: 2,
        notes: 'window seat',
        items: [
          {
            dishId: r.burger.id,
            variationId: r.burger.variations.find((v) => v.name === 'Double')!.id,
            quantity: 2,
            comment: 'no onions',
          },
          { dishId: r.beer.id, quantity: 2 },
        ],
      });
    expect(response.status).toBe(201);
    return response.body as OrderBody;
  }

  const itemStatus = (session: Session, orderId: string, itemId: string, status: string) =>
    as(t, session).patch(`/api/v1/orders/${orderId}/items/${itemId}/status`).send({ status });

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
      const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active')).body;
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

  describe('items', () => {
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
        [kitchen.session, 'served', 409],
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
  });

  describe('order status', () => {
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
      expect(cancelled.body.items.every((item: { status: string }) => item.status === 'cancelled')).toBe(
        true,
      );
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

  describe('kitchen', () => {
    it('serves tickets per station, oldest first, with only live items of that station', async () => {
      const r = await make.newRestaurant();
      const first = await newOrder(r);
      const second = await newOrder(r);
      await as(t, waiter.session)
        .delete(`/api/v1/orders/${second.id}/items/${second.items[0].id}`)
        .send({})
        .expect(200);
      const grill = await as(t, kitchen.session).get(`/api/v1/kitchen/tickets?stationId=${r.grill.id}`);
      expect(grill.status).toBe(200);
      expect(grill.body.map((o: { id: string }) => o.id)).toEqual([first.id]);
      expect(grill.body[0].items.map((i: { stationId: string }) => i.stationId)).toEqual([r.grill.id]);
      const bar = await as(t, kitchen.session).get(`/api/v1/kitchen/tickets?stationId=${r.bar.id}`);
      expect(bar.body.map((o: { id: string }) => o.id)).toEqual([first.id, second.id]);
      await as(t, waiter.session).get('/api/v1/kitchen/tickets').expect(403);
    });

    it('sends a kitchen socket only orders for its stations, without other stations’ items', async () => {
      const r = await make.newRestaurant();
      const grillScreen = await open({ token: kitchen.session.accessToken, stations: [r.grill.id] });
      const barScreen = await open({ token: kitchen.session.accessToken, stations: [r.bar.id] });
      const allScreen = await open({ token: kitchen.session.accessToken });
      const floor = await open({ token: waiter.session.accessToken });
      const beerOnly = await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
        .expect(201);
      const both = await newOrder(r);

      await barScreen.until((events) => events.filter((e) => e.type === 'order.created').length === 2);
      await grillScreen.until((events) => events.some((e) => e.type === 'order.created'));
      await allScreen.until((events) => events.filter((e) => e.type === 'order.created').length === 2);
      await floor.until((events) => events.filter((e) => e.type === 'order.created').length === 2);
      await settle();
      const grillOrders = grillScreen.received.filter((e) => e.type === 'order.created');
      expect(grillOrders.map((e) => e.data.id)).toEqual([both.id]);
      expect((grillOrders[0].data.items as Array<{ stationId: string }>).map((i) => i.stationId)).toEqual([
        r.grill.id,
      ]);
      const barBoth = barScreen.received.find((e) => e.type === 'order.created' && e.data.id === both.id)!;
      expect((barBoth.data.items as Array<{ stationId: string }>).map((i) => i.stationId)).toEqual([
        r.bar.id,
      ]);
      expect((allScreen.received.find((e) => e.data.id === both.id)!.data.items as unknown[]).length).toBe(2);
      expect(floor.received.find((e) => e.data.id === beerOnly.body.id)).toBeDefined();

      await itemStatus(kitchen.session, both.id, both.items[0].id, 'in_progress').expect(200);
      await grillScreen.until((events) => events.some((e) => e.type === 'order.item_status_changed'));
      const change = grillScreen.received.find((e) => e.type === 'order.item_status_changed')!;
      expect(change.data).toMatchObject({ id: both.id, itemId: both.items[0].id, previousStatus: 'new' });
      await floor.until((events) =>
        events.some((e) => e.type === 'order.status_changed' && e.data.id === both.id),
      );
      expect(floor.received.find((e) => e.type === 'order.status_changed')!.data).toMatchObject({
        status: 'in_progress',
        previousStatus: 'open',
      });
    });

    it('raises order.delayed once for items cooking past their prep time', async () => {
      const r = await make.newRestaurant();
      const order = await newOrder(r);
      const floor = await open({ token: waiter.session.accessToken });
      const delays = t.app.get(KitchenService);
      t.clock.advance(3 * 60_000);
      try {
        await delays.raiseDelays();
        await settle(200);
        const beerLate = floor.received.filter((e) => e.type === 'order.delayed' && e.data.id === order.id);
        expect(beerLate).toHaveLength(1);
        expect(beerLate[0].data.itemIds).toEqual([order.items[1].id]);
        t.clock.advance(10 * 60_000);
        await delays.raiseDelays();
        await delays.raiseDelays();
        await floor.until(
          (events) => events.filter((e) => e.type === 'order.delayed' && e.data.id === order.id).length === 2,
        );
        await settle(200);
        const all = floor.received.filter((e) => e.type === 'order.delayed' && e.data.id === order.id);
        expect(all.map((e) => e.data.itemIds)).toEqual([[order.items[1].id], [order.items[0].id]]);
      } finally {
        t.clock.advance(-13 * 60_000);
      }
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

    it('keeps creating orders from the kitchen', async () => {
      const r = await make.newRestaurant();
      const response = await as(t, kitchen.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] });
      expect(response.status).toBe(403);
    });
  });
});
