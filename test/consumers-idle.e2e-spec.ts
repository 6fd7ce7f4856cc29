/**
 * A consumer with nothing to do (no webhook subscription, no active kitchen printer) passes the log's events with
 * reads only; what gives it work later starts at the log's end: a subscription made later is sent only what
 * follows it, a kitchen printer added later prints no old ticket and misses no new one.
 */
import { as } from './support/clients';
import { FakePrinter } from './support/fake-printers';
import { Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { webhookCalls, webhooksFixture } from './support/webhooks-fixture';
import { WebhookReceiver } from './support/webhook-receiver';
import type { Session } from './support/clients';

describe('Consumers with nothing to do', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: Session;
  let restaurant: Restaurant;
  let receiver: WebhookReceiver;
  let grill: FakePrinter;
  const { subscribe, newOrder, deliveries } = webhookCalls(
    () => t,
    () => admin,
    () => waiter,
  );

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    ({ admin, waiter, restaurant } = await webhooksFixture(t));
    receiver = await WebhookReceiver.start();
    grill = await FakePrinter.start();
  });

  afterAll(async () => {
    await t.close();
    await receiver.close();
    await grill.down();
  });

  const cursorOf = async (name: string) =>
    Number(
      (
        await t.dataSource.query(
          t.config.database.kind === 'postgres'
            ? 'SELECT seq FROM consumer_cursors WHERE name = $1'
            : 'SELECT seq FROM consumer_cursors WHERE name = ?',
          [name],
        )
      )[0].seq,
    );

  it('writes nothing for orders no one consumes, and starts a later subscription and printer at their creation', async () => {
    const printersCursor = await cursorOf('printers');
    for (let i = 0; i < 5; i++) await newOrder(restaurant);

    const { id } = await subscribe(receiver.url('/later'));
    const sixth = await newOrder(restaurant);
    const [arrived] = await receiver.arrived('/later', 1);
    expect(arrived.body.data.id).toBe(sixth);
    // Each order woke both consumers as it committed, before the sixth's delivery was derived: the printers
    // consumer passed the five orders' events, and wrote nothing for them.
    expect(await cursorOf('printers')).toBe(printersCursor);

    await as(t, admin)
      .post('/api/v1/printers')
      .send({
        name: 'Grill',
        kind: 'kitchen',
        widthChars: 42,
        connection: grill.connection(),
        stationIds: [restaurant.grill.id, restaurant.bar.id],
      })
      .expect(201);
    const seventh = await newOrder(restaurant);
    const eighth = await newOrder(restaurant);
    await receiver.arrived('/later', 3);
    await grill.waitFor(2);
    const orderIds = receiver.at('/later').map((delivery) => delivery.body.data.id);
    expect(orderIds).toEqual([sixth, seventh, eighth]);
    expect((await deliveries(id)).map((delivery) => delivery.seq).sort((a, b) => a - b)).toEqual(
      receiver
        .at('/later')
        .map((delivery) => delivery.body.seq)
        .sort((a, b) => a - b),
    );
    const jobs = await as(t, admin).get('/api/v1/print-jobs').query({ perPage: 100 }).expect(200);
    expect((jobs.body.items as Array<{ orderId: string }>).map((job) => job.orderId).sort()).toEqual(
      [seventh, eighth].sort(),
    );
  });
});
