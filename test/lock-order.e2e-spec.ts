import { Client } from 'pg';
import { Database } from '../src/database/database.service';
import { LockKind } from '../src/database/lock-order';
import { RetryableConflict } from '../src/database/retries';
import { waitForLockWaiter } from './support/lock-waiters';
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
