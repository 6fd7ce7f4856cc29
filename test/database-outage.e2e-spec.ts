/**
 * The database goes away and comes back (a PostgreSQL restart, a network cut), simulated by a TCP proxy between
 * the app and the server that the test cuts and restores: while it is away the API answers 503
 * SERVICE_UNAVAILABLE with Retry-After and /health 503, never 500; the background loops warn once each and back
 * off instead of logging an error per tick; once it is back everything works again, with no order lost or doubled.
 * PostgreSQL only: SQLite is embedded in the process, there is no connection to lose.
 */
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { as, Session } from './support/clients';
import { DatabaseProxy, startDatabaseProxy } from './support/database-proxy';
import { Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { postgresUrl } from './support/test-database';
import { eventually, WebhookReceiver } from './support/webhook-receiver';
import { webhookCalls, webhooksFixture } from './support/webhooks-fixture';

const server = postgresUrl();

/** The messages logged at a level since the spy was last cleared. */
const messagesOf = (spy: jest.SpyInstance) =>
  spy.mock.calls.map((args: unknown[]) => args.find((arg) => typeof arg === 'string') ?? String(args[0]));

(server ? describe : describe.skip)('A database outage (PostgreSQL behind a proxy the test cuts)', () => {
  let proxy: DatabaseProxy;
  let t: TestApp;
  let admin: Session;
  let waiter: Session;
  let restaurant: Restaurant;
  let receiver: WebhookReceiver;
  let warnings: jest.SpyInstance;
  let errors: jest.SpyInstance;
  let infos: jest.SpyInstance;
  const { subscribe, newOrder, deliveries } = webhookCalls(
    () => t,
    () => admin,
    () => waiter,
  );
  const order = (key: string) =>
    as(t, waiter)
      .post('/api/v1/orders')
      .set('Idempotency-Key', key)
      .send({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 1 }] });

  beforeAll(async () => {
    proxy = await startDatabaseProxy(server!);
    t = await startTestApp(
      { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: '1000' },
      { databaseUrl: (url) => proxy.through(url) },
    );
    ({ admin, waiter, restaurant } = await webhooksFixture(t));
    receiver = await WebhookReceiver.start();
    warnings = jest.spyOn(Logger.prototype, 'warn');
    errors = jest.spyOn(Logger.prototype, 'error');
    infos = jest.spyOn(Logger.prototype, 'log');
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    proxy?.restore();
    await t?.close();
    await receiver?.close();
    await proxy?.close();
  });

  it('answers 503 with Retry-After while it is away, backs off quietly, and loses or doubles no order', async () => {
    const webhook = await subscribe(receiver.url('/outage'));
    const before = await newOrder(restaurant);
    // Recorded, not only sent: a delivery whose outcome the cut keeps from being recorded waits out its lease.
    await eventually('the first delivery to be recorded', async () =>
      (await deliveries(webhook.id)).some((delivery) => delivery.status === 'delivered'),
    );
    warnings.mockClear();
    errors.mockClear();

    proxy.cut();
    const key = randomUUID();
    const refusedOrder = await order(key);
    expect(refusedOrder.status).toBe(503);
    expect(refusedOrder.headers['retry-after']).toBe('5');
    expect(refusedOrder.body).toEqual({
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message: 'The database cannot be reached; try again shortly',
        details: null,
      },
    });
    const list = await as(t, waiter).get('/api/v1/orders');
    expect(list.status).toBe(503);
    expect(list.headers['retry-after']).toBe('5');
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'nobody', password: 'whatever-1' });
    expect(login.status).toBe(503);
    const health = await t.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'error', database: 'down' });

    // The loops keep trying (each try a refused connection): by then each has failed several times.
    const refusedSoFar = proxy.refused;
    infos.mockClear();
    await eventually('the webhook loops to warn', () =>
      ['Dispatching webhook deliveries', 'Enqueuing webhook deliveries'].every((loop) =>
        messagesOf(warnings).some((message) =>
          message.startsWith(`${loop} failed: the database is unreachable`),
        ),
      ),
    );
    await eventually('more tries of the loops', () => proxy.refused >= refusedSoFar + 8);
    // One warning per loop for the whole outage, however often it tried; no error at all.
    const outageWarnings = messagesOf(warnings).filter((message) => /database is unreachable/.test(message));
    expect(outageWarnings.length).toBeGreaterThanOrEqual(2);
    expect(outageWarnings.length).toBe(new Set(outageWarnings).size);
    expect(messagesOf(errors)).toEqual([]);

    proxy.restore();
    await eventually(
      '/health to answer 200 again',
      async () => (await t.http().get('/health')).status === 200,
    );
    const retried = await order(key);
    expect(retried.status).toBe(201);
    expect((await order(key)).body.id).toBe(retried.body.id);
    const after = await newOrder(restaurant);
    await eventually('the dispatcher to say it works again', () =>
      messagesOf(infos).includes('Dispatching webhook deliveries works again: the database is reachable'),
    );

    const orders = await as(t, waiter).get('/api/v1/orders?perPage=100').expect(200);
    const ids = (orders.body.items as Array<{ id: string }>).map((listed) => listed.id);
    expect(ids.sort()).toEqual([before, retried.body.id, after].sort());
    const delivered = await receiver.arrived('/outage', 3);
    const deliveredIds = delivered.map((delivery) => delivery.body.data.id);
    expect(deliveredIds.sort()).toEqual(ids.sort());
    expect(messagesOf(errors)).toEqual([]);
  });
});
