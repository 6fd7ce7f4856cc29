import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A PaymentIntent as the fake keeps it (the fields Stripe documents that the adapter reads). */
export interface FakeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: 'requires_payment_method' | 'succeeded' | 'canceled';
  metadata: Record<string, string>;
  allowed_payment_method_types: string[];
  cancellation_reason: string | null;
  last_payment_error: { code: string; decline_code: string | null } | null;
  latest_charge: string | null;
}

interface FakeReader {
  id: string;
  object: 'terminal.reader';
  action: {
    type: 'process_payment_intent';
    status: 'in_progress' | 'succeeded' | 'failed';
    failure_code: string | null;
    process_payment_intent: { payment_intent: string; process_config: Record<string, string> };
  } | null;
}

interface Recorded {
  method: string;
  path: string;
  form: Record<string, string>;
  idempotencyKey: string | undefined;
}

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

/**
 * A local stand-in for Stripe's API (https://docs.stripe.com/api), for the requests the Stripe terminal adapter
 * makes: PaymentIntents (create, retrieve with latest_charge expanded, cancel), a reader's
 * process_payment_intent and cancel_action, refunds; form-encoded bodies, Stripe's error shape. Idempotency as
 * https://docs.stripe.com/api/idempotent_requests documents it: the status and body of the first request with a
 * key are saved once the endpoint has begun executing, and a retry with the key answers them (even a reply that
 * was lost on the way back); a request refused before executing (`failNext`, `failNextOn`) saves nothing. A
 * PaymentIntent succeeds at most once and is charged only once a reader processes it. Outcomes happen when the test says
 * (approve, decline), and are told as Stripe tells them: a signed terminal.reader.action_succeeded or
 * action_failed event (Stripe-Signature: t=…,v1=HMAC-SHA256 of "t.payload") posted to `webhookUrl`.
 */
export async function startFakeStripe(secret: string) {
  const intents = new Map<string, FakeIntent>();
  const readers = new Map<string, FakeReader>();
  const charges = new Map<string, Record<string, unknown>>();
  const refunds: Array<{ id: string; payment_intent: string; amount: number }> = [];
  const replies = new Map<string, { status: number; body: unknown }>();
  const requests: Recorded[] = [];
  let loseNextReply = false;
  let failNext = 0;
  const failing: Array<{ method: string; path: RegExp; count: number }> = [];
  /** How long refunds take to answer (a slow acquirer). */
  let refundDelayMs = 0;
  const state = { webhookUrl: '' };

  const reader = (readerId: string): FakeReader => {
    let found = readers.get(readerId);
    if (!found) readers.set(readerId, (found = { id: readerId, object: 'terminal.reader', action: null }));
    return found;
  };
  const error = (status: number, code: string, message: string) => ({
    status,
    body: { error: { type: 'invalid_request_error', code, message } },
  });

  function handle(
    method: string,
    path: string,
    form: Record<string, string>,
  ): { status: number; body: unknown } {
    let match: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/payment_intents') {
      const intent: FakeIntent = {
        id: id('pi'),
        object: 'payment_intent',
        amount: Number(form.amount),
        amount_received: 0,
        currency: form.currency,
        status: 'requires_payment_method',
        metadata: Object.fromEntries(
          Object.entries(form)
            .filter(([key]) => key.startsWith('metadata['))
            .map(([key, value]) => [key.slice(9, -1), value]),
        ),
        allowed_payment_method_types: Object.entries(form)
          .filter(([key]) => key.startsWith('allowed_payment_method_types['))
          .map(([, value]) => value),
        cancellation_reason: null,
        last_payment_error: null,
        latest_charge: null,
      };
      intents.set(intent.id, intent);
      return { status: 200, body: intent };
    }
    if ((match = path.match(/^\/v1\/payment_intents\/([^/]+)$/)) && method === 'GET') {
      const intent = intents.get(match[1]);
      if (!intent) return error(404, 'resource_missing', 'No such payment_intent');
      const expanded = intent.latest_charge ? charges.get(intent.latest_charge) : null;
      return { status: 200, body: { ...intent, latest_charge: expanded ?? intent.latest_charge } };
    }
    if ((match = path.match(/^\/v1\/payment_intents\/([^/]+)\/cancel$/)) && method === 'POST') {
      const intent = intents.get(match[1]);
      if (!intent) return error(404, 'resource_missing', 'No such payment_intent');
      if (intent.status === 'succeeded') {
        return error(400, 'payment_intent_unexpected_state', 'This PaymentIntent has already succeeded');
      }
      intent.status = 'canceled';
      return { status: 200, body: intent };
    }
    if (
      (match = path.match(/^\/v1\/terminal\/readers\/([^/]+)\/process_payment_intent$/)) &&
      method === 'POST'
    ) {
      const found = reader(match[1]);
      if (found.action?.status === 'in_progress') {
        return error(409, 'terminal_reader_busy', 'The reader is busy processing another action');
      }
      const process_config = Object.fromEntries(
        Object.entries(form).filter(([key]) => key.startsWith('process_config')),
      );
      found.action = {
        type: 'process_payment_intent',
        status: 'in_progress',
        failure_code: null,
        process_payment_intent: { payment_intent: form.payment_intent, process_config },
      };
      return { status: 200, body: found };
    }
    if ((match = path.match(/^\/v1\/terminal\/readers\/([^/]+)\/cancel_action$/)) && method === 'POST') {
      const found = reader(match[1]);
      if (found.action?.status !== 'in_progress') {
        return error(400, 'terminal_reader_action_not_cancelable', 'The reader has no action to cancel');
      }
      found.action = null;
      return { status: 200, body: found };
    }
    if ((match = path.match(/^\/v1\/terminal\/readers\/([^/]+)$/)) && method === 'GET') {
      return { status: 200, body: reader(match[1]) };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = intents.get(form.payment_intent);
      if (!intent || intent.status !== 'succeeded')
        return error(400, 'charge_not_refundable', 'Not refundable');
      const done = refunds
        .filter((r) => r.payment_intent === intent.id)
        .reduce((sum, r) => sum + r.amount, 0);
      const amount = Number(form.amount ?? intent.amount_received - done);
      if (done + amount > intent.amount_received) {
        return error(400, 'amount_too_large', 'Refund amount is greater than unrefunded amount on charge');
      }
      const refund = {
        id: id('re'),
        object: 'refund',
        payment_intent: intent.id,
        amount,
        status: 'succeeded',
      };
      refunds.push(refund);
      return { status: 200, body: refund };
    }
    return error(404, 'resource_missing', `Unrecognized request URL (${method}: ${path})`);
  }

  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const form = Object.fromEntries(new URLSearchParams(request.method === 'GET' ? url.search : text));
      const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
      requests.push({ method: request.method ?? '', path: url.pathname, form, idempotencyKey });
      const send = ({ status, body }: { status: number; body: unknown }) => {
        response.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': id('req') });
        response.end(JSON.stringify(body));
      };
      const failure = failing.find(
        (one) => one.count > 0 && one.method === request.method && one.path.test(url.pathname),
      );
      if (failNext > 0 || failure) {
        if (failure) failure.count -= 1;
        else failNext -= 1;
        return send({ status: 500, body: { error: { type: 'api_error', message: 'Something went wrong' } } });
      }
      const key = idempotencyKey ? `${request.method} ${url.pathname} ${idempotencyKey}` : null;
      const reply = (key && replies.get(key)) || handle(request.method ?? '', url.pathname, form);
      if (key && reply.status < 500) replies.set(key, reply);
      const answer = () => {
        if (loseNextReply) {
          loseNextReply = false;
          return send({
            status: 500,
            body: { error: { type: 'api_error', message: 'Lost on the way back' } },
          });
        }
        send(reply);
      };
      if (url.pathname === '/v1/refunds' && refundDelayMs > 0) setTimeout(answer, refundDelayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  /** Posts a signed event to the app's webhook: answers the app's status and body. */
  async function deliver(event: object, signWith = secret): Promise<{ status: number; body: unknown }> {
    const payload = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', signWith).update(`${timestamp}.${payload}`).digest('hex');
    const response = await fetch(state.webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${timestamp},v1=${signature}` },
      body: payload,
    });
    return { status: response.status, body: await response.json() };
  }

  const readerEvent = (found: FakeReader, type: string) => ({
    id: id('evt'),
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object: structuredClone(found) },
  });

  const readerOf = (intentId: string): FakeReader =>
    [...readers.values()].find((r) => r.action?.process_payment_intent.payment_intent === intentId)!;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    intents,
    refunds,
    requests,
    /** The PaymentIntents made for one attempt (metadata attempt_id). */
    intentsOf: (attemptId: string) =>
      [...intents.values()].filter((i) => i.metadata.attempt_id === attemptId),
    /** The next `count` requests answer 500 and do nothing. */
    failNext: (count: number) => void (failNext = count),
    /** The next request is done (and kept for its idempotency key), but its reply is a 500. */
    loseNextReply: () => void (loseNextReply = true),
    /** Refunds answer after `ms` (done at once, the reply late). */
    delayRefunds: (ms: number) => void (refundDelayMs = ms),
    /** The next `count` requests of `method` to a path matching `path` answer 500 and do nothing. */
    failNextOn: (method: string, path: RegExp, count: number) => void failing.push({ method, path, count }),
    /**
     * The card was read and approved, with `tip` chosen on the reader: the event, not yet delivered. `charged`
     * makes the charge another than the PaymentIntent's (a partial approval, another currency).
     */
    approve(intentId: string, tip = 0, charged: { amount?: number; currency?: string } = {}) {
      const intent = intents.get(intentId)!;
      const chargeId = id('ch');
      intent.status = 'succeeded';
      intent.amount_received = charged.amount ?? intent.amount + tip;
      intent.currency = charged.currency ?? intent.currency;
      intent.latest_charge = chargeId;
      charges.set(chargeId, {
        id: chargeId,
        object: 'charge',
        amount: intent.amount_received,
        payment_method_details: {
          type: 'card_present',
          card_present: {
            brand: 'mastercard',
            last4: '4444',
            read_method: 'contact_emv',
            receipt: {
              authorization_code: 'A1B2C3',
              application_preferred_name: 'MASTERCARD',
              dedicated_file_name: 'A0000000041010',
              application_cryptogram: 'EFD4A1A8B8B43B5C',
            },
          },
        },
      });
      const found = readerOf(intentId);
      found.action!.status = 'succeeded';
      return readerEvent(found, 'terminal.reader.action_succeeded');
    },
    /** Another till's payment is on the reader: it answers terminal_reader_busy until the answer is called. */
    occupy(readerId: string): () => void {
      const found = reader(readerId);
      found.action = {
        type: 'process_payment_intent',
        status: 'in_progress',
        failure_code: null,
        process_payment_intent: { payment_intent: id('pi'), process_config: {} },
      };
      return () => void (found.action = null);
    },
    /** The card was declined: the event, not yet delivered. */
    decline(intentId: string) {
      const intent = intents.get(intentId)!;
      intent.last_payment_error = { code: 'card_declined', decline_code: 'insufficient_funds' };
      const found = readerOf(intentId);
      found.action!.status = 'failed';
      found.action!.failure_code = 'card_declined';
      return readerEvent(found, 'terminal.reader.action_failed');
    },
    deliver,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
