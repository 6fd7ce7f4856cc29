import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { Json } from './support/menu-fixture';
import { Envelope, openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

type Method = { id: string; kind: string };

interface ItemBody {
  id: string;
  name: string;
  quantity: number;
  seat: number | null;
}

const MONEY = ['subtotal', 'discount', 'serviceCharge', 'tax', 'total'] as const;
const moneyOf = (order: Json) => Object.fromEntries(MONEY.map((key) => [key, order[key]]));
const sumOf = (orders: Json[]) =>
  Object.fromEntries(
    MONEY.map((key) => [key, orders.reduce((sum: number, order: Json) => sum + Number(order[key]), 0)]),
  );

/** Runs of the property through the API: each is a random order, split, merged back. */
const API_RUNS = 20;

describe('Table service: seats, splitting, moving and merging checks', () => {
  let t: TestApp;
  let admin: Session;
  let make: ReturnType<typeof factories>;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  let card: Method;
  const open = openSockets(() => t);

  beforeAll(async () => {
    // Tax on top at 8.875 % and a 10 % service charge: amounts that round on nearly every unit.
    t = await startTestApp({ TAX_RATE: '8.875', PRICES_INCLUDE_TAX: 'false', SERVICE_CHARGE_RATE: '10' });
    admin = await loginAdmin(t);
    make = factories(t, admin);
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    kitchen = await newStaff(t, Role.Kitchen);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Method[];
    card = methods.find((method) => method.kind === 'card')!;
  });

  afterAll(() => t.close());

  const api = (session: Session = waiter.session) => as(t, session);
  const double = (r: Restaurant) => r.burger.variations.find((v) => v.name === 'Double')!.id;

  async function order(r: Restaurant, items: object[], extra: object = {}): Promise<Json> {
    const response = await api()
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: r.table.id, guests: 3, notes: 'by the window', items, ...extra });
    expect(response.status).toBe(201);
    return response.body;
  }

  /** Two double burgers at seat 1, two beers at seat 2, fries at seat 3, a beer for the table. */
  const seated = (r: Restaurant) =>
    order(r, [
      { dishId: r.burger.id, variationId: double(r), quantity: 2, seat: 1 },
      { dishId: r.beer.id, quantity: 2, seat: 2 },
      { dishId: r.fries.id, quantity: 1, seat: 3 },
      { dishId: r.beer.id, quantity: 1 },
    ]);

  const split = (id: string, body: object, headers: Record<string, string> = {}) =>
    api().post(`/api/v1/orders/${id}/split`).set(headers).send(body);
  const get = async (id: string): Promise<Json> => (await api().get(`/api/v1/orders/${id}`).expect(200)).body;
  const auditOf = (
    action: string,
  ): Promise<Array<{ entity_id: string; actor_user_id: string; after: string }>> =>
    t.dataSource.query(`SELECT entity_id, actor_user_id, after FROM audit_log WHERE action = '${action}'`);
  const pay = (id: string, amount: number, tip = 0) =>
    api().post(`/api/v1/orders/${id}/payments`).send({ methodId: card.id, amount, tip }).expect(201);

  describe('seats', () => {
    it('takes a seat from 1 to guests on a line, and refuses one without guests or beyond them', async () => {
      const r = await make.newRestaurant();
      const created = await seated(r);
      expect(created.items.map((item: ItemBody) => item.seat)).toEqual([1, 2, 3, null]);
      const beyond = await api()
        .post('/api/v1/orders')
        .send({
          type: 'dine_in',
          tableId: r.table.id,
          guests: 2,
          items: [{ dishId: r.beer.id, quantity: 1, seat: 3 }],
        });
      expect(beyond.status).toBe(422);
      expect(beyond.body.error.details).toEqual([
        { field: 'items[0].seat', message: expect.stringMatching(/guests \(2\)/) },
      ]);
      const noGuests = await api()
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1, seat: 1 }] });
      expect(noGuests.status).toBe(422);
      expect(noGuests.body.error.details[0].field).toBe('items[0].seat');
      const added = await api()
        .post(`/api/v1/orders/${created.id}/items`)
        .send({ items: [{ dishId: r.fries.id, quantity: 1, seat: 4 }] });
      expect(added.status).toBe(422);
      expect((await get(created.id)).items).toHaveLength(4);
    });

    it('moves a started item to another seat or none, audited, and refuses a seat beyond the guests', async () => {
      const r = await make.newRestaurant();
      const created = await seated(r);
      const burger = created.items[0];
      await api(kitchen.session)
        .patch(`/api/v1/orders/${created.id}/items/${burger.id}/status`)
        .send({ status: 'in_progress' })
        .expect(200);
      const moved = await api().patch(`/api/v1/orders/${created.id}/items/${burger.id}`).send({ seat: 3 });
      expect(moved.status).toBe(200);
      expect(moved.body.items[0]).toMatchObject({ seat: 3, status: 'in_progress' });
      const cleared = await api()
        .patch(`/api/v1/orders/${created.id}/items/${burger.id}`)
        .send({ seat: null });
      expect(cleared.body.items[0].seat).toBeNull();
      const beyond = await api().patch(`/api/v1/orders/${created.id}/items/${burger.id}`).send({ seat: 4 });
      expect(beyond.status).toBe(422);
      expect(beyond.body.error.details).toEqual([{ field: 'seat', message: expect.any(String) }]);
      // Quantity still only while new.
      const quantity = await api()
        .patch(`/api/v1/orders/${created.id}/items/${burger.id}`)
        .send({ quantity: 1 });
      expect(quantity.status).toBe(409);
      const audit = (await auditOf('order_item.seat_changed')).filter((row) => row.entity_id === burger.id);
      expect(audit.map((row) => JSON.parse(row.after) as unknown)).toEqual([
        { orderId: created.id, seat: 3 },
        { orderId: created.id, seat: null },
      ]);
      expect(audit[0].actor_user_id).toBe(waiter.id);
    });
  });

  describe('splitting', () => {
    it('splits by seat: each seat but the lowest gets a new order on the same table, numbers to the cent', async () => {
      const r = await make.newRestaurant();
      const created = await seated(r);
      expect(moneyOf(created)).toEqual({
        subtotal: 5400,
        discount: 0,
        serviceCharge: 540,
        tax: 528,
        total: 6468,
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
        tax: 108,
        total: 1318,
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
      expect(created.total).toBe(7246);
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
      expect(moneyOf(part)).toEqual({
        subtotal: 2750,
        discount: 344,
        serviceCharge: 240,
        tax: 235,
        total: 2881,
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
      expect(parts.map((part) => part.total as number)).toEqual([2416, 2415, 2415]);
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
      expect(original).toMatchObject({ paid: 5000, total: 5929, due: 929, paymentStatus: 'partially_paid' });
      expect(part).toMatchObject({ paid: 0, total: 539, paymentStatus: 'unpaid' });
      const payments = await t.dataSource.query(
        `SELECT order_id FROM payments WHERE order_id IN ('${original.id}', '${part.id}')`,
      );
      expect(payments).toEqual([{ order_id: original.id }]);
      expect((await get(created.id)).items).toHaveLength(3);
    });

    it('keeps an amount discount whole on the original and refuses a split that would leave it too little', async () => {
      const r = await make.newRestaurant();
      const created = await seated(r);
      await api(manager.session)
        .post(`/api/v1/orders/${created.id}/discount`)
        .send({ kind: 'amount', value: 4000, reason: 'voucher' })
        .expect(200);
      const tooMuch = await split(created.id, {
        by: 'items',
        items: [{ itemId: created.items[0].id, quantity: 1 }],
      });
      expect(tooMuch.status).toBe(409);
      expect(tooMuch.body.error.message).toMatch(/remove or re-give the discount/);
      const discounted = await get(created.id);
      const ok = await split(created.id, {
        by: 'items',
        items: [{ itemId: created.items[2].id, quantity: 1 }],
      });
      expect(ok.status).toBe(201);
      const [original, part] = ok.body.orders as Json[];
      expect(original.discountDetail).toMatchObject({ kind: 'amount', value: 4000 });
      expect(part.discountDetail).toBeNull();
      expect(sumOf([original, part])).toEqual(moneyOf(discounted));
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

  describe('moving', () => {
    it('moves an order to another table: statuses follow, the kitchen sees it at the new table', async () => {
      const r = await make.newRestaurant();
      const other = await make.newTable(`Other ${Math.random().toString(36).slice(2, 7)}`);
      const created = await seated(r);
      const grillScreen = await open({ token: kitchen.session.accessToken, stations: [r.grill.id] });
      const floor = await open({ token: waiter.session.accessToken });
      const unknown = await api().post(`/api/v1/orders/${created.id}/move`).send({ tableId: randomUUID() });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.details[0].field).toBe('tableId');
      const moved = await api().post(`/api/v1/orders/${created.id}/move`).send({ tableId: other.id });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ tableId: other.id, version: created.version + 1 });
      const tables = async (id: string): Promise<string> =>
        (await api().get(`/api/v1/tables/${id}`).expect(200)).body.status as string;
      expect(await tables(r.table.id)).toBe('cleaning');
      expect(await tables(other.id)).toBe('occupied');
      await grillScreen.until((events) => events.some((e) => e.type === 'order.updated'));
      expect(grillScreen.received.find((e) => e.type === 'order.updated')!.data).toMatchObject({
        id: created.id,
        tableId: other.id,
      });
      await floor.until((events) => events.filter((e) => e.type === 'table.status_changed').length === 2);
      const [audit] = (await auditOf('order.moved')).filter((row) => row.entity_id === created.id);
      expect(JSON.parse(audit.after)).toEqual({ tableId: other.id });
      // The guests of the new table now follow it: its status changes reach their QR screen.
      const guest = await open({ qrToken: other.qrToken });
      await api(kitchen.session)
        .patch(`/api/v1/orders/${created.id}/items/${created.items[0].id}/status`)
        .send({ status: 'in_progress' })
        .expect(200);
      await guest.until((events) =>
        events.some((e) => e.type === 'order.status_changed' && e.data.id === created.id),
      );
    });

    it('moves items between open orders: both get order.updated, the stations of moved items hear both', async () => {
      const r = await make.newRestaurant();
      const source = await seated(r);
      const target = await order(r, [{ dishId: r.fries.id, quantity: 1 }], { guests: 1 });
      const barScreen = await open({ token: kitchen.session.accessToken, stations: [r.bar.id] });
      const moved = await api()
        .post(`/api/v1/orders/${source.id}/items/move`)
        .send({ toOrderId: target.id, items: [{ itemId: source.items[1].id, quantity: 1 }] });
      expect(moved.status).toBe(200);
      const [from, to] = moved.body.orders as Json[];
      expect(from.items[1]).toMatchObject({ id: source.items[1].id, quantity: 1 });
      expect(to.items.map((item: ItemBody) => [item.name, item.quantity, item.seat])).toEqual([
        [r.fries.name, 1, null],
        [r.beer.name, 1, 2],
      ]);
      expect(to.guests).toBe(2);
      expect(sumOf([from, to]).subtotal).toBe(source.subtotal + target.subtotal);
      await barScreen.until((events) => events.filter((e) => e.type === 'order.updated').length === 2);
      expect(barScreen.received.map((e) => [e.type, e.data.id])).toEqual([
        ['order.updated', source.id],
        ['order.updated', target.id],
      ]);
      const self = await api()
        .post(`/api/v1/orders/${source.id}/items/move`)
        .send({ toOrderId: source.id, items: [{ itemId: source.items[0].id, quantity: 1 }] });
      expect(self.status).toBe(422);
      const missing = await api()
        .post(`/api/v1/orders/${source.id}/items/move`)
        .send({ toOrderId: randomUUID(), items: [{ itemId: source.items[0].id, quantity: 1 }] });
      expect(missing.status).toBe(422);
      expect(missing.body.error.details[0].field).toBe('toOrderId');
      expect((await auditOf('order.items_moved')).filter((row) => row.entity_id === source.id)).toHaveLength(
        1,
      );
    });
  });

  describe('merging', () => {
    it('folds orders in: payments follow, the emptied orders end cancelled `merged`, their table follows', async () => {
      const r = await make.newRestaurant();
      const other = await make.newTable(`Bar ${Math.random().toString(36).slice(2, 7)}`);
      const target = await seated(r);
      const source = await order(r, [{ dishId: r.beer.id, quantity: 2 }], { tableId: other.id, guests: 1 });
      const payment = await pay(source.id, 500, 50);
      const floor = await open({ token: waiter.session.accessToken });
      const merged = await api()
        .post(`/api/v1/orders/${target.id}/merge`)
        .send({ fromOrderIds: [source.id] });
      expect(merged.status).toBe(200);
      const [into, emptied] = merged.body.orders as Json[];
      expect(into).toMatchObject({ paid: 500, due: into.total - 500, paymentStatus: 'partially_paid' });
      expect(into.items.slice(-1)[0]).toMatchObject({ id: source.items[0].id, quantity: 2 });
      expect(into.subtotal).toBe(target.subtotal + source.subtotal);
      expect(emptied).toMatchObject({ status: 'cancelled', cancelReason: 'merged', paid: 0, items: [] });
      const [row] = await t.dataSource.query(
        `SELECT order_id, business_day FROM payments WHERE id = '${payment.body.id}'`,
      );
      expect(row).toEqual({ order_id: target.id, business_day: target.businessDay });
      expect((await api().get(`/api/v1/tables/${other.id}`).expect(200)).body.status).toBe('cleaning');
      await floor.until((events) =>
        events.some((e) => e.type === 'order.status_changed' && e.data.id === source.id),
      );
      const changed = floor.received.find((e) => e.type === 'order.status_changed')!;
      expect(changed.data).toMatchObject({
        status: 'cancelled',
        previousStatus: 'open',
        mergedInto: target.id,
      });
      // The tip moved too, and a refund of the moved payment now lands on the target.
      await api(manager.session)
        .post(`/api/v1/payments/${payment.body.id}/refund`)
        .send({ amount: 100, reason: 'spilled' })
        .expect(201);
      expect(await get(target.id)).toMatchObject({ paid: 400 });
      const [audit] = (await auditOf('order.merged')).filter((entry) => entry.entity_id === target.id);
      expect(JSON.parse(audit.after)).toMatchObject({ fromOrderIds: [source.id], paid: 500 });
    });

    it('adopts a discount, refuses two different ones, and refuses orders that are not open', async () => {
      const r = await make.newRestaurant();
      const [a, b, c] = await Promise.all(
        [1, 2, 3].map(() => order(r, [{ dishId: r.beer.id, quantity: 1 }])),
      );
      const discount = (id: string, value: number) =>
        api(manager.session)
          .post(`/api/v1/orders/${id}/discount`)
          .send({ kind: 'percent', value, reason: 'r' })
          .expect(200);
      await discount(b.id, 10);
      await discount(c.id, 15);
      const clash = await api()
        .post(`/api/v1/orders/${a.id}/merge`)
        .send({ fromOrderIds: [b.id, c.id] });
      expect(clash.status).toBe(409);
      const adopted = await api()
        .post(`/api/v1/orders/${a.id}/merge`)
        .send({ fromOrderIds: [b.id] });
      expect(adopted.body.orders[0].discountDetail).toMatchObject({ kind: 'percent', value: 10 });
      const closed = await api()
        .post(`/api/v1/orders/${a.id}/merge`)
        .send({ fromOrderIds: [b.id] });
      expect(closed.status).toBe(409);
      expect(closed.body.error.code).toBe('INVALID_TRANSITION');
      const self = await api()
        .post(`/api/v1/orders/${a.id}/merge`)
        .send({ fromOrderIds: [a.id] });
      expect(self.status).toBe(422);
    });
  });

  it(`any split merged back gives the original totals, through the API (${API_RUNS} runs)`, async () => {
    const r = await make.newRestaurant();
    const dishes = [
      { dishId: r.burger.id, variationId: r.burger.variations[0].id },
      { dishId: r.burger.id, variationId: double(r) },
      { dishId: r.fries.id },
      { dishId: r.beer.id },
    ];
    const lineArb = fc.record({
      dish: fc.constantFrom(...dishes),
      quantity: fc.integer({ min: 1, max: 5 }),
      seat: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    });
    const scenarioArb = fc.record({
      lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
      discount: fc.oneof(
        fc.constant(null),
        fc.integer({ min: 1, max: 5000 }).map((hundredths) => ({ kind: 'percent', value: hundredths / 100 })),
        fc.integer({ min: 1, max: 1500 }).map((value) => ({ kind: 'amount', value })),
      ),
      by: fc.constantFrom('seat', 'items', 'even'),
      parts: fc.integer({ min: 2, max: 7 }),
      picks: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 4 }),
      target: fc.nat(),
    });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const created = await order(
          r,
          scenario.lines.map((line) => ({ ...line.dish, quantity: line.quantity, seat: line.seat })),
          { guests: 4 },
        );
        if (scenario.discount) {
          await api(manager.session)
            .post(`/api/v1/orders/${created.id}/discount`)
            .send({
              ...scenario.discount,
              value:
                scenario.discount.kind === 'amount'
                  ? Math.min(scenario.discount.value, created.subtotal)
                  : scenario.discount.value,
              reason: 'property',
            })
            .expect(200);
        }
        const original = await get(created.id);
        const picks = [
          ...new Map(scenario.picks.map(([i, q]) => [i % original.items.length, q])).entries(),
        ].map(([i, quantity]) => ({
          itemId: original.items[i].id,
          quantity: Math.min(quantity, original.items[i].quantity),
        }));
        const body =
          scenario.by === 'even'
            ? { by: 'even', parts: scenario.parts }
            : scenario.by === 'items'
              ? { by: 'items', items: picks }
              : { by: 'seat' };
        const response = await split(created.id, body);
        if (response.status === 409) {
          expect(response.body.error.message).toMatch(/Nothing to split|remove or re-give the discount/);
          return;
        }
        expect(response.status).toBe(201);
        accepted += 1;
        const parts = response.body.orders as Json[];
        expect(sumOf(parts)).toEqual(moneyOf(original));
        if (scenario.by === 'even') {
          const totals = parts.map((part) => part.total as number);
          expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
        }
        const target = parts[scenario.target % parts.length];
        const merged = await api()
          .post(`/api/v1/orders/${target.id}/merge`)
          .send({ fromOrderIds: parts.filter((part) => part !== target).map((part) => part.id as string) });
        expect(merged.status).toBe(200);
        expect(moneyOf(merged.body.orders[0])).toEqual(moneyOf(original));
        expect(merged.body.orders[0].shares).toEqual([]);
      }),
      { numRuns: API_RUNS },
    );
    expect(accepted).toBeGreaterThan(API_RUNS / 2);
  }, 180_000);
});
