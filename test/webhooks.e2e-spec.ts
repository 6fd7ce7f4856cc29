import { Logger } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { Database } from '../src/database/database.service';
import { Consumers } from '../src/event-log/consumers/consumers.service';
import { JobDeriver } from '../src/event-log/consumers/job-deriver';
import { JobQueue } from '../src/event-log/consumers/job-queue';
import { JobRunner } from '../src/event-log/consumers/job-runner';
import { EventFeed } from '../src/event-log/event-feed';
import { EventLog } from '../src/event-log/event-log.service';
import { WebhooksConsumer } from '../src/integrations/webhooks/webhooks-consumer';
import { INTEGRATION_EVENT_TYPES } from '../src/event-log/event-type';
import { Session } from './support/clients';
import { Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { eventually, ReceivedDelivery, WebhookReceiver } from './support/webhook-receiver';
import {
  DeliveryEntry,
  expectedSignature,
  signaturesOf,
  verifies,
  webhookCalls,
  webhooksFixture,
} from './support/webhooks-fixture';

const MINUTE = 60_000;

describe('Webhooks: subscriptions, signed ordered deliveries, retries, redelivery', () => {
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
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: '1000' });
    ({ admin, waiter, restaurant } = await webhooksFixture(t));
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('creates a subscription that shows its secret once, and audits every write without it', async () => {
    const created = await api()
      .post('/api/v1/webhooks')
      .send({ url: receiver.url('/crud'), events: ['order.created', 'order.paid'], description: 'Books' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      url: receiver.url('/crud'),
      events: ['order.created', 'order.paid'],
      active: true,
      description: 'Books',
      personalData: false,
      disabledReason: null,
      previousSecretExpiresAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    const { id, secret } = created.body;
    const read = await api().get(`/api/v1/webhooks/${id}`).expect(200);
    expect(read.body).not.toHaveProperty('secret');
    const list = await api().get('/api/v1/webhooks?perPage=1').expect(200);
    expect(list.body).toMatchObject({ page: 1, perPage: 1, total: 1, pages: 1 });
    expect(list.body.items[0]).not.toHaveProperty('secret');

    const patched = await api()
      .patch(`/api/v1/webhooks/${id}`)
      .send({ events: ['order.paid'], description: null })
      .expect(200);
    expect(patched.body).toMatchObject({ events: ['order.paid'], description: null });
    const rotated = await api().post(`/api/v1/webhooks/${id}/rotate-secret`).expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    await api().delete(`/api/v1/webhooks/${id}`).expect(204);
    await api().get(`/api/v1/webhooks/${id}`).expect(404);

    const entries: Array<{ action: string; actor: string; before: string | null; after: string | null }> =
      await t.dataSource.query(`SELECT * FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at`, [id]);
    expect(entries.map((entry) => entry.action)).toEqual([
      'webhook.created',
      'webhook.updated',
      'webhook.secret_rotated',
      'webhook.deleted',
    ]);
    expect(entries.every((entry) => entry.actor === `staff:${admin.user.id}`)).toBe(true);
    const stored = JSON.stringify(entries);
    for (const value of [secret, rotated.body.secret, 'whsec_']) expect(stored).not.toContain(value);
  });

  it('keeps the secret encrypted at rest', async () => {
    const { id, secret } = await subscribe(receiver.url('/at-rest'));
    const [row] = await t.dataSource.query(`SELECT sealed_secret FROM webhooks WHERE id = $1`, [id]);
    expect(row.sealed_secret).toMatch(/^v1\./);
    expect(row.sealed_secret).not.toContain(secret.slice(6));
    await api().delete(`/api/v1/webhooks/${id}`).expect(204);
  });

  it('refuses bad input with 422 naming the field, and a wrong event type by name', async () => {
    const refusals: Array<[object, string, RegExp]> = [
      [
        { url: receiver.url('/x'), events: ['order.created', 'staff.access_changed'] },
        'events',
        /staff\.access_changed/,
      ],
      [
        { url: receiver.url('/x'), events: ['order.delayed'] },
        'events',
        /"order\.delayed" is not an event type/,
      ],
      [{ url: receiver.url('/x'), events: [] }, 'events', /at least 1/],
      [{ url: receiver.url('/x') }, 'events', /./],
      [{ url: 'ftp://example.com/hook', events: ['order.created'] }, 'url', /http or https/],
      [{ url: 'not a url', events: ['order.created'] }, 'url', /http or https/],
      [{ url: `https://example.com/${'a'.repeat(2000)}`, events: ['order.created'] }, 'url', /2000/],
      [{ url: 'https://user:pw@example.com/', events: ['order.created'] }, 'url', /credentials/],
    ];
    for (const [body, field, message] of refusals) {
      const response = await api().post('/api/v1/webhooks').send(body);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      const detail = response.body.error.details.find((d: { field: string }) => d.field === field);
      expect(detail?.message).toMatch(message);
    }
    expect((await api().get('/api/v1/webhooks').expect(200)).body.total).toBe(0);
  });

  it('POSTs each event as its envelope, signed over the raw body, with the documented headers', async () => {
    // With the consent to personal data it receives the order as staff read it from GET /events.
    const { id, secret } = await subscribe(receiver.url('/signed'), ['order.created'], {
      personalData: true,
    });
    await newOrder(restaurant);
    const [arrived] = await receiver.arrived('/signed', 1);
    expect(arrived.headers['content-type']).toBe('application/json');
    expect(arrived.headers['user-agent']).toMatch(/^restaurant-pos-webhooks\//);
    expect(arrived.headers['x-webhook-event']).toBe('order.created');
    const { t: timestamp, v1 } = signaturesOf(arrived);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(v1).toEqual([expectedSignature(secret, timestamp, arrived.rawBody)]);
    expect(verifies(secret, arrived)).toBe(true);
    expect(verifies(secret, { ...arrived, rawBody: `${arrived.rawBody} ` })).toBe(false);
    // Standard Webhooks headers beside it, which the off-the-shelf verifier accepts as they come.
    const standard = standardHeadersOf(arrived);
    expect(standard['webhook-id']).toBe(arrived.headers['x-webhook-id']);
    expect(standard['webhook-timestamp']).toBe(String(timestamp));
    expect(new Webhook(secret).verify(arrived.rawBody, standard)).toEqual(arrived.body);
    expect(() => new Webhook(secret).verify(`${arrived.rawBody} `, standard)).toThrow(
      /No matching signature/,
    );
    // The envelope, as GET /events gives it: the body is the event, byte for byte as signed.
    const seq = arrived.body.seq;
    const events = await api()
      .get(`/api/v1/events?since=${seq - 1}&limit=1`)
      .expect(200);
    expect(arrived.body).toEqual(events.body.items[0]);
    expect(Object.keys(arrived.body)).toEqual(['seq', 'type', 'occurredAt', 'data']);
    const delivered = await deliveryOf(id, seq, (d) => d.status === 'delivered', 'delivered in the log');
    expect(delivered).toMatchObject({
      id: arrived.headers['x-webhook-id'],
      webhookId: id,
      eventType: 'order.created',
      attempts: 1,
      responseStatus: 200,
      responseSnippet: 'thanks',
      error: null,
      nextAttemptAt: null,
      redeliveryOf: null,
    });
    expect(delivered.durationMs).toEqual(expect.any(Number));
    expect(delivered.deliveredAt).toEqual(expect.any(String));

    // The document lists this delivery with every signature header it carried.
    const document = (await t.http().get('/docs-json').expect(200)).body as Record<string, unknown>;
    const webhooks = document.webhooks as Record<string, DocumentedDelivery>;
    expect(Object.keys(webhooks).sort()).toEqual([...INTEGRATION_EVENT_TYPES].sort());
    const declared = webhooks['order.created'].post.parameters.map(({ name }) => name.toLowerCase());
    const sent = Object.keys(arrived.headers).filter((name) => /^(x-)?webhook-/.test(name));
    expect(sent).toHaveLength(6);
    expect(declared.sort()).toEqual(sent.sort());
  });

  it('delivers only the subscribed types that integrations may see, and nothing from before it existed', async () => {
    await newOrder(restaurant);
    const { id } = await subscribe(receiver.url('/paid-only'), ['order.paid']);
    const { id: all } = await subscribe(receiver.url('/all-types'), ['order.created', 'order.updated']);
    await newOrder(restaurant);
    await receiver.arrived('/all-types', 1);
    expect(receiver.at('/all-types')[0].body.type).toBe('order.created');
    expect(await deliveries(id)).toEqual([]);
    expect(await deliveries(all)).toHaveLength(1);
  });

  it('sends one subscription its events strictly in seq order', async () => {
    await subscribe(receiver.url('/ordered'));
    const orders = await Promise.all(Array.from({ length: 8 }, () => newOrder(restaurant)));
    const arrived = await receiver.arrived('/ordered', 8);
    const seqs = arrived.map((delivery) => delivery.body.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(arrived.map((delivery) => delivery.body.data.id))).toEqual(new Set(orders));
  });

  it('holds back a failing subscription’s later events, not another’s; retries after a 500 and then delivers in order', async () => {
    receiver.answer('/failing', 'fail');
    const { id: failing } = await subscribe(receiver.url('/failing'));
    await subscribe(receiver.url('/healthy'));
    for (let i = 0; i < 3; i++) await newOrder(restaurant);
    await receiver.arrived('/healthy', 3);
    const seqs = receiver.at('/healthy').map((delivery) => delivery.body.seq);
    const head = await deliveryOf(failing, seqs[0], (d) => d.attempts === 1, 'the first failed attempt');
    expect(head).toMatchObject({
      status: 'pending',
      responseStatus: 500,
      error: 'the receiver answered 500',
    });
    expect(head.responseSnippet).toBe('receiver broke');
    expect(new Date(head.nextAttemptAt!).getTime()).toBeLessThanOrEqual(
      new Date(head.lastAttemptAt!).getTime() + MINUTE,
    );
    const waiting = (await deliveries(failing)).filter((d) => d.seq !== seqs[0]);
    expect(waiting.map((d) => [d.status, d.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(receiver.at('/failing').map((delivery) => delivery.body.seq)).toEqual([seqs[0]]);

    receiver.answer('/failing', 'ok');
    t.clock.advance(MINUTE);
    await eventually('the backlog', () => receiver.acceptedAt('/failing').length === 3);
    expect(receiver.acceptedAt('/failing').map((delivery) => delivery.body.seq)).toEqual(seqs);
    // The retry carries the first attempt's X-Webhook-Id, so a receiver can drop a repeat.
    const ids = receiver.at('/failing').map((delivery) => delivery.headers['x-webhook-id']);
    expect(ids[0]).toBe(ids[1]);
    const delivered = await deliveryOf(
      failing,
      seqs[0],
      (d) => d.status === 'delivered',
      'the head delivered',
    );
    expect(delivered).toMatchObject({ attempts: 2, responseStatus: 200, error: null });
  });

  it('counts a receiver that does not answer in time as a failed attempt, and retries it', async () => {
    receiver.answer('/slow', 'hang');
    const { id } = await subscribe(receiver.url('/slow'));
    await newOrder(restaurant);
    const [arrived] = await receiver.arrived('/slow', 1);
    const seq = arrived.body.seq;
    // The attempt's count and its outcome (the duration) commit together and are read together: seeing the
    // count is seeing the duration.
    const failed = await deliveryOf(id, seq, (d) => d.attempts === 1, 'the timed-out attempt');
    expect(failed).toMatchObject({
      status: 'pending',
      responseStatus: null,
      error: 'timed out after 1000 ms',
    });
    expect(failed.durationMs).toBeGreaterThanOrEqual(900);
    receiver.answer('/slow', 'ok');
    t.clock.advance(MINUTE);
    await deliveryOf(id, seq, (d) => d.status === 'delivered' && d.attempts === 2, 'the retry delivered');
    expect(receiver.acceptedAt('/slow')).toHaveLength(1);
  });

  it('redelivers on request: a new delivery of the same event, at once, in the log', async () => {
    const { id, secret } = await subscribe(receiver.url('/again'));
    await newOrder(restaurant);
    const [first] = await receiver.arrived('/again', 1);
    const original = await deliveryOf(id, first.body.seq, (d) => d.status === 'delivered', 'delivered');
    const response = await api().post(`/api/v1/webhooks/${id}/deliveries/${original.id}/redeliver`);
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      seq: original.seq,
      status: 'pending',
      attempts: 0,
      redeliveryOf: original.id,
    });
    expect(response.body.id).not.toBe(original.id);
    const [, again] = await receiver.arrived('/again', 2);
    expect(again.headers['x-webhook-id']).toBe(response.body.id);
    expect(again.rawBody).toBe(first.rawBody);
    expect(verifies(secret, again)).toBe(true);
    const log = await eventually<DeliveryEntry[]>('the redelivery delivered', async () => {
      const items = await deliveries(id);
      return items[0].status === 'delivered' && items;
    });
    expect(log.map((d) => d.id)).toEqual([response.body.id, original.id]);
    await api().get(`/api/v1/webhooks/${id}/deliveries/${response.body.id}`).expect(200);
    await api()
      .post(`/api/v1/webhooks/${id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`)
      .expect(404);
    expect(
      (await api().get(`/api/v1/webhooks/${id}/deliveries?status=delivered`).expect(200)).body.total,
    ).toBe(2);
  });

  it('signs with the new and the old secret for 24 hours after a rotation, then with the new one only', async () => {
    const { id, secret: old } = await subscribe(receiver.url('/rotated'));
    const rotated = await api().post(`/api/v1/webhooks/${id}/rotate-secret`).expect(200);
    const fresh = rotated.body.secret as string;
    expect(
      new Date(rotated.body.previousSecretExpiresAt).getTime() - t.clock.now().getTime(),
    ).toBeGreaterThan(23 * 60 * MINUTE);
    await newOrder(restaurant);
    const [during] = await receiver.arrived('/rotated', 1);
    const { t: stamp, v1 } = signaturesOf(during);
    expect(v1).toEqual([
      expectedSignature(fresh, stamp, during.rawBody),
      expectedSignature(old, stamp, during.rawBody),
    ]);
    for (const secret of [fresh, old]) {
      expect(new Webhook(secret).verify(during.rawBody, standardHeadersOf(during))).toEqual(during.body);
    }

    t.clock.advance(24 * 60 * MINUTE + MINUTE);
    await newOrder(restaurant);
    const [, after] = await receiver.arrived('/rotated', 2);
    expect(signaturesOf(after).v1).toEqual([expectedSignature(fresh, signaturesOf(after).t, after.rawBody)]);
    expect(verifies(old, after)).toBe(false);
    // The clock moved a day on, so a verifier would refuse the timestamp: compare with its signing instead.
    const standard = standardHeadersOf(after);
    const signedAt = new Date(Number(standard['webhook-timestamp']) * 1000);
    expect(standard['webhook-signature']).toBe(
      new Webhook(fresh).sign(standard['webhook-id'], signedAt, after.rawBody),
    );
  });

  it('answers 404 for unknown subscriptions and deliveries', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await api().get(`/api/v1/webhooks/${unknown}`).expect(404);
    await api().patch(`/api/v1/webhooks/${unknown}`).send({ active: false }).expect(404);
    await api().get(`/api/v1/webhooks/${unknown}/deliveries`).expect(404);
    await api().get(`/api/v1/webhooks/${unknown}/deliveries/${unknown}`).expect(404);
  });

  // Last: it stops the app's own consumers.
  it('enqueues each event once when two enqueuers race, as two instances would', async () => {
    // The earlier subscriptions' retries would take the runner's turns: they go, and their jobs with them.
    const earlier = await api().get('/api/v1/webhooks?perPage=100').expect(200);
    for (const { id } of earlier.body.items as Array<{ id: string }>) {
      await api().delete(`/api/v1/webhooks/${id}`).expect(204);
    }
    await t.app.get(Consumers).stop();
    const { id } = await subscribe(receiver.url('/raced'));
    for (let i = 0; i < 10; i++) await newOrder(restaurant);
    const database = t.app.get(Database);
    const webhooks = t.app.get(WebhooksConsumer);
    const queue = new JobQueue(database, webhooks.name);
    const racers = [0, 1].map(
      () => new JobDeriver(database, t.app.get(EventLog), t.app.get(EventFeed), t.clock, webhooks, queue),
    );
    await Promise.all(racers.map((racer) => racer.deriveAll()));
    const runner: JobRunner = new JobRunner(database, t.clock, webhooks, queue, new Logger('raced'), () => {
      void runner.runDue();
    });
    await runner.runDue();
    const arrived = await receiver.arrived('/raced', 10);
    await runner.stop();
    const queued = await deliveries(id);
    expect(queued).toHaveLength(10);
    expect(new Set(queued.map((d) => d.seq)).size).toBe(10);
    expect(new Set(arrived.map((d) => d.body.seq)).size).toBe(10);
  });
});

function standardHeadersOf(delivery: ReceivedDelivery): Record<string, string> {
  const names = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];
  return Object.fromEntries(names.map((name) => [name, String(delivery.headers[name])]));
}

interface DocumentedDelivery {
  post: { parameters: Array<{ name: string; in: string }> };
}
