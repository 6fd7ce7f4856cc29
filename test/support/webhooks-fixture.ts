import { createHmac, timingSafeEqual } from 'node:crypto';
import { Role } from '../../src/common/access/role';
import { as, loginAdmin, newStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import type { TestApp } from './test-app';
import { eventually, ReceivedDelivery } from './webhook-receiver';

/** A delivery as GET /webhooks/{id}/deliveries lists it. */
export interface DeliveryEntry {
  id: string;
  webhookId: string;
  seq: number;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  responseSnippet: string | null;
  durationMs: number | null;
  error: string | null;
  redeliveryOf: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** An admin, a waiter and a small restaurant: what the webhook specs need to make events happen. */
export async function webhooksFixture(t: TestApp) {
  const admin = await loginAdmin(t);
  const waiter = await newStaff(t, Role.Waiter);
  const restaurant = await factories(t, admin).newRestaurant();
  return { admin, waiter: waiter.session, restaurant };
}

/** The calls the webhook specs make, over the admin's and the waiter's sessions. */
export function webhookCalls(app: () => TestApp, admin: () => Session, waiter: () => Session) {
  const api = () => as(app(), admin());

  async function subscribe(
    url: string,
    events = ['order.created'],
    more: Record<string, unknown> = {},
  ): Promise<{ id: string; secret: string }> {
    const response = await api()
      .post('/api/v1/webhooks')
      .send({ url, events, ...more });
    if (response.status !== 201)
      throw new Error(`subscribe: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; secret: string };
  }

  /** A takeaway order: one `order.created` event. Answers its id. */
  async function newOrder(restaurant: Restaurant): Promise<string> {
    const response = await as(app(), waiter())
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 1 }] });
    if (response.status !== 201)
      throw new Error(`order: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  }

  async function deliveries(webhookId: string, query = ''): Promise<DeliveryEntry[]> {
    const response = await api()
      .get(`/api/v1/webhooks/${webhookId}/deliveries?perPage=100${query}`)
      .expect(200);
    return response.body.items as DeliveryEntry[];
  }

  /** Waits until the delivery of event `seq` to the webhook satisfies `check`; answers it. */
  function deliveryOf(
    webhookId: string,
    seq: number,
    check: (delivery: DeliveryEntry) => boolean,
    what: string,
  ) {
    return eventually<DeliveryEntry>(what, async () =>
      (await deliveries(webhookId)).find(
        (delivery) => delivery.seq === seq && !delivery.redeliveryOf && check(delivery),
      ),
    );
  }

  return { api, subscribe, newOrder, deliveries, deliveryOf };
}

/** A receiver's check of X-Webhook-Signature: every v1 of the header, against each secret, over the raw body. */
export function signaturesOf(delivery: ReceivedDelivery): { t: number; v1: string[] } {
  const parts = String(delivery.headers['x-webhook-signature']).split(',');
  const t = Number(parts.find((part) => part.startsWith('t='))!.slice(2));
  return { t, v1: parts.filter((part) => part.startsWith('v1=')).map((part) => part.slice(3)) };
}

export function expectedSignature(secret: string, t: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
}

export function verifies(secret: string, delivery: ReceivedDelivery): boolean {
  const { t, v1 } = signaturesOf(delivery);
  const expected = Buffer.from(expectedSignature(secret, t, delivery.rawBody), 'hex');
  return v1.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
