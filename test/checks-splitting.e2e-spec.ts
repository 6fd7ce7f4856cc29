import { randomUUID } from 'node:crypto';
import { checkHelpers, ItemBody, Method, moneyOf, setUpChecks, sumOf } from './support/checks-fixture';
import { NewStaff, Session } from './support/clients';
import type { factories } from './support/factories';
import type { Json } from './support/menu-fixture';
import { Envelope, openSockets } from './support/sockets';
import type { TestApp } from './support/test-app';

describe('Table service: splitting checks', () => {
  let t: TestApp;
  let admin: Session;
  let make: ReturnType<typeof factories>;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  let card: Method;
  const open = openSockets(() => t);
  const { api, double, order, seated, split, get, auditOf, pay } = checkHelpers(() => ({
    t,
    admin,
    make,
    waiter,
    manager,
    kitchen,
    card,
  }));

  beforeAll(async () => {
    ({ t, admin, make, waiter, manager, kitchen, card } = await setUpChecks());
  });

  afterAll(() => t.close());

  describe('splitting', () => {
    it('splits by seat: each seat but the lowest gets a new order on the same table, numbers to the cent', async () => {
      const r = await make.newRestaurant();
      const created = await seated(r);
      expect(moneyOf(created)).toEqual({
        subtotal: 5400,
        discount: 0,
        serviceCharge: 540,
        tax: 527,
        total: 6467,
      });
      const barScreen = await open({ token: kitchen.session.accessToken, stations: [r.bar.id] });
      const floor = await open({ token: waiter.session.accessToken });
      const response = await split(created.id, { by: 'seat' });
      expect(response.status).toBe(201);
      const [original, seat2, seat3] = response.body.orders as Json[];
      expect(response.body.orders).toHaveLength(3);
      expect(original.items.map((item: ItemBody) => [item.name, item.seat])).toEqual([
        [r.burger.name, 1],
        [r.beer.name, null],
      ]);
      expect(seat2.items.map((item: ItemBody) => [item.id, item.quantity, item.seat])).toEqual([
        [created.items[1].id, 2, 2],
      ]);
      expect(seat3.items.map((item: ItemBody) => item.id)).toEqual([created.items[2].id]);
      expect(moneyOf(original)).toEqual({
        subtotal: 3850,
        discount: 0,
        serviceCharge: 385,
        tax: 376,
        total: 4611,
      });
      expect(moneyOf(seat2)).toEqual({
        subtotal: 1100,
        discount: 0,
        serviceCharge: 110,
        tax: 107,
        total: 1317,
      });
      expect(moneyOf(seat3)).toEqual({ subtotal: 450, discount: 0, serviceCharge: 45, tax: 44, total: 539 });
      expect(sumOf([original, seat2, seat3])).toEqual(moneyOf(created));
      for (const part of [seat2, seat3]) {
        expect(part).toMatchObject({
          tableId: r.table.id,
          type: 'dine_in',
          source: 'staff',
          waiterId: waiter.id,
          guests: 3,
          notes: 'by the window',
          businessDay: created.businessDay,
          status: 'open',
          version: 1,
        });
        expect(part.number).toBeGreaterThan(created.number);
      }
      expect(seat3.number).toBe(seat2.number + 1);
      expect(original.version).toBe(created.version + 1);
      // The bar hears its beers leave the original and arrive on the seat-2 order; the fries are not its business.
      await barScreen.until((events) =>
        events.some((e) => e.type === 'order.created' && e.data.id === seat2.id),
      );
      const barEvents = barScreen.received.map((e) => [e.type, e.data.id]);
      expect(barEvents).toEqual([
        ['order.updated', created.id],
        ['order.created', seat2.id],
      ]);
      await floor.until((events) => events.filter((e) => e.type === 'order.created').length === 2);
      expect((await get(seat2.id)).items[0].id).toBe(created.items[1].id);
      const [audit] = (await auditOf('order.split')).filter((row) => row.entity_id === created.id);
      expect(JSON.parse(audit.after)).toMatchObject({
        by: 'seat',
        orders: [
          { orderId: seat2.id, items: [{ itemId: created.items[1].id, quantity: 2 }] },
          { orderId: seat3.id, items: [{ itemId: created.items[2].id, quantity: 1 }] },
        ],
      });
      expect(audit.actor_user_id).toBe(waiter.id);
    });

    it('splits by items, dividing a line when only part of it moves, a percent discount going along', async () => {
      const r = await make.newRestaurant();
      const created = await order(r, [
        { dishId: r.burger.id, variationId: double(r), quantity: 3 },
        { dishId: r.beer.id, quantity: 2 },
      ]);
      expect(created.total).toBe(7245);
      await api(manager.session)
        .post(`/api/v1/orders/${created.id}/discount`)
        .send({ kind: 'percent', value: 12.5, reason: 'regulars' })
        .expect(200);
      const discounted = await get(created.id);
      const [burgers, beers] = created.items;
      const response = await split(created.id, {
        by: 'items',
        items: [
          { itemId: burgers.id, quantity: 1 },
          { itemId: beers.id, quantity: 2 },
        ],
      });
      expect(response.status).toBe(201);
      const [original, part] = response.body.orders as Json[];
      expect(original.items.map((item: ItemBody) => [item.id, item.quantity])).toEqual([[burgers.id, 2]]);
      expect(part.items).toHaveLength(2);
      expect(part.items[0]).toMatchObject({ name: burgers.name, quantity: 1, unitPrice: 1650, total: 1650 });
      expect(part.items[0].id).not.toBe(burgers.id);
      expect(part.items[1]).toMatchObject({ id: beers.id, quantity: 2 });
      expect(part.discountDetail).toEqual({ kind: 'percent', value: 12.5, reason: 'regulars' });
      expect(sumOf([original, part])).toEqual(moneyOf(discounted));
      // 12.5 % of 6050 is 756, spread 619 / 137 over the burgers and the beers; the burger line's 619 divides
      // 413 / 206 between the two burgers that stay and the one that goes (docs/money.md).
      expect(moneyOf(part)).toEqual({
        subtotal: 2750,
        discount: 343,
        serviceCharge: 240,
        tax: 235,
        total: 2882,
      });
    });

    it('splits evenly: the food stays, parts differ by at most a cent and add up, and merge back exactly', async () => {
      const r = await make.newRestaurant();
      const created = await order(r, [
        { dishId: r.burger.id, variationId: double(r), quantity: 3 },
        { dishId: r.beer.id, quantity: 2 },
      ]);
      const grillScreen = await open({ token: kitchen.session.accessToken, stations: [r.grill.id] });
      const response = await split(created.id, { by: 'even', parts: 3 });
      expect(response.status).toBe(201);
      const parts = response.body.orders as Json[];
      expect(parts.map((part) => part.total as number)).toEqual([2415, 2415, 2415]);
      expect(sumOf(parts)).toEqual(moneyOf(created));
      expect(parts[0].items.map((item: ItemBody) => item.id)).toEqual(
        created.items.map((item: ItemBody) => item.id),
      );
      expect(parts[1].items).toEqual([]);
      expect(parts[0].shares).toEqual([
        expect.objectContaining({
          direction: 'out',
          fromOrderId: created.id,
          toOrderId: parts[1].id,
          part: 2,
          parts: 3,
          total: 2415,
        }),
        expect.objectContaining({
          direction: 'out',
          fromOrderId: created.id,
          toOrderId: parts[2].id,
          part: 3,
          parts: 3,
          total: 2415,
        }),
      ]);
      expect(parts[2].shares).toEqual([
        expect.objectContaining({ id: parts[0].shares[1].id, direction: 'in', part: 3, total: 2415 }),
      ]);
      // The kitchen sees no new ticket: the original's update arrives, and no order.created before the marker.
      const marker = await api()
        .post(`/api/v1/orders/${created.id}/items`)
        .send({ items: [{ dishId: r.fries.id, quantity: 1 }] })
        .expect(201);
      const before = await grillScreen.receivedBefore(
        (e) => e.type === 'order.updated' && e.data.version === marker.body.version,
      );
      expect(before.map((e: Envelope) => [e.type, e.data.id])).toEqual([['order.updated', created.id]]);
      const tickets = await api(kitchen.session).get('/api/v1/kitchen/tickets').expect(200);
      expect(
        tickets.body.items.filter(
          (ticket: Json) => ticket.id !== created.id && parts.some((p) => p.id === ticket.id),
        ),
      ).toEqual([]);
      // The added fries are all on the original; removing them again brings part 1 back.
      await api()
        .delete(`/api/v1/orders/${created.id}/items/${marker.body.items[2].id}`)
        .send({})
        .expect(200);
      // A part may not be cancelled or discounted while it holds a share: its money would vanish.
      const cancel = await api()
        .patch(`/api/v1/orders/${parts[1].id}/status`)
        .send({ status: 'cancelled', reason: 'x' });
      expect(cancel.status).toBe(409);
      const merged = await api()
        .post(`/api/v1/orders/${parts[1].id}/merge`)
        .send({ fromOrderIds: [created.id, parts[2].id] });
      expect(merged.status).toBe(200);
      const [target, ...emptied] = merged.body.orders as Json[];
      expect(moneyOf(target)).toEqual(moneyOf(created));
      expect(target.shares).toEqual([]);
      expect(target.items.map((item: ItemBody) => item.id)).toEqual(
        [...created.items, marker.body.items[2]].map((item: ItemBody) => item.id),
      );
      for (const order of emptied)
        expect(order).toMatchObject({ status: 'cancelled', cancelReason: 'merged', total: 0, items: [] });
    });

    it('keeps payments where they were made, and refuses to move items that were paid for', async () => {
      const r = await make.newRestaurant();
      const created = await seated(r);
      await pay(created.id, 5000, 300);
      const paidSeat = await split(created.id, { by: 'seat' });
      expect(paidSeat.status).toBe(409);
      expect(paidSeat.body.error).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/already paid for/),
      });
      const even = await split(created.id, { by: 'even', parts: 2 });
      expect(even.status).toBe(409);
      const fries = await split(created.id, {
        by: 'items',
        items: [{ itemId: created.items[2].id, quantity: 1 }],
      });
      expect(fries.status).toBe(201);
      const [original, part] = fries.body.orders as Json[];
      expect(original).toMatchObject({ paid: 5000, total: 5928, due: 928, paymentStatus: 'partially_paid' });
      expect(part).toMatchObject({ paid: 0, total: 539, paymentStatus: 'unpaid' });
      const payments = await t.dataSource.query(
        `SELECT order_id FROM payments WHERE order_id IN ('${original.id}', '${part.id}')`,
      );
      expect(payments).toEqual([{ order_id: original.id }]);
      expect((await get(created.id)).items).toHaveLength(3);
    });

    it('sends the part of an amount discount a split’s lines carry along with them, and a merge brings it back', async () => {
      const r = await make.newRestaurant();
      const created = await seated(r);
      await api(manager.session)
        .post(`/api/v1/orders/${created.id}/discount`)
        .send({ kind: 'amount', value: 4000, reason: 'voucher' })
        .expect(200);
      const discounted = await get(created.id);
      const response = await split(created.id, {
        by: 'items',
        items: [{ itemId: created.items[0].id, quantity: 1 }],
      });
      expect(response.status).toBe(201);
      const [original, part] = response.body.orders as Json[];
      // 4000 spread over 3300, 1100, 450 and 550 gives the burgers 2445, divided 1223 / 1222 between them.
      expect(part.discountDetail).toMatchObject({ kind: 'amount', value: 1222 });
      expect(part.discount).toBe(1222);
      expect(original.discountDetail).toMatchObject({ kind: 'amount', value: 2778 });
      expect(original.discount).toBe(2778);
      expect(sumOf([original, part])).toEqual(moneyOf(discounted));
      const merged = await api()
        .post(`/api/v1/orders/${part.id}/merge`)
        .send({ fromOrderIds: [original.id] })
        .expect(200);
      expect(merged.body.orders[0].discountDetail).toMatchObject({ kind: 'amount', value: 4000 });
      expect(moneyOf(merged.body.orders[0])).toEqual(moneyOf(discounted));
      expect(merged.body.orders[0].taxes).toEqual(discounted.taxes);
    });

    it('checks If-Match on the order, replays an Idempotency-Key, and refuses nothing to split', async () => {
      const r = await make.newRestaurant();
      const created = await seated(r);
      const stale = await split(
        created.id,
        { by: 'even', parts: 2 },
        { 'If-Match': String(created.version + 1) },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      expect(stale.body.error.details).toMatchObject({ id: created.id, version: created.version });
      const key = randomUUID();
      const first = await split(
        created.id,
        { by: 'even', parts: 2 },
        { 'Idempotency-Key': key, 'If-Match': String(created.version) },
      );
      expect(first.status).toBe(201);
      const replay = await split(
        created.id,
        { by: 'even', parts: 2 },
        { 'Idempotency-Key': key, 'If-Match': String(created.version) },
      );
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      const onTable = await api().get(`/api/v1/orders?tableId=${r.table.id}`).expect(200);
      expect(onTable.body.total).toBe(2);
      const bad = await split(created.id, { by: 'even', parts: 21 });
      expect(bad.status).toBe(422);
      const noItems = await split(created.id, { by: 'items' });
      expect(noItems.status).toBe(422);
      const lone = await order(r, [{ dishId: r.beer.id, quantity: 1, seat: 2 }]);
      const nothing = await split(lone.id, { by: 'seat' });
      expect(nothing.status).toBe(409);
      const unknown = await split(lone.id, {
        by: 'items',
        items: [{ itemId: created.items[0].id, quantity: 1 }],
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.details[0].field).toBe('items[0].itemId');
    });
  });
});
