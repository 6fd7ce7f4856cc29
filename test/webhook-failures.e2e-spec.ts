import { MAX_ATTEMPTS, retryCapMs } from '../src/integrations/webhooks/retry-schedule';
import { Consumers } from '../src/event-log/consumers/consumers.service';
import { Session } from './support/clients';
import { Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { eventually, WebhookReceiver } from './support/webhook-receiver';
import { webhookCalls, webhooksFixture } from './support/webhooks-fixture';

describe('Webhooks: exhausted retries, re-enabling, and a restart in the middle of a backlog', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: Session;
  let restaurant: Restaurant;
  let receiver: WebhookReceiver;
  const { api, subscribe, newOrder, deliveries, deliveryOf } = webhookCalls(
    () => t,
    () => admin,
    () => waiter,
  );

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    ({ admin, waiter, restaurant } = await webhooksFixture(t));
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('disables a subscription whose delivery failed every attempt, audits it, and resumes its backlog in order once re-enabled', async () => {
    receiver.answer('/dead', 'fail');
    const { id } = await subscribe(receiver.url('/dead'));
    await newOrder(restaurant);
    const [first] = await receiver.arrived('/dead', 1);
    const seq = first.body.seq;
    // The back-off is random from 0: a retry may come before the record of the attempt before it is read.
    for (let attempts = 0; attempts < MAX_ATTEMPTS - 1;) {
      const seen = attempts;
      ({ attempts } = await deliveryOf(id, seq, (d) => d.attempts > seen, `attempt ${seen + 1}`));
      t.clock.advance(retryCapMs(attempts));
    }
    const failed = await deliveryOf(id, seq, (d) => d.status === 'failed', 'the delivery given up');
    expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, nextAttemptAt: null, responseStatus: 500 });
    expect(receiver.at('/dead')).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(receiver.at('/dead').map((d) => d.headers['x-webhook-id']))).toEqual(new Set([failed.id]));

    const webhook = (await api().get(`/api/v1/webhooks/${id}`).expect(200)).body;
    expect(webhook.active).toBe(false);
    expect(webhook.disabledReason).toContain(`Delivery ${failed.id} (event ${seq}) failed 15 attempts`);
    const security = await api().get('/api/v1/security/events?perPage=100').expect(200);
    const disabled = security.body.items.find((e: { type: string }) => e.type === 'webhook.disabled');
    expect(disabled).toMatchObject({ subject: id, details: { webhookId: id, deliveryId: failed.id, seq } });
    const [audit] = await t.dataSource.query(
      `SELECT actor, before, after FROM audit_log WHERE entity_id = $1 AND action = 'webhook.disabled'`,
      [id],
    );
    expect(audit.actor).toBe('system');
    expect(JSON.parse(audit.before).active).toBe(true);
    expect(JSON.parse(audit.after).active).toBe(false);

    // Events keep queueing while it is disabled, and nothing goes out.
    await newOrder(restaurant);
    await newOrder(restaurant);
    const queued = await eventually('two queued deliveries', async () => {
      const pending = await deliveries(id, '&status=pending');
      return pending.length === 2 && pending;
    });
    expect(queued.map((d) => d.attempts)).toEqual([0, 0]);
    const redeliver = await api().post(`/api/v1/webhooks/${id}/deliveries/${failed.id}/redeliver`);
    expect(redeliver.status).toBe(409);

    receiver.answer('/dead', 'ok');
    const enabled = await api().patch(`/api/v1/webhooks/${id}`).send({ active: true }).expect(200);
    expect(enabled.body).toMatchObject({ active: true, disabledReason: null });
    const resumed = await eventually(
      'the backlog',
      () => receiver.acceptedAt('/dead').length === 2 && receiver.acceptedAt('/dead'),
    );
    expect(resumed.map((d) => d.body.seq)).toEqual(queued.map((d) => d.seq).reverse());
    // The given-up delivery stays failed: only a redelivery sends it again.
    expect((await deliveries(id, '&status=failed')).map((d) => d.id)).toEqual([failed.id]);
  });

  it('delivers every pending delivery, and every event not yet enqueued, exactly once across a restart', async () => {
    receiver.answer('/restart', 'fail');
    const { id } = await subscribe(receiver.url('/restart'));
    const enqueued = 12;
    const unenqueued = 3;
    for (let i = 0; i < enqueued; i++) await newOrder(restaurant);
    const [head] = await receiver.arrived('/restart', 1);
    // The back-off is random from 0, so a retry may already have failed too by the time the record is read.
    const { attempts } = await deliveryOf(
      id,
      head.body.seq,
      (d) => d.attempts >= 1,
      'the failed first attempt',
    );
    // The receiver recovers and the backlog starts going out, slowly; the service stops in the middle of it.
    receiver.answer('/restart', 'slow');
    t.clock.advance(retryCapMs(attempts + 1));
    await eventually('the backlog under way', () => receiver.acceptedAt('/restart').length >= 2);
    // As if the process died right after these commits: their events are in the log, not yet in deliveries.
    await t.app.get(Consumers).stop();
    for (let i = 0; i < unenqueued; i++) await newOrder(restaurant);
    t = await t.restart();
    const acceptedBefore = receiver.acceptedAt('/restart').length;
    const pendingAtRestart = (await deliveries(id, '&status=pending')).length;
    expect(acceptedBefore + pendingAtRestart).toBeGreaterThanOrEqual(enqueued);

    const total = enqueued + unenqueued;
    const accepted = await eventually(
      'all deliveries',
      () => receiver.acceptedAt('/restart').length >= total && receiver.acceptedAt('/restart'),
    );
    const log = await eventually('every delivery recorded', async () => {
      const items = await deliveries(id, '&status=delivered');
      return items.length === total && items;
    });
    const byId = new Set(accepted.map((d) => d.headers['x-webhook-id']));
    const bySeq = accepted.map((d) => d.body.seq);
    process.stdout.write(
      `webhook restart: ${enqueued - acceptedBefore} pending and ${unenqueued} not yet enqueued at restart, ` +
        `${accepted.length} arrived in all, ${accepted.length - byId.size} arrived twice\n`,
    );
    expect(accepted).toHaveLength(total);
    expect(byId.size).toBe(total);
    expect(bySeq).toEqual([...new Set(bySeq)].sort((a, b) => a - b));
    expect(new Set(log.map((d) => d.id))).toEqual(byId);
  });
});

describe('Webhooks without WEBHOOK_ALLOW_PRIVATE', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: Session;
  let restaurant: Restaurant;
  let receiver: WebhookReceiver;
  const { api, subscribe, newOrder, deliveries } = webhookCalls(
    () => t,
    () => admin,
    () => waiter,
  );

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, waiter, restaurant } = await webhooksFixture(t));
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://10.1.2.3/hook',
    'http://172.16.0.1/hook',
    'http://192.168.1.20/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/hook',
    'http://0.0.0.0/hook',
    'http://224.0.0.1/hook',
    'http://[::1]/hook',
    'http://[fd00::1]/hook',
    'http://[fe80::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::]/hook',
    // Non-public addresses in disguise: embedding a private one, or special-purpose themselves.
    'http://[::127.0.0.1]/hook',
    'http://[::ffff:0:127.0.0.1]/hook',
    'http://[64:ff9b::127.0.0.1]/hook',
    'http://[2002:7f00:1::1]/hook',
    'http://[2002:a9fe:a9fe::1]/latest/meta-data',
    'http://[fec0::1]/hook',
    'http://192.0.2.1/hook',
    'http://198.51.100.1/hook',
    'http://203.0.113.1/hook',
    'http://[2001:db8::1]/hook',
  ])('refuses the literal non-public address of %s with 422', async (url) => {
    const response = await api()
      .post('/api/v1/webhooks')
      .send({ url, events: ['order.created'] });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([
      { field: 'url', message: expect.stringMatching(/non-public address/) },
    ]);
  });

  it('refuses at delivery time a name that resolves to loopback, and the receiver gets nothing', async () => {
    const { id } = await subscribe(receiver.url('/private', 'localhost'));
    await newOrder(restaurant);
    const [refused] = await eventually('the refused attempt', async () => {
      const items = await deliveries(id);
      return items.length === 1 && items[0].attempts === 1 && items;
    });
    expect(refused).toMatchObject({
      status: 'pending',
      responseStatus: null,
      durationMs: expect.any(Number),
    });
    expect(refused.error).toMatch(/^refused: localhost resolves to .*(127\.0\.0\.1|::1)/);
    expect(receiver.at('/private')).toEqual([]);
  });
});
