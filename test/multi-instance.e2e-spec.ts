/**
 * Two instances of the service, as processes, on one PostgreSQL database and one Redis: what one commits reaches a
 * kitchen screen on the other at once, in seq order and exactly once; replay and GET /events on either cover both;
 * rate limits and lock-outs count across both; a change on one drops the other's cached sessions, keys and menu.
 * Runs when DATABASE_URL is PostgreSQL and REDIS_URL is set (as `.ci/run` does); skipped otherwise.
 */
import request from 'supertest';
import { Role } from '../src/common/access/role';
import { as, issueKey, login, newStaff, requestFrom, withKey } from './support/clients';
import { createdOrderIds, Instances, twoInstancesForTheseTests, withInstances } from './support/instances';
import { ServiceProcess } from './support/processes';
import { Envelope } from './support/sockets';

const ORDERS = 30;

withInstances('Two instances on one PostgreSQL and Redis', () => {
  const { two: started, open } = twoInstancesForTheseTests();
  let two: Instances;
  let a: ServiceProcess;
  let b: ServiceProcess;

  beforeAll(() => {
    two = started();
    ({ a, b } = two);
  });

  const orderOn = async (server: ServiceProcess, dishId = two.restaurant.fries.id) => {
    const response = await as(server, two.waiter)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId, quantity: 1 }] })
      .expect(201);
    return response.body.id as string;
  };

  it('says so in /health on both', async () => {
    for (const server of [a, b]) {
      const health = await as(server, two.admin).get('/health').expect(200);
      expect(health.body.realtime).toBe('redis');
    }
  });

  it('delivers orders taken on A to a kitchen screen on B at once, in seq order, exactly once', async () => {
    const kitchen = await newStaff(b, Role.Kitchen);
    const screen = await open(b, { token: kitchen.session.accessToken });
    const created: string[] = [];
    // Timed where the event arrives, not where the test's polling notices it (every 10 ms).
    const arrivedAt = new Map<string, number>();
    screen.socket.on('order.created', (event: Envelope) =>
      arrivedAt.set(event.data.id as string, performance.now()),
    );
    const fromSend: number[] = [];
    const fromReply: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const sentAt = performance.now();
      const id = await orderOn(a);
      const answeredAt = performance.now();
      created.push(id);
      await screen.until((events) => createdOrderIds(events).includes(id));
      fromSend.push(arrivedAt.get(id)! - sentAt);
      fromReply.push(arrivedAt.get(id)! - answeredAt);
    }
    expect(createdOrderIds(screen.received)).toEqual(created);
    const seqs = screen.received.map((event) => event.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    const summary = (ms: number[]) => {
      const sorted = [...ms].sort((x, y) => x - y);
      return `p50 ${sorted[Math.floor(ORDERS / 2)].toFixed(1)} ms, max ${sorted[ORDERS - 1].toFixed(1)} ms`;
    };
    process.stdout.write(
      `cross-instance latency, ${ORDERS} orders on A to a kitchen screen on B: from A's reply ${summary(fromReply)} ` +
        `(negative: before the reply); from sending the order ${summary(fromSend)}\n`,
    );
  });

  it('creates one order per Idempotency-Key sent to A and B at once: the one that found it stored replays it', async () => {
    const before = (await as(a, two.waiter).get('/api/v1/orders?perPage=1')).body.total as number;
    const keys = Array.from({ length: 10 }, (_, k) => `both-${Date.now()}-${k}`);
    const post = (server: ServiceProcess, key: string) =>
      as(server, two.waiter)
        .post('/api/v1/orders')
        .set('Idempotency-Key', key)
        .send({ type: 'takeaway', notes: key, items: [{ dishId: two.restaurant.fries.id, quantity: 1 }] });
    const pairs = await Promise.all(keys.map((key) => Promise.all([post(a, key), post(b, key)])));
    for (const [onA, onB] of pairs) {
      expect([onA.status, onB.status]).toEqual([201, 201]);
      expect(onB.body.id).toBe(onA.body.id);
    }
    const replayed = pairs.flat().filter((reply) => reply.headers['idempotent-replayed'] === 'true');
    expect(replayed).toHaveLength(keys.length);
    const after = (await as(a, two.waiter).get('/api/v1/orders?perPage=1')).body.total as number;
    expect(after - before).toBe(keys.length);
  });

  it('replays on B, and answers GET /events on B, with events written by A', async () => {
    const before = await as(b, two.admin).get('/api/v1/events?since=0&limit=1').expect(200);
    const since = before.body.lastSeq as number;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push(await orderOn(a, two.restaurant.beer.id));
    const replaying = await open(b, { token: two.admin.accessToken, since });
    await replaying.until((events) => created.every((id) => createdOrderIds(events).includes(id)));
    expect(createdOrderIds(replaying.received)).toEqual(created);

    const caughtUp = await as(b, two.admin).get(`/api/v1/events?since=${since}&limit=100`).expect(200);
    expect(createdOrderIds(caughtUp.body.items)).toEqual(created);
  });

  it("counts an API key's requests on both instances against one limit", async () => {
    const key = await issueKey(a, two.admin, { scopes: ['orders:read'], rateLimitPerMinute: 4 });
    const statuses = [];
    for (const server of [a, b, a, b, a, b]) {
      statuses.push((await withKey(server, key.key).get('/api/v1/orders?perPage=1')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it("counts a guest's calls for a waiter on both instances against one limit", async () => {
    const path = `/api/v1/public/tables/${two.restaurant.table.qrToken}/call-waiter`;
    const statuses = [];
    for (const server of [a, b, a, b])
      statuses.push((await requestFrom(server, '127.0.0.7', 'POST', path)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it('locks an account out on both instances after failed logins spread over both', async () => {
    const manager = await newStaff(a, Role.Manager);
    const attempt = (server: ServiceProcess, password: string) =>
      requestFrom(server, '127.0.0.8', 'POST', '/api/v1/auth/login', {
        body: { username: manager.username, password },
      });
    const failures = [];
    for (const server of [a, b, a, b, a]) failures.push((await attempt(server, 'wrong-password-1')).status);
    expect(failures).toEqual([401, 401, 401, 401, 401]);
    expect((await attempt(b, manager.password)).status).toBe(429);
    expect((await attempt(a, manager.password)).status).toBe(429);
  });

  it("drops B's cached session, key and menu when they change on A", async () => {
    const waiter = await newStaff(a, Role.Waiter);
    const key = await issueKey(a, two.admin, { scopes: ['orders:read'] });
    const fries = two.restaurant.fries.id;
    // B has each of them in memory.
    await as(b, waiter.session).get('/api/v1/orders?perPage=1').expect(200);
    await withKey(b, key.key).get('/api/v1/orders?perPage=1').expect(200);
    const menuBefore = await as(b, waiter.session).get('/api/v1/menu').expect(200);
    expect(dishIdsOf(menuBefore.body)).toContain(fries);
    const screen = await open(b, { token: two.admin.accessToken });

    await as(a, waiter.session)
      .post('/api/v1/auth/logout')
      .send({ refreshToken: waiter.session.refreshToken })
      .expect(204);
    await as(a, two.admin).patch(`/api/v1/api-keys/${key.id}`).send({ active: false }).expect(200);
    await as(a, two.admin)
      .patch(`/api/v1/dishes/${fries}/availability`)
      .send({ available: false })
      .expect(200);
    // B's feed applies events in seq order: once this order reaches B's screen, B has passed the three changes.
    const marker = await orderOn(a, two.restaurant.beer.id);
    await screen.until((events) => createdOrderIds(events).includes(marker));

    await as(b, waiter.session).get('/api/v1/orders?perPage=1').expect(401);
    await withKey(b, key.key).get('/api/v1/orders?perPage=1').expect(401);
    const menuAfter = await as(b, two.admin).get('/api/v1/menu').expect(200);
    expect(dishIdsOf(menuAfter.body)).not.toContain(fries);
  });

  it('ends on B the sessions of a user whose password changed on A, but the session that changed it', async () => {
    const owner = await newStaff(a, Role.Admin);
    const elsewhere = await login(b, owner.username, owner.password);
    // B has both sessions in memory, and a socket of each.
    await as(b, owner.session).get('/api/v1/auth/me').expect(200);
    await as(b, elsewhere).get('/api/v1/auth/me').expect(200);
    const kept = await open(b, { token: owner.session.accessToken });
    const ended = await open(b, { token: elsewhere.accessToken });

    await as(a, owner.session)
      .patch(`/api/v1/users/${owner.id}`)
      .send({ password: 'owner-changed-secret-1' })
      .expect(200);

    expect(await ended.disconnected()).toBe('io server disconnect');
    await as(b, elsewhere).get('/api/v1/auth/me').expect(401);
    await request(b.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: elsewhere.refreshToken })
      .expect(401);
    // A later event every admin receives: the kept socket gets it, so it was not dropped with the other.
    await as(a, two.admin)
      .patch(`/api/v1/tables/${two.restaurant.table.id}/status`)
      .send({ status: 'cleaning' })
      .expect(200);
    await kept.until((events) => events.some((event) => event.type === 'table.status_changed'));
    await as(b, owner.session).get('/api/v1/auth/me').expect(200);
  });
});

/** The dishes GET /menu offers (available ones only). */
const dishIdsOf = (menu: { categories: Array<{ dishes: Array<{ id: string }> }> }) =>
  menu.categories.flatMap((category) => category.dishes.map((dish) => dish.id));
