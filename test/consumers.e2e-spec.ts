/**
 * The generic parts of the durable consumer (src/event-log/consumers), proven through its first consumer, webhooks:
 * leases between instances, order per key, a lease that outlives a dead instance, and the cursor across kill -9.
 * Two runners in one process stand for two instances (each keeps its own in-flight set, as a process does); the
 * kill test runs the service as a child process and SIGKILLs it.
 */
import { Logger } from '@nestjs/common';
import { Role } from '../src/common/access/role';
import { Database } from '../src/database/database.service';
import { Consumers } from '../src/event-log/consumers/consumers.service';
import { JobDeriver } from '../src/event-log/consumers/job-deriver';
import { JobQueue } from '../src/event-log/consumers/job-queue';
import { JobRunner } from '../src/event-log/consumers/job-runner';
import { leaseUntil } from '../src/event-log/consumers/lease';
import { EventFeed } from '../src/event-log/event-feed';
import { EventLog } from '../src/event-log/event-log.service';
import { WebhooksConsumer } from '../src/integrations/webhooks/webhooks-consumer';
import { as, loginAdmin, newStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { ServiceProcess, startService } from './support/processes';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { eventually, ReceivedDelivery, WebhookReceiver } from './support/webhook-receiver';
import { DeliveryEntry, webhookCalls, webhooksFixture } from './support/webhooks-fixture';

/** Each request's X-Webhook-Id. */
const idsOf = (received: ReceivedDelivery[]) => received.map((d) => d.headers['x-webhook-id'] as string);
/** The seqs in the order they first arrived. */
const firstArrivals = (received: ReceivedDelivery[]) => [...new Set(received.map((d) => d.body.seq))];
const ascending = (seqs: number[]) => [...seqs].sort((x, y) => x - y);

describe('Consumers: leases and order per key, through webhooks', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: Session;
  let restaurant: Restaurant;
  let receiver: WebhookReceiver;
  let queue: JobQueue;
  let deriver: JobDeriver;
  const runners: JobRunner[] = [];
  const { subscribe, newOrder, deliveries } = webhookCalls(
    () => t,
    () => admin,
    () => waiter,
  );

  /** A runner as another instance would have: it runs again whenever one of its attempts finishes. */
  const instance = () => {
    const runner: JobRunner = new JobRunner(
      t.app.get(Database),
      t.clock,
      t.app.get(WebhooksConsumer),
      queue,
      new Logger('instance'),
      () => void runner.runDue(),
    );
    runners.push(runner);
    return runner;
  };

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: '1000' });
    ({ admin, waiter, restaurant } = await webhooksFixture(t));
    receiver = await WebhookReceiver.start();
    // The app's own loops stop: the test derives, and runs the jobs on the runners it makes.
    await t.app.get(Consumers).stop();
    const webhooks = t.app.get(WebhooksConsumer);
    queue = new JobQueue(t.app.get(Database), webhooks.name);
    deriver = new JobDeriver(
      t.app.get(Database),
      t.app.get(EventLog),
      t.app.get(EventFeed),
      t.clock,
      webhooks,
      queue,
    );
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });

  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('two instances never run the same job, and each key goes in seq order while the keys go side by side', async () => {
    const paths = ['/shared-1', '/shared-2', '/shared-3'];
    for (const path of paths) receiver.answer(path, 'slow');
    for (const path of paths) await subscribe(receiver.url(path));
    const orders = 8;
    for (let i = 0; i < orders; i++) await newOrder(restaurant);
    expect(await deriver.deriveAll()).toBe(orders * paths.length);

    const [a, b] = [instance(), instance()];
    await Promise.all([a.runDue(), b.runDue()]);
    for (const path of paths) {
      const arrived = await receiver.arrived(path, orders);
      expect(new Set(idsOf(arrived)).size).toBe(arrived.length);
      expect(arrived.map((d) => d.body.seq)).toEqual(ascending(arrived.map((d) => d.body.seq)));
    }
    // Side by side: a slow receiver's turn never waited for all of another key's jobs.
    const firsts = paths.map((path) => receiver.received.findIndex((d) => d.path === path));
    expect(Math.max(...firsts)).toBeLessThan(orders);
  });

  it('takes a job again once the lease of an instance that died holding it runs out, and not before', async () => {
    const { id } = await subscribe(receiver.url('/orphaned'));
    const { id: other } = await subscribe(receiver.url('/alive'));
    await newOrder(restaurant);
    await newOrder(restaurant);
    await deriver.deriveAll();
    const [head] = (await deliveries(id)).sort((x, y) => x.seq - y.seq);
    // An instance leases the head and dies.
    const now = t.clock.now();
    const timeoutMs = t.app.get(WebhooksConsumer).attemptTimeoutMs;
    expect(await queue.claim(head.id, now, leaseUntil(now, timeoutMs))).toBe(true);

    await instance().runDue();
    // The other subscription's two deliveries go; the orphaned one's head waits out its lease, its second behind it.
    await receiver.arrived('/alive', 2);
    await eventually('both of /alive recorded', async () =>
      (await deliveries(other)).every((d) => d.status === 'delivered'),
    );
    expect(receiver.at('/orphaned')).toEqual([]);

    t.clock.advance(leaseUntil(now, timeoutMs).getTime() - now.getTime() + 1);
    await instance().runDue();
    const arrived = await receiver.arrived('/orphaned', 2);
    expect(arrived.map((d) => d.headers['x-webhook-id'])[0]).toBe(head.id);
    expect(arrived.map((d) => d.body.seq)).toEqual(ascending(arrived.map((d) => d.body.seq)));
  });
});

describe('Consumers: the cursor across kill -9, through webhooks', () => {
  let database: TestDatabase;
  let receiver: WebhookReceiver;
  let service: ServiceProcess | undefined;
  const env = () => ({
    DATABASE_URL: database.url,
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_TIMEOUT_MS: '1000',
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    service?.child.kill('SIGKILL');
    await service?.exited;
    await receiver.close();
    await database.drop();
  });

  it('derives every event once and delivers each, in order, after a SIGKILL in the middle of the load', async () => {
    service = await startService(env());
    const admin = await loginAdmin(service);
    const waiter = (await newStaff(service, Role.Waiter)).session;
    const restaurant = await factories(service, admin).newRestaurant();
    const created = await as(service, admin)
      .post('/api/v1/webhooks')
      .send({ url: receiver.url('/killed'), events: ['order.created'] })
      .expect(201);
    const webhookId = created.body.id as string;
    receiver.answer('/killed', 'slow');
    const acknowledged: string[] = [];
    const order = async (server: ServiceProcess) => {
      const response = await as(server, waiter)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 1 }] });
      expect(response.status).toBe(201);
      acknowledged.push(response.body.id as string);
    };

    let killed = false;
    const client = async (server: ServiceProcess) => {
      while (!killed) {
        try {
          await order(server);
        } catch (error) {
          // Only the requests cut off by the kill may fail.
          if (!killed) throw error;
        }
      }
    };
    const clients = [client(service), client(service)];
    await eventually(
      'a backlog before the kill',
      () => acknowledged.length >= 30 && receiver.at('/killed').length >= 3,
    );
    killed = true;
    service.child.kill('SIGKILL');
    await service.exited;
    await Promise.all(clients);
    const arrivedBeforeKill = receiver.at('/killed').length;

    service = await startService(env());
    for (let i = 0; i < 10; i++) await order(service);

    // Every order.created in the log has exactly one delivery, and each arrives: the log is the truth.
    const restarted = service;
    const log = await eventually(
      'every delivery delivered',
      async () => {
        const items = await allDeliveries(restarted, admin, webhookId);
        return items.every((d) => d.status === 'delivered') && items;
      },
      90_000,
    );
    const received = receiver.at('/killed');
    const seqs = log.map((d) => d.seq);
    expect(new Set(seqs).size).toBe(log.length);
    expect(new Set(idsOf(received))).toEqual(new Set(log.map((d) => d.id)));
    expect(firstArrivals(received)).toEqual(ascending(seqs));
    const deliveredOrders = new Set(received.map((d) => d.body.data.id));
    expect(acknowledged.filter((id) => !deliveredOrders.has(id))).toEqual([]);
    const twice = received.length - new Set(idsOf(received)).size;
    process.stdout.write(
      `consumer kill -9: ${acknowledged.length} orders acknowledged, ${log.length} events derived once each, ` +
        `${arrivedBeforeKill} arrived before the kill, ${received.length} in all, ${twice} arrived twice ` +
        `(an attempt in flight at the kill, same X-Webhook-Id)\n`,
    );
    expect(twice).toBeLessThanOrEqual(1);
  }, 180_000);
});

/** Every delivery of a subscription, page by page. */
async function allDeliveries(
  server: ServiceProcess,
  admin: Session,
  webhookId: string,
): Promise<DeliveryEntry[]> {
  const all: DeliveryEntry[] = [];
  for (let page = 1; ; page++) {
    const { body } = await as(server, admin)
      .get(`/api/v1/webhooks/${webhookId}/deliveries?perPage=100&page=${page}`)
      .expect(200);
    all.push(...(body.items as DeliveryEntry[]));
    if (page >= body.pages) return all;
  }
}
