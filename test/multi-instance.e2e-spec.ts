/**
 * Two instances of the service, as processes, on one PostgreSQL database and one Redis: what one commits reaches a
 * kitchen screen on the other at once, in seq order and exactly once, and replay and GET /events on either cover
 * both. Runs when DATABASE_URL is PostgreSQL and REDIS_URL is set (as `.ci/run` does); skipped otherwise.
 */
import type { ChildProcess } from 'node:child_process';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, Server, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { launch, waitForHealth } from './support/processes';
import { connect, Envelope, TestSocket } from './support/sockets';
import { createTestDatabase, databaseKind, TestDatabase } from './support/test-database';
import { ADMIN } from './support/test-app';

const redisUrl = process.env.REDIS_URL;
const runs = databaseKind() === 'postgres' && redisUrl ? describe : describe.skip;
const ORDERS = 30;

runs('Two instances on one PostgreSQL and Redis', () => {
  let database: TestDatabase;
  const processes: ChildProcess[] = [];
  let a: Server;
  let b: Server;
  let admin: Session;
  let waiter: Session;
  let restaurant: Restaurant;
  const sockets: TestSocket[] = [];

  async function startInstance(): Promise<Server> {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const child = launch('src/main.ts', {
      PORT: port,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl!,
      JWT_SECRET: 'j'.repeat(40),
      PIN_PEPPER: 'p'.repeat(40),
      ENCRYPTION_KEY: 'e'.repeat(64),
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    });
    processes.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child);
    return { url };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startInstance();
    b = await startInstance();
    admin = await loginAdmin(a);
    waiter = (await newStaff(a, Role.Waiter)).session;
    restaurant = await factories(a, admin).newRestaurant();
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const child of processes) child.kill('SIGTERM');
    await database.drop();
  });

  const open = async (server: Server, auth: Record<string, unknown>) => {
    const socket = await connect(server, auth);
    sockets.push(socket);
    return socket;
  };
  const orderIds = (events: Envelope[]) =>
    events.filter((event) => event.type === 'order.created').map((event) => event.data.id as string);

  it('says so in /health on both', async () => {
    for (const server of [a, b]) {
      const health = await as(server, admin).get('/health').expect(200);
      expect(health.body.realtime).toBe('redis');
    }
  });

  it('delivers orders taken on A to a kitchen screen on B at once, in seq order, exactly once', async () => {
    const kitchen = await newStaff(b, Role.Kitchen);
    const screen = await open(b, { token: kitchen.session.accessToken });
    const created: string[] = [];
    const latenciesMs: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const response = await as(a, waiter)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: restaurant.fries.id, quantity: 1 }] })
        .expect(201);
      const answeredAt = performance.now();
      created.push(response.body.id);
      await screen.until((events) => orderIds(events).includes(response.body.id));
      latenciesMs.push(performance.now() - answeredAt);
    }
    expect(orderIds(screen.received)).toEqual(created);
    const seqs = screen.received.map((event) => event.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    const sorted = [...latenciesMs].sort((x, y) => x - y);
    process.stdout.write(
      `cross-instance latency (reply on A to kitchen screen on B), ${ORDERS} orders: ` +
        `p50 ${sorted[Math.floor(ORDERS / 2)].toFixed(1)} ms, max ${sorted[ORDERS - 1].toFixed(1)} ms\n`,
    );
  });

  it('replays on B, and answers GET /events on B, with events written by A', async () => {
    const before = await as(b, admin).get('/api/v1/events?since=0&limit=1').expect(200);
    const since = before.body.lastSeq as number;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await as(a, waiter)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 1 }] })
        .expect(201);
      created.push(response.body.id);
    }
    const replaying = await open(b, { token: admin.accessToken, since });
    await replaying.until((events) => created.every((id) => orderIds(events).includes(id)));
    expect(orderIds(replaying.received)).toEqual(created);

    const caughtUp = await as(b, admin).get(`/api/v1/events?since=${since}&limit=100`).expect(200);
    expect(orderIds(caughtUp.body.items)).toEqual(created);
  });
});
