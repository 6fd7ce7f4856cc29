/**
 * SIGTERM, as an orchestrator or `docker stop` sends it: the service stops accepting, finishes the request in
 * flight, closes socket transports so clients reconnect elsewhere, saves what it batches (API key usage), and exits
 * 0 within SHUTDOWN_TIMEOUT_MS; a request that never finishes cannot hold it past that bound.
 */
import http from 'node:http';
import { Role } from '../src/common/access/role';
import { as, issueKey, loginAdmin, newStaff, RawResponse, Session, withKey } from './support/clients';
import { factories } from './support/factories';
import { refusesConnections, ServiceProcess, startService } from './support/processes';
import { connect } from './support/sockets';
import { eventually, WebhookReceiver } from './support/webhook-receiver';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * A POST whose headers the service has read (it answered 100 Continue) but whose body is not sent yet: a request
 * in flight for as long as the test likes.
 */
function requestInFlight(url: string, path: string, token: string, body: unknown) {
  const target = new URL(path, url);
  const payload = JSON.stringify(body);
  const outgoing = http.request({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(payload),
      Expect: '100-continue',
    },
  });
  const answered = new Promise<RawResponse>((resolve, reject) => {
    outgoing.on('response', (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: JSON.parse(text) }),
      );
    });
    outgoing.on('error', reject);
  });
  // A request that never finishes ends in a reset when the service exits: the test that makes one does not ask.
  answered.catch(() => undefined);
  const headersRead = new Promise<void>((resolve) => outgoing.once('continue', () => resolve()));
  outgoing.flushHeaders();
  return {
    headersRead,
    finish: () => {
      outgoing.end(payload);
      return answered;
    },
  };
}

describe('Shutting down on SIGTERM', () => {
  let database: TestDatabase;
  const running: ServiceProcess[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const service = await startService({ DATABASE_URL: database.url, LOG_LEVEL: 'info', ...env });
    running.push(service);
    return service;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterEach(() => {
    for (const service of running.splice(0)) service.child.kill('SIGKILL');
  });

  afterAll(() => database.drop());

  it('finishes the request in flight, sends sockets to reconnect, saves key usage, and exits 0', async () => {
    const service = await start();
    const admin: Session = await loginAdmin(service);
    const restaurant = await factories(service, admin).newRestaurant();
    const waiter = await newStaff(service, Role.Waiter);
    const key = await issueKey(service, admin, { scopes: ['orders:read'] });
    for (let i = 0; i < 7; i++) await withKey(service, key.key).get('/api/v1/orders').expect(200);
    const kitchen = await newStaff(service, Role.Kitchen);
    const screen = await connect(service, { token: kitchen.session.accessToken });
    const order = requestInFlight(service.url, '/api/v1/orders', waiter.session.accessToken, {
      type: 'takeaway',
      items: [{ dishId: restaurant.fries.id, quantity: 2 }],
    });
    await order.headersRead;

    service.child.kill('SIGTERM');
    // "transport close" is the reason a socket.io client reconnects on by itself ("io server disconnect" is not).
    expect(await screen.disconnected()).toBe('transport close');
    expect(await refusesConnections(service.url)).toBe(true);
    const created = await order.finish();
    expect(created.status).toBe(201);
    expect(await service.exited).toBe(0);
    const logs = service.child.output().stdout;
    expect(logs).toContain('Shutting down');
    expect(logs).toContain('"msg":"Shut down"');

    const next = await start();
    const stored = await as(next, waiter.session).get(`/api/v1/orders/${created.body.id}`).expect(200);
    expect(stored.body.items[0]).toMatchObject({ dishId: restaurant.fries.id, quantity: 2 });
    const usage = await as(next, admin).get(`/api/v1/api-keys/${key.id}/usage`).expect(200);
    expect(usage.body.requests).toBe(7);
  });

  it('lets a webhook send in flight finish, and records it, before exiting', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      receiver.answer('/orders', 'held');
      const service = await start({ WEBHOOK_ALLOW_PRIVATE: 'true' });
      const admin = await loginAdmin(service);
      const restaurant = await factories(service, admin).newRestaurant();
      const waiter = await newStaff(service, Role.Waiter);
      const webhook = await as(service, admin)
        .post('/api/v1/webhooks')
        .send({ url: receiver.url('/orders'), events: ['order.created'] })
        .expect(201);
      let server: ServiceProcess = service;
      const order = () =>
        as(server, waiter.session)
          .post('/api/v1/orders')
          .send({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 1 }] })
          .expect(201);
      const first = await order();
      const [inFlight] = await receiver.arrived('/orders', 1);

      service.child.kill('SIGTERM');
      await eventually('the shutdown to start', () =>
        service.child.output().stdout.includes('Shutting down'),
      );
      receiver.release();
      expect(await service.exited).toBe(0);

      server = await start({ WEBHOOK_ALLOW_PRIVATE: 'true' });
      const deliveries = await as(server, admin)
        .get(`/api/v1/webhooks/${webhook.body.id}/deliveries`)
        .expect(200);
      expect(deliveries.body.items).toEqual([
        expect.objectContaining({ seq: inFlight.body.seq, status: 'delivered', attempts: 1 }),
      ]);
      // Deliveries go out in seq order: a resend of the first would arrive before the next order's.
      receiver.answer('/orders', 'ok');
      const second = await order();
      const arrived = await receiver.arrived('/orders', 2);
      expect(arrived.map((delivery) => delivery.body.data.id)).toEqual([first.body.id, second.body.id]);
    } finally {
      await receiver.close();
    }
  });

  it('exits within SHUTDOWN_TIMEOUT_MS even when a request never finishes', async () => {
    const service = await start({ SHUTDOWN_TIMEOUT_MS: '1000' });
    const admin = await loginAdmin(service);
    const stuck = requestInFlight(service.url, '/api/v1/orders', admin.accessToken, { type: 'takeaway' });
    await stuck.headersRead;

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(1);
    expect(service.child.output().stdout).toContain('Shutdown took too long');
  });
});
