import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('Orders under concurrency', () => {
  let t: TestApp;
  let waiter: NewStaff;
  let otherWaiter: NewStaff;
  let r: Restaurant;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    otherWaiter = await newStaff(t, Role.Waiter);
  });

  afterAll(() => t.close());

  const orderBody = (note: string) => ({
    type: 'takeaway',
    notes: note,
    items: [
      { dishId: r.fries.id, quantity: 1 },
      { dishId: r.beer.id, quantity: 2 },
    ],
  });

  const countEvents = async (type: string, since: number) => {
    const rows: Array<{ n: string | number }> = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM events WHERE type = '${type}' AND seq > ${since}`,
    );
    return Number(rows[0].n);
  };
  const lastSeq = async () =>
    (await as(t, waiter.session).get('/api/v1/events?limit=1')).body.lastSeq as number;

  it('creates exactly one order per Idempotency-Key: 10 concurrent identical POSTs for each of 20 keys', async () => {
    const since = await lastSeq();
    const before = (await as(t, waiter.session).get('/api/v1/orders?perPage=1')).body.total as number;
    const keys = Array.from({ length: 20 }, () => randomUUID());
    const attempts = keys.flatMap((key, k) =>
      Array.from({ length: 10 }, () =>
        as(t, waiter.session)
          .post('/api/v1/orders')
          .set('Idempotency-Key', key)
          .send(orderBody(`key ${k}`)),
      ),
    );
    const responses = await Promise.all(attempts);
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(response.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    }

    const after = (await as(t, waiter.session).get('/api/v1/orders?perPage=1')).body.total as number;
    expect(after - before).toBe(20);
    expect(await countEvents('order.created', since)).toBe(20);

    const replays = await Promise.all(
      keys.map((key, k) =>
        as(t, waiter.session)
          .post('/api/v1/orders')
          .set('Idempotency-Key', key)
          .send(orderBody(`key ${k}`)),
      ),
    );
    const firstIds = new Map<string, string>();
    responses.forEach((response, i) => {
      if (response.status === 201) firstIds.set(keys[Math.floor(i / 10)], response.body.id as string);
    });
    replays.forEach((replay, k) => {
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(firstIds.get(keys[k]));
    });
    expect((await as(t, waiter.session).get('/api/v1/orders?perPage=1')).body.total).toBe(after);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body, and scopes keys to the caller', async () => {
    const key = randomUUID();
    const first = await as(t, waiter.session)
      .post('/api/v1/orders')
      .set('Idempotency-Key', key)
      .send(orderBody('a'));
    expect(first.status).toBe(201);
    const reused = await as(t, waiter.session)
      .post('/api/v1/orders')
      .set('Idempotency-Key', key)
      .send(orderBody('b'));
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherCaller = await as(t, otherWaiter.session)
      .post('/api/v1/orders')
      .set('Idempotency-Key', key)
      .send(orderBody('a'));
    expect(otherCaller.status).toBe(201);
    expect(otherCaller.body.id).not.toBe(first.body.id);
  });

  it('replays retries racing fresh orders without a duplicate: a retry rolls back alone', async () => {
    // On SQLite these commit in groups, each unit in a savepoint: a retry does its work, finds its key taken
    // and rolls back to its savepoint, while the fresh orders beside it in the same commit stay.
    const firsts = await Promise.all(
      Array.from({ length: 10 }, async (_, k) => {
        const key = randomUUID();
        const first = await as(t, waiter.session)
          .post('/api/v1/orders')
          .set('Idempotency-Key', key)
          .send(orderBody(`retried ${k}`))
          .expect(201);
        return { key, k, id: first.body.id as string };
      }),
    );
    const since = await lastSeq();
    const before = (await as(t, waiter.session).get('/api/v1/orders?perPage=1')).body.total as number;
    // Interleaved, so that retries and fresh orders land in the same commits.
    const retry = ({ key, k }: { key: string; k: number }) =>
      as(t, waiter.session)
        .post('/api/v1/orders')
        .set('Idempotency-Key', key)
        .send(orderBody(`retried ${k}`));
    const order = (i: number) =>
      as(t, otherWaiter.session)
        .post('/api/v1/orders')
        .set('Idempotency-Key', randomUUID())
        .send(orderBody(`fresh ${i}`));
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? retry(firsts[i / 3]) : order(i))),
    );
    const retries = replies.filter((_, i) => i % 3 === 0);
    const fresh = replies.filter((_, i) => i % 3 !== 0);
    retries.forEach((retry, i) => {
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.id).toBe(firsts[i].id);
    });
    expect(fresh.map((response) => response.status)).toEqual(Array(20).fill(201));
    const after = (await as(t, waiter.session).get('/api/v1/orders?perPage=1')).body.total as number;
    expect(after - before).toBe(20);
    expect(await countEvents('order.created', since)).toBe(20);
  });

  it('replays the same body with its JSON keys in another order', async () => {
    const key = randomUUID();
    const body = orderBody('keys');
    const first = await as(t, waiter.session).post('/api/v1/orders').set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    const reordered = {
      items: body.items.map(({ quantity, dishId }) => ({ quantity, dishId })),
      notes: body.notes,
      type: body.type,
    };
    const retry = await as(t, waiter.session)
      .post('/api/v1/orders')
      .set('Idempotency-Key', key)
      .send(reordered);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
  });

  it('gives a key back when its request fails, so the client can retry it', async () => {
    const key = randomUUID();
    const failed = await as(t, waiter.session)
      .post('/api/v1/orders')
      .set('Idempotency-Key', key)
      .send({ type: 'takeaway', items: [{ dishId: 'nope', quantity: 1 }] });
    expect(failed.status).toBe(422);
    const retried = await as(t, waiter.session)
      .post('/api/v1/orders')
      .set('Idempotency-Key', key)
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] });
    expect(retried.status).toBe(201);
  });

  it('loses no update when two writers race 200 times with If-Match', async () => {
    const order = (await as(t, waiter.session).post('/api/v1/orders').send(orderBody('race')).expect(201))
      .body;
    let version = order.version as number;
    const winningComments: string[] = [];
    for (let round = 0; round < 200; round++) {
      const comments = [0, 1].map((writer) => `round ${round} writer ${writer}`);
      const responses = await Promise.all(
        [waiter, otherWaiter].map((writer, w) =>
          as(t, writer.session)
            .post(`/api/v1/orders/${order.id}/items`)
            .set('If-Match', String(version))
            .send({ items: [{ dishId: r.beer.id, quantity: 1, comment: comments[w] }] }),
        ),
      );
      const won = responses.map((response) => response.status === 201);
      const lost = responses.map((response) => response.status === 409);
      expect({ round, wins: won.filter(Boolean).length, conflicts: lost.filter(Boolean).length }).toEqual({
        round,
        wins: 1,
        conflicts: 1,
      });
      const winner = responses[won.indexOf(true)];
      const loser = responses[lost.indexOf(true)];
      expect(loser.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { version: version + 1 } });
      expect(winner.body.version).toBe(version + 1);
      const winningComment = comments[won.indexOf(true)];
      expect(winner.body.items.at(-1).comment).toBe(winningComment);
      winningComments.push(winningComment);
      version = winner.body.version as number;
    }
    const final = (await as(t, waiter.session).get(`/api/v1/orders/${order.id}`)).body;
    expect(final.version).toBe(order.version + 200);
    expect(final.items.slice(2).map((item: { comment: string }) => item.comment)).toEqual(winningComments);
  });

  it('takes 50 concurrent orders without an error, with unique consecutive ticket numbers', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        as(t, i % 2 ? waiter.session : otherWaiter.session)
          .post('/api/v1/orders')
          .send({ type: 'dine_in', tableId: r.table.id, items: [{ dishId: r.fries.id, quantity: 1 }] }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    const numbers = responses.map((response) => response.body.number as number).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers[49] - numbers[0]).toBe(49);
  });

  // Cancelling gives stock back and then frees the table; opening takes the table and then the stock. On PostgreSQL
  // they met in a deadlock and answered 500 until both locked in one order (tables, orders, then stock).
  it('cancels 4 orders while opening 4 at one table with counted stock, 15 rounds, without a 5xx', async () => {
    const make = factories(t, admin);
    const dish = await make.newRestaurant();
    const table = await make.newTable(`Rush ${randomUUID().slice(0, 6)}`);
    const double = dish.burger.variations.find((variation) => variation.name === 'Double')!;
    const stockPath = `/api/v1/dishes/${dish.burger.id}/variations/${double.id}/stock`;
    await as(t, admin).patch(stockPath).send({ count: 1000 }).expect(200);
    const open = () =>
      as(t, waiter.session)
        .post('/api/v1/orders')
        .send({
          type: 'dine_in',
          tableId: table.id,
          items: [
            { dishId: dish.burger.id, variationId: double.id, quantity: 2 },
            { dishId: dish.fries.id, quantity: 1 },
          ],
        });
    const cancel = (id: string) =>
      as(t, admin).patch(`/api/v1/orders/${id}/status`).send({ status: 'cancelled', reason: 'left' });
    let opened: Array<{ body: { id: string } }> = await Promise.all([open(), open(), open(), open()]);
    for (let round = 0; round < 15; round++) {
      const replies = await Promise.all([
        ...opened.map((reply) => cancel(reply.body.id)),
        open(),
        open(),
        open(),
        open(),
      ]);
      expect(replies.filter((reply) => reply.status >= 500).map((reply) => reply.text)).toEqual([]);
      expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 201, 201, 201, 201]);
      opened = replies.slice(4);
      const stock = (await as(t, admin).get(`/api/v1/dishes/${dish.burger.id}`).expect(200)).body
        .variations as Array<{ id: string; stockCount: number }>;
      expect(stock.find((variation) => variation.id === double.id)!.stockCount).toBe(1000 - 4 * 2);
      expect((await as(t, waiter.session).get(`/api/v1/tables/${table.id}`).expect(200)).body.status).toBe(
        'occupied',
      );
    }
    await Promise.all(opened.map((reply) => cancel(reply.body.id).expect(200)));
    expect((await as(t, waiter.session).get(`/api/v1/tables/${table.id}`).expect(200)).body.status).toBe(
      'cleaning',
    );
  });
});
