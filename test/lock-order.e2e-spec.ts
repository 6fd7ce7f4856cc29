import { Client } from 'pg';
import { Database } from '../src/database/database.service';
import { LockKind } from '../src/database/lock-order';
import { RetryableConflict } from '../src/database/retries';
import { as } from './support/clients';
import { Fixture, restaurantFixture } from './support/hostile-fixture';
import { operationsOf, Schema } from './support/hostile-operations';
import { learn } from './support/hostile-sending';
import { waitForLockWaiter } from './support/lock-waiters';
import { sendAsTablet } from './support/tablet-requests';
import { databaseKind } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The lock order in code and the retry of the whole unit of work (DESIGN.md "One lock order, in code"). The order
 * is checked on SQLite too, whose writers need no locks, so that a unit of work locking out of order fails there.
 */
describe('Lock order and retries', () => {
  let t: TestApp;
  let database: Database;

  beforeAll(async () => {
    t = await startTestApp();
    database = t.app.get(Database);
  });

  afterAll(() => t.close());

  const retries = async (reason: string): Promise<number> => {
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    const line = new RegExp(`pos_transaction_retries_total\\{reason="${reason}"\\} (\\d+)`).exec(metrics);
    return line ? Number(line[1]) : 0;
  };

  it('fails a unit of work at once when it locks a kind after a later one, naming both', async () => {
    await expect(
      database.transaction((tx) => {
        database.locking(tx, LockKind.Stock);
        database.locking(tx, LockKind.Table);
        return Promise.resolve();
      }),
    ).rejects.toThrow(/"table" rows locked after "stock" rows/);
    // A lock that found no rows took none (a delivery order has no table to lock).
    await database.transaction(async (tx) => {
      await database.lockRows(tx, LockKind.Stock, 'DishVariation', 'id = $1 ORDER BY id', ['none']);
      await database.lockRows(tx, LockKind.Table, 'DiningTable', 'id = $1 ORDER BY id', ['none']);
    });
    await database.transaction((tx) => {
      database.locking(tx, LockKind.Table);
      database.locking(tx, LockKind.Order);
      database.locking(tx, LockKind.Order);
      database.locking(tx, LockKind.Stock);
      return Promise.resolve();
    });
  });

  it('runs a unit of work that asks for it again, its afterCommit hooks once, and counts the retry', async () => {
    const before = await retries('conflict');
    let attempts = 0;
    let committed = 0;
    const result = await database.transaction((tx) => {
      attempts += 1;
      tx.afterCommit(() => (committed += 1));
      if (attempts < 3) return Promise.reject(new RetryableConflict('moved meanwhile'));
      return Promise.resolve('done');
    });
    expect({ result, attempts, committed }).toEqual({ result: 'done', attempts: 3, committed: 1 });
    expect(await retries('conflict')).toBe(before + 2);
  });

  it('gives work begun inside a unit of work that has since ended a transaction of its own', async () => {
    // A consumer woken by an event a unit appended keeps that unit as its async context. Joining the ended unit
    // ran its writes on no transaction of the writer's (TypeORM began one of its own on SQLite's one connection,
    // which failed whichever group began next: a 500 on an unrelated request).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const outcomes: Array<Promise<string>> = [];
    for (const ending of ['commits', 'rolls back']) {
      await database
        .transaction((tx) => {
          outcomes.push(
            released.then(() =>
              database.transaction((later) =>
                Promise.resolve(later === tx ? `joined one that ${ending}` : 'own'),
              ),
            ),
          );
          return ending === 'commits' ? Promise.resolve() : Promise.reject(new Error('refused'));
        })
        .catch(() => undefined);
    }
    release();
    expect(await Promise.all(outcomes)).toEqual(['own', 'own']);
  });

  it('answers 409 CONFLICT, "try again", when every attempt meets another transaction', async () => {
    let attempts = 0;
    const failing = database.transaction(() => {
      attempts += 1;
      return Promise.reject(new RetryableConflict('moved meanwhile'));
    });
    await expect(failing).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/try again/),
    });
    expect(attempts).toBe(6);
  });

  // A deadlock needs two writers holding row locks at once: PostgreSQL's.
  (databaseKind() === 'postgres' ? it : it.skip)(
    'rolls back the unit of work that PostgreSQL chose to end a deadlock, and runs it again',
    async () => {
      const before = await retries('deadlock');
      const config = t.config.database;
      if (config.kind !== 'postgres') throw new Error('PostgreSQL only');
      const other = new Client({ connectionString: config.url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('UPDATE event_sequence SET last_seq = last_seq WHERE id = 1');
        let attempts = 0;
        let othersTurn: Promise<unknown> | undefined;
        const result = await database.transaction(async (tx) => {
          attempts += 1;
          if (attempts > 1) return 'again';
          await tx.sql('UPDATE receipt_sequence SET last_number = last_number WHERE id = 1');
          const blocked = tx.sql('UPDATE event_sequence SET last_seq = last_seq WHERE id = 1');
          // Once this one waits for the other, the other waits for this one: this one, which waited first, is
          // the one PostgreSQL ends (40P01).
          othersTurn = waitForLockWaiter(other)
            .then(() => other.query('UPDATE receipt_sequence SET last_number = last_number WHERE id = 1'))
            .then(() => other.query('COMMIT'));
          await blocked;
          return 'first';
        });
        await othersTurn;
        expect({ result, attempts }).toEqual({ result: 'again', attempts: 2 });
        expect(await retries('deadlock')).toBe(before + 1);
      } finally {
        await other.end();
      }
    },
  );
});

/**
 * The lock-order check on every operation the hostile sweep reaches, each sent once as the waiter's tablet sends
 * it (X-Device-Id, an Idempotency-Key, client ids): a device's record is part of the write's unit of work, so a
 * route that locks in order alone can break it with the device's lock (a reward did, issue 48 #5).
 */
describe('Lock order on every operation, as a tablet sends it', () => {
  let t: TestApp;
  let spec: Schema;
  let fixture: Fixture;

  beforeAll(async () => {
    t = await startTestApp({ QR_ORDERING: 'true', AUTO_BLOCK_EXEMPT: '127.0.0.1' });
    spec = (await t.http().get('/docs-json').expect(200)).body;
    fixture = await restaurantFixture(t);
    await pointsForAReward(t, fixture);
  });

  afterAll(() => t.close());

  it('locks in the one order on every route, with the device recorded in the same unit of work', async () => {
    const failures: string[] = [];
    const succeeded = new Set<string>();
    let keyedWrites = 0;
    for (const operation of operationsOf(spec)) {
      const { request, reply } = await sendAsTablet(t, operation, spec, fixture, 'sweep-tablet');
      if (reply.status < 300) {
        succeeded.add(operation.key);
        if (request.headers['Idempotency-Key']) keyedWrites += 1;
      }
      if (reply.status >= 500) failures.push(`${operation.key}: ${reply.status} ${reply.text.slice(0, 300)}`);
      await learn(t, operation, reply, fixture);
    }
    expect(failures).toEqual([]);
    expect(t.app.get(Database).lockOrder.violations.map((violation) => violation.message)).toEqual([]);
    // The routes that take client ids, and the one that broke, were reached past their validation.
    for (const reached of [
      'POST /api/v1/orders',
      'POST /api/v1/orders/{id}/items',
      'POST /api/v1/orders/{id}/payments',
      'POST /api/v1/orders/{id}/rewards',
    ]) {
      expect(succeeded).toContain(reached);
    }
    const device = await as(t, fixture.admin).get('/api/v1/devices/sweep-tablet/outbox-state').expect(200);
    expect(device.body.writesApplied).toBe(keyedWrites);
  }, 120_000);
});

/** The fixture's customer, attached to the fixture's order, with the points of its one reward. */
async function pointsForAReward(t: TestApp, fixture: Fixture): Promise<void> {
  const [customerId] = fixture.ids.customers;
  const admin = as(t, fixture.admin);
  const cash = (await admin.get('/api/v1/payment-methods').expect(200)).body.items.find(
    (method: { kind: string }) => method.kind === 'cash',
  ) as { id: string };
  const earner = await admin
    .post('/api/v1/orders')
    .send({ type: 'takeaway', items: [{ dishId: fixture.ids.dishes[2], quantity: 10 }] })
    .expect(201);
  await admin.post(`/api/v1/orders/${earner.body.id}/customer`).send({ customerId }).expect(200);
  await admin
    .post(`/api/v1/orders/${earner.body.id}/payments`)
    .send({ methodId: cash.id, amount: earner.body.total })
    .expect(201);
  await admin.patch(`/api/v1/orders/${earner.body.id}/status`).send({ status: 'closed' }).expect(200);
  await admin.post(`/api/v1/orders/${fixture.ids.orders[0]}/customer`).send({ customerId }).expect(200);
}
