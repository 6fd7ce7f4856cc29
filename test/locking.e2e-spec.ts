import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Role } from '../src/common/access/role';
import { Database } from '../src/database/database.service';
import { KitchenService } from '../src/orders/kitchen.service';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { waitForLockWaiter } from './support/lock-waiters';
import { databaseKind } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

interface OrderBody {
  id: string;
  total: number;
  version: number;
  items: Array<{ id: string }>;
}

/**
 * Transactions that meet on the same rows: one request holds one connection, locks are taken in one order
 * (src/database/lock-order.ts: tables, then orders, payments and stock, the event seq last), a table's status
 * follows its orders under its row lock, and an Idempotency-Key is completed only by the request that holds it. These bite on
 * PostgreSQL, whose writers run at once; every case runs on SQLite too, whose writers take turns.
 */
describe('Locking: one connection per request, one lock order', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let make: ReturnType<typeof factories>;
  let r: Restaurant;
  let cashId: string;

  beforeAll(async () => {
    t = await startTestApp({ QR_ORDERING: 'true' });
    admin = await loginAdmin(t);
    make = factories(t, admin);
    r = await make.newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    cashId = methods.find((m) => m.kind === 'cash')!.id;
  });

  afterAll(() => t.close());

  const newOrder = async (tableId?: string): Promise<OrderBody> =>
    (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({
          type: tableId ? 'dine_in' : 'takeaway',
          tableId,
          items: [{ dishId: r.beer.id, quantity: 1 }],
        })
        .expect(201)
    ).body as OrderBody;
  const payInFull = async (order: OrderBody) =>
    (
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: cashId, amount: order.total })
        .expect(201)
    ).body as { id: string };

  it('answers 30 concurrent idempotent refunds and 30 QR orders, three times the pool, without a stall', async () => {
    const payments = [];
    for (let i = 0; i < 30; i++) payments.push(await payInFull(await newOrder()));
    // One table per guest order: QR orders are rate limited per device and table.
    const tables = [];
    for (let i = 0; i < 30; i++) tables.push(await make.newTable(`QR ${i} ${randomUUID().slice(0, 6)}`));
    const replies = await Promise.all([
      ...payments.map((payment) =>
        as(t, manager.session)
          .post(`/api/v1/payments/${payment.id}/refund`)
          .set('Idempotency-Key', randomUUID())
          .send({ amount: 100, reason: 'spilt' }),
      ),
      ...tables.map((table) =>
        t
          .http()
          .post(`/api/v1/public/tables/${table.qrToken}/orders`)
          .set('Idempotency-Key', randomUUID())
          .send({ items: [{ dishId: r.fries.id, quantity: 1 }] }),
      ),
    ]);
    // A pool exhausted by requests that wait for a second connection of their own fails them after 5 s.
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 201));
  });

  it('changes tables, items, payments and late alerts on one table at once without a deadlock', async () => {
    const table = await make.newTable(`Busy ${randomUUID().slice(0, 6)}`);
    const orders = [await newOrder(table.id), await newOrder(table.id), await newOrder(table.id)];
    const kitchen = t.app.get(KitchenService);
    t.clock.advance(10 * 60_000);
    try {
      for (let round = 0; round < 5; round++) {
        const replies = await Promise.all([
          as(t, waiter.session)
            .patch(`/api/v1/tables/${table.id}/status`)
            .send({ status: round % 2 ? 'occupied' : 'reserved' }),
          ...orders.map((order) =>
            as(t, admin)
              .patch(`/api/v1/orders/${order.id}/items/${order.items[0].id}/status`)
              .send({ status: round % 2 ? 'new' : 'in_progress' }),
          ),
          ...orders.map((order) =>
            as(t, waiter.session)
              .post(`/api/v1/orders/${order.id}/items`)
              .send({ items: [{ dishId: r.fries.id, quantity: 1 }] }),
          ),
          as(t, waiter.session)
            .post('/api/v1/orders')
            .send({ type: 'dine_in', tableId: table.id, items: [{ dishId: r.beer.id, quantity: 1 }] }),
        ]);
        const raised = kitchen.raiseDelays();
        expect(replies.filter((reply) => reply.status >= 500)).toEqual([]);
        for (const reply of replies) expect([200, 201]).toContain(reply.status);
        await raised;
      }
    } finally {
      t.clock.advance(-10 * 60_000);
    }
  });

  it('leaves a table occupied when its last order closes while another opens on it, 20 times', async () => {
    for (let round = 0; round < 20; round++) {
      const table = await make.newTable(`Turn ${round} ${randomUUID().slice(0, 6)}`);
      const leaving = await newOrder(table.id);
      await payInFull(leaving);
      const [closed, arriving] = await Promise.all([
        as(t, waiter.session).patch(`/api/v1/orders/${leaving.id}/status`).send({ status: 'closed' }),
        as(t, waiter.session)
          .post('/api/v1/orders')
          .send({ type: 'dine_in', tableId: table.id, items: [{ dishId: r.beer.id, quantity: 1 }] }),
      ]);
      expect([closed.status, arriving.status]).toEqual([200, 201]);
      const after = await as(t, waiter.session).get(`/api/v1/tables/${table.id}`).expect(200);
      expect(after.body.status).toBe('occupied');
    }
  });

  // Stalling a request mid-transaction needs a second writer holding a row lock: PostgreSQL has row locks.
  (databaseKind() === 'postgres' ? it : it.skip)(
    'lets only the request holding an Idempotency-Key complete it, however long it stalls',
    async () => {
      const order = await newOrder();
      const key = randomUUID();
      const body = { items: [{ dishId: r.fries.id, quantity: 1 }] };
      const database = t.config.database;
      if (database.kind !== 'postgres') throw new Error('PostgreSQL only');
      const blocker = new Client({ connectionString: database.url });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [order.id]);
        const stalled = as(t, waiter.session)
          .post(`/api/v1/orders/${order.id}/items`)
          .set('Idempotency-Key', key)
          .send(body)
          .then((reply) => reply);
        await waitForLockWaiter(blocker);
        // Long past any reservation timeout: the retry must still not run the request a second time.
        t.clock.advance(10 * 60_000);
        const retry = await as(t, waiter.session)
          .post(`/api/v1/orders/${order.id}/items`)
          .set('Idempotency-Key', key)
          .send(body);
        expect(retry.status).toBe(409);
        expect(retry.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
        await blocker.query('COMMIT');
        expect((await stalled).status).toBe(201);
        const replay = await as(t, waiter.session)
          .post(`/api/v1/orders/${order.id}/items`)
          .set('Idempotency-Key', key)
          .send(body);
        expect(replay.status).toBe(201);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        const final = await as(t, waiter.session).get(`/api/v1/orders/${order.id}`).expect(200);
        expect(final.body.items).toHaveLength(2);
      } finally {
        t.clock.advance(-10 * 60_000);
        await blocker.end();
      }
    },
  );

  it('fails a transaction whose statement the database cannot prepare, and goes on with the next', async () => {
    const database = t.app.get(Database);
    await expect(
      database.transaction((tx) => tx.sql('UPDATE no_such_table SET x = 1 RETURNING x', [])),
    ).rejects.toThrow(/no_such_table/);
    const order = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1 }] });
    expect(order.status).toBe(201);
  });
});
