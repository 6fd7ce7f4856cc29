import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { checkHelpers, ItemBody, Method, moneyOf, setUpChecks, sumOf } from './support/checks-fixture';
import { NewStaff, Session } from './support/clients';
import type { factories } from './support/factories';
import type { Json } from './support/menu-fixture';
import { openSockets } from './support/sockets';
import type { TestApp } from './support/test-app';

/** Runs of the property through the API: each is a random order, split, merged back. */
const API_RUNS = 20;

describe('Table service: seats, moving and merging checks, and any split merged back', () => {
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
