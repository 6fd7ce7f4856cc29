/**
 * Offline clients (docs/clients.md, "Writing offline: the protocol"): client-chosen ids for orders, items and
 * payments that replay whoever sends them again, a device's outbox state, and what else the waiter tablet needs.
 * The If-Match sweep, the receipt's QR code and billPrintedAt are in offline-clients-orders.e2e-spec.ts.
 */
import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/access/role';
import { Scope } from '../src/common/access/scope';
import { as, issueKey, loginAdmin, newStaff, NewStaff, Session, withKey } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type ErrorReply = { error?: { code: string; message: string } };

describe('Offline clients: client ids and devices', () => {
  let t: TestApp;
  let admin: Session;
  let r: Restaurant;
  let waiter: NewStaff;
  let other: NewStaff;
  let cashId: string;

  beforeAll(async () => {
    t = await startTestApp({ QR_ORDERING: 'true' });
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    [waiter, other] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Waiter)]);
    const methods = await as(t, admin).get('/api/v1/payment-methods/active').expect(200);
    cashId = (methods.body.items as Array<{ id: string; kind: string }>).find((m) => m.kind === 'cash')!.id;
  });

  afterAll(() => t.close());

  const count = async (table: string, id: string): Promise<number> => {
    const placeholder = t.dataSource.options.type === 'postgres' ? '$1' : '?';
    const rows: Array<{ n: string | number }> = await t.dataSource.query(
      `SELECT count(*) AS n FROM ${table} WHERE id = ${placeholder}`,
      [id],
    );
    return Number(rows[0].n);
  };
  const takeaway = (items: object[], id?: string) => ({ id, type: 'takeaway', items });
  const postOrder = (session: Session, body: object) => as(t, session).post('/api/v1/orders').send(body);
  const device = (session: Session, deviceId: string) => ({
    post: (path: string, body: object, key?: string) => {
      const call = as(t, session).post(path).set('X-Device-Id', deviceId);
      return (key ? call.set('Idempotency-Key', key) : call).send(body);
    },
    patch: (path: string, body: object) => as(t, session).patch(path).set('X-Device-Id', deviceId).send(body),
  });
  type OutboxState = {
    deviceId: string;
    writesApplied: number;
    lastWrite: { key: string; method: string; path: string; userId: string | null } | null;
  };
  const outbox = async (deviceId: string, session: Session = waiter.session): Promise<OutboxState> =>
    (await as(t, session).get(`/api/v1/devices/${deviceId}/outbox-state`).expect(200)).body as OutboxState;

  describe('client ids', () => {
    it('an order keeps its id and its items’; the same ids again replay, whoever sends them', async () => {
      const [orderId, burgerId, beerId] = [randomUUID(), randomUUID(), randomUUID()];
      const body = takeaway(
        [
          { id: burgerId, dishId: r.burger.id, variationId: r.burger.variations[0].id, quantity: 1 },
          { id: beerId, dishId: r.beer.id, quantity: 2 },
        ],
        orderId,
      );
      const first = await postOrder(waiter.session, body);
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(first.body.id).toBe(orderId);
      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([burgerId, beerId]);
      // The waiter's tablet retries after its token was renewed, and another waiter's after a hand-over.
      const again = await postOrder(waiter.session, body);
      const byOther = await postOrder(other.session, body);
      for (const replay of [again, byOther]) {
        expect(replay.status).toBe(201);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.body).toEqual(first.body);
      }
      expect(await count('orders', orderId)).toBe(1);
      expect(await count('order_items', burgerId)).toBe(1);
      // The same ids with another body are another request.
      const changed = await postOrder(other.session, { ...body, notes: 'no ice' });
      expect(changed.status).toBe(422);
      expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('refuses an id that is not a UUID, and the same id twice in one request, with 422', async () => {
      const notUuid = await postOrder(waiter.session, takeaway([{ dishId: r.beer.id, quantity: 1 }], 'nope'));
      expect(notUuid.status).toBe(422);
      expect(notUuid.body.error.details).toEqual([{ field: 'id', message: expect.stringMatching(/UUID/i) }]);
      const id = randomUUID();
      const twice = await postOrder(
        waiter.session,
        takeaway([
          { id, dishId: r.beer.id, quantity: 1 },
          { id, dishId: r.fries.id, quantity: 1 },
        ]),
      );
      expect(twice.status).toBe(422);
      expect(twice.body.error.details[0].field).toBe('items[1].id');
      expect(await count('order_items', id)).toBe(0);
    });

    it('added items and a payment keep their ids and replay for another waiter, applied once', async () => {
      const order = (
        await postOrder(waiter.session, takeaway([{ dishId: r.beer.id, quantity: 1 }])).expect(201)
      ).body;
      const itemId = randomUUID();
      const add = { items: [{ id: itemId, dishId: r.fries.id, quantity: 2 }] };
      const added = await as(t, waiter.session).post(`/api/v1/orders/${order.id}/items`).send(add);
      expect(added.status).toBe(201);
      expect(added.body.items.map((item: { id: string }) => item.id)).toContain(itemId);
      const replayed = await as(t, other.session).post(`/api/v1/orders/${order.id}/items`).send(add);
      expect([replayed.status, replayed.headers['idempotent-replayed']]).toEqual([201, 'true']);
      expect(replayed.body).toEqual(added.body);
      const reused = await as(t, other.session)
        .post(`/api/v1/orders/${order.id}/items`)
        .send({ items: [{ id: itemId, dishId: r.fries.id, quantity: 3 }] });
      expect([reused.status, reused.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);

      const paymentId = randomUUID();
      const pay = { id: paymentId, methodId: cashId, amount: added.body.total };
      const paid = await as(t, waiter.session).post(`/api/v1/orders/${order.id}/payments`).send(pay);
      expect([paid.status, paid.body.id]).toEqual([201, paymentId]);
      const paidAgain = await as(t, other.session).post(`/api/v1/orders/${order.id}/payments`).send(pay);
      expect([paidAgain.status, paidAgain.headers['idempotent-replayed']]).toEqual([201, 'true']);
      expect(paidAgain.body).toEqual(paid.body);
      expect(await count('payments', paymentId)).toBe(1);
      const now = (await as(t, waiter.session).get(`/api/v1/orders/${order.id}`).expect(200)).body;
      expect(now).toMatchObject({ paid: added.body.total, due: 0, items: [{}, { quantity: 2 }] });
    });

    it('concurrent duplicates make one order: the others replay it or hear it is still running', async () => {
      const body = takeaway([{ id: randomUUID(), dishId: r.fries.id, quantity: 1 }], randomUUID());
      const replies = await Promise.all(
        [waiter, other, waiter, other, waiter].map((staff) => postOrder(staff.session, body)),
      );
      for (const reply of replies) {
        if (reply.status === 409) expect(reply.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
        else expect(reply.status).toBe(201);
      }
      const created = replies.filter((reply) => reply.status === 201);
      expect(created.filter((reply) => reply.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      expect(await count('orders', (body as { id: string }).id)).toBe(1);
      const payment = { id: randomUUID(), methodId: cashId, amount: 100 };
      const pays = await Promise.all(
        [waiter, other, waiter].map((staff) =>
          as(t, staff.session).post(`/api/v1/orders/${created[0].body.id}/payments`).send(payment),
        ),
      );
      expect(pays.every((reply) => [201, 409].includes(reply.status))).toBe(true);
      expect(await count('payments', payment.id)).toBe(1);
      const order = (await as(t, admin).get(`/api/v1/orders/${created[0].body.id}`).expect(200)).body;
      expect(order.paid).toBe(100);
    });

    it('answers 409 CONFLICT for an id used before on another route or order, never a 500', async () => {
      const itemId = randomUUID();
      const first = await postOrder(
        waiter.session,
        takeaway([{ id: itemId, dishId: r.beer.id, quantity: 1 }]),
      );
      expect(first.status).toBe(201);
      const second = (await postOrder(waiter.session, takeaway([{ dishId: r.beer.id, quantity: 1 }]))).body;
      const conflicts = [
        // An item id as a payment's: another table, which its primary key would not see.
        as(t, waiter.session)
          .post(`/api/v1/orders/${second.id}/payments`)
          .send({ id: itemId, methodId: cashId, amount: 100 }),
        // The same item id on another order.
        as(t, waiter.session)
          .post(`/api/v1/orders/${second.id}/items`)
          .send({ items: [{ id: itemId, dishId: r.beer.id, quantity: 1 }] }),
        // An id the server gave (no client id registered it): the primary key refuses it, mapped to 409.
        as(t, waiter.session)
          .post(`/api/v1/orders/${second.id}/items`)
          .send({ items: [{ id: second.items[0].id, dishId: r.beer.id, quantity: 1 }] }),
        as(t, waiter.session)
          .post(`/api/v1/orders/${first.body.id}/items`)
          .send({ items: [{ id: second.items[0].id, dishId: r.beer.id, quantity: 1 }] }),
        postOrder(waiter.session, takeaway([{ dishId: r.beer.id, quantity: 1 }], second.id)),
      ];
      for (const reply of await Promise.all(conflicts)) {
        expect([reply.status, reply.body.error?.code]).toEqual([409, 'CONFLICT']);
        expect(reply.body.error.message).toMatch(/already/i);
      }
      // On the route it was first used on, the same ids in another body are that request changed: 422.
      const asOrderId = await postOrder(
        waiter.session,
        takeaway([{ dishId: r.beer.id, quantity: 1 }], itemId),
      );
      expect([asOrderId.status, asOrderId.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
      const named = await as(t, waiter.session)
        .post(`/api/v1/orders/${second.id}/payments`)
        .send({ id: itemId, methodId: cashId, amount: 100 });
      expect(named.body.error.message).toContain(`${itemId} (by POST /api/v1/orders at `);
      const after = (await as(t, waiter.session).get(`/api/v1/orders/${second.id}`).expect(200)).body;
      expect([after.paid, after.items.length, after.version]).toEqual([0, 1, second.version]);
    });

    it('answers 409 CONFLICT for an id the server gave a row of another kind, each pair, creating nothing', async () => {
      const made = (await postOrder(waiter.session, takeaway([{ dishId: r.beer.id, quantity: 2 }]))).body;
      const paid = await as(t, waiter.session)
        .post(`/api/v1/orders/${made.id}/payments`)
        .send({ methodId: cashId, amount: 100 })
        .expect(201);
      const target = (await postOrder(waiter.session, takeaway([{ dishId: r.beer.id, quantity: 1 }]))).body;
      const serverIds = { order: made.id, item: made.items[0].id, payment: paid.body.id } as Record<
        string,
        string
      >;
      const asKind: Record<string, (id: string) => Promise<{ status: number; body: ErrorReply }>> = {
        order: (id) => postOrder(waiter.session, takeaway([{ dishId: r.beer.id, quantity: 1 }], id)),
        item: (id) =>
          as(t, waiter.session)
            .post(`/api/v1/orders/${target.id}/items`)
            .send({ items: [{ id, dishId: r.beer.id, quantity: 1 }] }),
        payment: (id) =>
          as(t, waiter.session)
            .post(`/api/v1/orders/${target.id}/payments`)
            .send({ id, methodId: cashId, amount: 100 }),
      };
      const named = { order: 'an order', item: 'an order item', payment: 'a payment' } as Record<
        string,
        string
      >;
      const answers: string[] = [];
      for (const [heldKind, id] of Object.entries(serverIds)) {
        for (const [newKind, create] of Object.entries(asKind)) {
          if (newKind === heldKind) continue;
          const reply = await create(id);
          answers.push(`${heldKind} id as ${newKind}: ${reply.status} ${reply.body.error?.code}`);
          expect(reply.body.error?.message).toContain(`${id} (${named[heldKind]}’s id)`);
        }
      }
      expect(answers).toEqual([
        'order id as item: 409 CONFLICT',
        'order id as payment: 409 CONFLICT',
        'item id as order: 409 CONFLICT',
        'item id as payment: 409 CONFLICT',
        'payment id as order: 409 CONFLICT',
        'payment id as item: 409 CONFLICT',
      ]);
      const after = (await as(t, waiter.session).get(`/api/v1/orders/${target.id}`).expect(200)).body;
      expect([after.paid, after.items.length, after.version]).toEqual([0, 1, target.version]);
      // Each id is still its one row's: no other table took it.
      for (const id of Object.values(serverIds)) {
        const rows = [await count('orders', id), await count('order_items', id), await count('payments', id)];
        expect(rows).toEqual(Object.values(serverIds).map((own) => (own === id ? 1 : 0)));
      }
    });

    it('gives a combo line the client’s id and its components ids of the server’s', async () => {
      const choice = (dish: { id: string; variations: Array<{ id: string }> }) => ({
        dishId: dish.id,
        variationId: dish.variations[0].id,
        upcharge: 0,
      });
      const combo = await as(t, admin)
        .post('/api/v1/dishes')
        .send({
          name: `Menu ${randomUUID().slice(0, 6)}`,
          price: 1500,
          categoryId: r.category.id,
          combo: {
            slots: [
              { name: 'Main', minChoices: 1, maxChoices: 1, choices: [choice(r.fries)] },
              { name: 'Drink', minChoices: 1, maxChoices: 1, choices: [choice(r.beer)] },
            ],
          },
        })
        .expect(201);
      const lineId = randomUUID();
      const line = {
        id: lineId,
        dishId: combo.body.id,
        quantity: 1,
        comboChoices: [
          { slot: 0, dishId: r.fries.id },
          { slot: 1, dishId: r.beer.id },
        ],
      };
      const order = await postOrder(waiter.session, takeaway([line])).expect(201);
      const [view] = order.body.items as Array<{ id: string; components: Array<{ id: string }> }>;
      expect(view.id).toBe(lineId);
      expect(view.components).toHaveLength(2);
      expect(view.components.map((component) => component.id)).not.toContain(lineId);
      // The line is named by its id, as any line: a change replays, and its id cannot be taken again.
      const again = await as(t, waiter.session)
        .post(`/api/v1/orders/${order.body.id}/items`)
        .send({ items: [{ id: lineId, dishId: r.beer.id, quantity: 1 }] });
      expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT']);
      await as(t, waiter.session)
        .patch(`/api/v1/orders/${order.body.id}/items/${lineId}`)
        .send({ quantity: 2 })
        .expect(200);
    });

    it('takes no client id from a guest at the QR menu', async () => {
      const reply = await t
        .http()
        .post(`/api/v1/public/tables/${r.table.qrToken}/orders`)
        .send({ items: [{ id: randomUUID(), dishId: r.beer.id, quantity: 1 }] });
      expect(reply.status).toBe(422);
      expect(reply.body.error.details[0].field).toBe('items[0].id');
    });
  });

  describe('devices and the outbox state', () => {
    it('records the keyed writes a device applied, the last one, and no replay', async () => {
      const id = `tablet:${randomUUID()}`;
      const pad = device(waiter.session, id);
      expect(await outbox(id)).toEqual({ deviceId: id, writesApplied: 0, lastWrite: null });
      const key = randomUUID();
      const body = takeaway([{ dishId: r.beer.id, quantity: 1 }]);
      const created = await pad.post('/api/v1/orders', body, key);
      expect(created.status).toBe(201);
      expect(await outbox(id)).toEqual({
        deviceId: id,
        writesApplied: 1,
        lastWrite: {
          key,
          method: 'POST',
          path: '/api/v1/orders',
          status: 201,
          appliedAt: expect.stringMatching(/Z$/),
          userId: waiter.id,
          apiKeyId: null,
        },
      });
      // A replay is not a new write; a write without a key is not recorded.
      expect((await pad.post('/api/v1/orders', body, key)).headers['idempotent-replayed']).toBe('true');
      await pad.patch(`/api/v1/orders/${created.body.id}`, { rush: true }).expect(200);
      expect((await outbox(id)).writesApplied).toBe(1);
      // Client ids key a write too: the key is the one they make; the path is the actual one.
      const items = { items: [{ id: randomUUID(), dishId: r.fries.id, quantity: 1 }] };
      const path = `/api/v1/orders/${created.body.id}/items`;
      await device(other.session, id).post(path, items).expect(201);
      const state = await outbox(id, admin);
      expect(state).toMatchObject({
        writesApplied: 2,
        lastWrite: { method: 'POST', path, userId: other.id },
      });
      expect(state.lastWrite!.key).toMatch(/^ids:[0-9a-f]{64}$/);
      // With both, the header is the key the device knows its entry by.
      const headerKey = randomUUID();
      const more = { items: [{ id: randomUUID(), dishId: r.fries.id, quantity: 1 }] };
      await pad.post(path, more, headerKey).expect(201);
      expect((await outbox(id)).lastWrite!.key).toBe(headerKey);
    });

    it('refuses a malformed X-Device-Id with 422, applying nothing', async () => {
      for (const bad of ['tablet 7', 'x'.repeat(101), 'tablet/7', 'tablet;7', '']) {
        const reply = await as(t, waiter.session)
          .post('/api/v1/orders')
          .set('X-Device-Id', bad)
          .set('Idempotency-Key', randomUUID())
          .send(takeaway([{ dishId: r.beer.id, quantity: 1 }], randomUUID()));
        expect([reply.status, reply.body.error?.details?.[0]?.field]).toEqual([422, 'X-Device-Id']);
      }
      const path = await as(t, waiter.session).get(`/api/v1/devices/${'y'.repeat(101)}/outbox-state`);
      expect([path.status, path.body.error.details[0].field]).toEqual([422, 'id']);
    });

    it('answers the outbox state to any staff and to keys with orders:read', async () => {
      const kitchen = await newStaff(t, Role.Kitchen);
      expect(await outbox('never-seen', kitchen.session)).toEqual({
        deviceId: 'never-seen',
        writesApplied: 0,
        lastWrite: null,
      });
      const reader = await issueKey(t, admin, { scopes: [Scope.OrdersRead] });
      await withKey(t, reader.key).get('/api/v1/devices/never-seen/outbox-state').expect(200);
      const menuOnly = await issueKey(t, admin, { scopes: [Scope.MenuRead] });
      await withKey(t, menuOnly.key).get('/api/v1/devices/never-seen/outbox-state').expect(403);
    });
  });

  // Last: it moves the clock a day on.
  it('answers 409 CONFLICT, not a replay, once the first reply is older than 24 hours', async () => {
    const body = takeaway([{ id: randomUUID(), dishId: r.beer.id, quantity: 1 }], randomUUID());
    const first = await postOrder(waiter.session, body);
    expect(first.status).toBe(201);
    t.clock.advance(25 * 60 * 60_000);
    const late = await postOrder(waiter.session, body);
    expect([late.status, late.body.error.code]).toEqual([409, 'CONFLICT']);
    expect(late.body.error.message).toContain(`${first.body.id} (by POST /api/v1/orders at `);
    expect(await count('orders', first.body.id)).toBe(1);
  });
});
