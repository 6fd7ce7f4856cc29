import { as } from './support/clients';
import { FakeStripe, startFakeStripe } from './support/fake-stripe';
import { openSockets } from './support/sockets';
import { committedStatusOf, paidEventsOf, statusesOf, terminalsFixture } from './support/terminals-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { TerminalPoller } from '../src/terminals/terminal-poller';

const SECRET = 'whsec_terminalsfake';

describe('Card terminals: Stripe Terminal, against a local fake of its API', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let f: Awaited<ReturnType<typeof terminalsFixture>>;
  let reader: { id: string };
  let tipping: { id: string };
  const open = openSockets(() => t);

  beforeAll(async () => {
    stripe = await startFakeStripe(SECRET);
    // Polls rarely: webhooks and GETs drive these attempts, so each test decides when an outcome is reported.
    t = await startTestApp({
      STRIPE_API_KEY: 'sk_test_fake',
      STRIPE_WEBHOOK_SECRET: SECRET,
      STRIPE_API_BASE: stripe.url,
      TERMINAL_POLL_MS: '60000',
    });
    stripe.state.webhookUrl = `${t.url}/api/v1/terminals/webhooks/stripe`;
    f = await terminalsFixture(() => t);
    reader = await f.newTerminal({ name: 'Counter', provider: 'stripe', providerDeviceId: 'tmr_counter' });
    tipping = await f.newTerminal({
      name: 'Terrace',
      provider: 'stripe',
      providerDeviceId: 'tmr_terrace',
      tipOnTerminal: true,
    });
  });

  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  const statusOf = (id: string) => committedStatusOf(t, id);

  /** Starts an attempt and waits until it is on the reader (its PaymentIntent made and handed over). */
  async function onReader(orderId: string, body: Record<string, unknown>) {
    const started = await f.start(orderId, body);
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    for (let i = 0; i < 100 && (await f.get(id)).status === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [intent] = stripe.intentsOf(id);
    return { id, intent };
  }

  it('approves through the webhook with the tip chosen on the reader; a second delivery changes nothing', async () => {
    const order = await f.newOrder();
    const { id, intent } = await onReader(order.id, { terminalId: tipping.id, amount: 2000 });
    expect(intent).toMatchObject({
      amount: 2000,
      currency: 'eur',
      allowed_payment_method_types: ['card_present'],
    });
    const process = stripe.requests.find(
      (r) => r.path === '/v1/terminal/readers/tmr_terrace/process_payment_intent',
    );
    expect(process?.form).toMatchObject({
      payment_intent: intent.id,
      'process_config[tipping][amount_eligible]': '2000',
    });
    expect(process?.idempotencyKey).toBe(`process-${id}`);

    const event = stripe.approve(intent.id, 300);
    expect(await stripe.deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    const attempt = await f.get(id);
    expect(attempt).toMatchObject({
      status: 'succeeded',
      amount: 2000,
      tip: 300,
      card: {
        brand: 'mastercard',
        last4: '4444',
        entryMode: 'contact_emv',
        authCode: 'A1B2C3',
        emv: { aid: 'A0000000041010', applicationLabel: 'MASTERCARD' },
        provider: 'stripe',
      },
    });
    expect(await stripe.deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    const late = await stripe.deliver({ ...event, id: 'evt_late_retry' });
    expect(late.status).toBe(200);
    expect(await f.order(order.id)).toMatchObject({ paid: 2000, due: 2500 });
    const rows = await t.dataSource.query<Array<{ n: number | string }>>(
      `SELECT COUNT(*) AS n FROM payments WHERE order_id = '${order.id}'`,
    );
    expect(Number(rows[0].n)).toBe(1);
  });

  it('refuses webhooks without the right signature (401) and changes nothing', async () => {
    const order = await f.newOrder();
    const { id, intent } = await onReader(order.id, { terminalId: reader.id, amount: 1000 });
    const event = stripe.approve(intent.id);
    expect((await stripe.deliver(event, 'whsec_wrong')).status).toBe(401);
    const unsigned = await fetch(stripe.state.webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(401);
    expect(await f.order(order.id)).toMatchObject({ paid: 0 });
    const rows = await t.dataSource.query<Array<{ status: string }>>(
      `SELECT status FROM terminal_payments WHERE id = '${id}'`,
    );
    expect(rows[0].status).toBe('in_progress');
    // The webhook was lost, as far as the service knows: asking Stripe (GET) finds the outcome.
    expect(await f.get(id)).toMatchObject({ status: 'succeeded', amount: 1000 });
  });

  it('declines through action_failed: failed with the reader failure code, no payment', async () => {
    const order = await f.newOrder();
    const { id, intent } = await onReader(order.id, { terminalId: reader.id, amount: 1500 });
    expect((await stripe.deliver(stripe.decline(intent.id))).status).toBe(200);
    expect(await f.get(id)).toMatchObject({ status: 'failed', failure: 'card_declined', paymentId: null });
    expect(await f.order(order.id)).toMatchObject({ paid: 0, due: 4500 });
  });

  it('fails an attempt the reader refuses (busy with another till’s payment), naming why; the order is free', async () => {
    const order = await f.newOrder();
    const free = stripe.occupy('tmr_counter');
    try {
      const { id } = await onReader(order.id, { terminalId: reader.id, amount: 1500 });
      expect(await f.get(id)).toMatchObject({
        status: 'failed',
        failure: 'terminal_reader_busy',
        paymentId: null,
      });
      expect(await f.order(order.id)).toMatchObject({ paid: 0, due: 4500 });
    } finally {
      free();
    }
  });

  it('cancels on the reader and the PaymentIntent; a cancel after the approval ends succeeded', async () => {
    const order = await f.newOrder();
    const first = await onReader(order.id, { terminalId: reader.id, amount: 1200 });
    const cancelled = await f.cancel(first.id);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', paymentId: null });
    expect(stripe.intents.get(first.intent.id)?.status).toBe('canceled');

    const racing = await onReader(order.id, { terminalId: reader.id, amount: 1300 });
    stripe.approve(racing.intent.id);
    const late = await f.cancel(racing.id);
    expect(late.body).toMatchObject({ status: 'succeeded', amount: 1300 });
    expect(await f.order(order.id)).toMatchObject({ paid: 1300 });
  });

  it('a lost reply leaves the attempt unknown; asking finds the PaymentIntent, never hands it to the reader again', async () => {
    const order = await f.newOrder();
    stripe.loseNextReply();
    const started = await f.start(order.id, { terminalId: reader.id, amount: 1100 });
    const id = started.body.id as string;
    for (let i = 0; i < 100 && (await statusOf(id)) === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await statusOf(id)).toBe('unknown');
    // The PaymentIntent was made (its reply lost) and never reached the reader: asked, it is cancelled, not sent.
    expect(await f.get(id)).toMatchObject({ status: 'cancelled', failure: 'not_on_reader', paymentId: null });
    expect(stripe.intentsOf(id)).toEqual([expect.objectContaining({ status: 'canceled' })]);
    expect(
      stripe.requests.filter(
        (r) =>
          r.path.endsWith('/process_payment_intent') && r.form.payment_intent === stripe.intentsOf(id)[0].id,
      ),
    ).toEqual([]);
    expect(await f.order(order.id)).toMatchObject({ paid: 0, due: 4500 });
  });

  it('books a partial approval as nothing: needs_review, named, the order free again', async () => {
    const floor = await open({ token: f.waiter.session.accessToken });
    const order = await f.newOrder();
    const { id, intent } = await onReader(order.id, { terminalId: reader.id, amount: 2000, tip: 100 });
    await stripe.deliver(stripe.approve(intent.id, 0, { amount: 1500 }));
    const attempt = await f.get(id);
    expect(attempt).toMatchObject({
      status: 'needs_review',
      failure: 'amount_mismatch: charged 1500 EUR, asked 2000 + 100 tip EUR',
      paymentId: null,
    });
    await floor.until(() => statusesOf(floor, id).includes('needs_review'));
    expect(await f.order(order.id)).toMatchObject({ paid: 0, due: 4500 });
    expect(paidEventsOf(floor, order.id)).toEqual([]);

    const other = await f.newOrder();
    const euros = await onReader(other.id, { terminalId: reader.id, amount: 1000 });
    await stripe.deliver(stripe.approve(euros.intent.id, 0, { currency: 'usd' }));
    expect(await f.get(euros.id)).toMatchObject({
      status: 'needs_review',
      failure: 'currency_mismatch: charged 1000 USD, asked 1000 + 0 tip EUR',
    });
    expect(await f.order(other.id)).toMatchObject({ paid: 0 });
  });

  it('keeps the order held after a cancel until Stripe confirms the PaymentIntent cancelled', async () => {
    const order = await f.newOrder();
    const { id, intent } = await onReader(order.id, { terminalId: reader.id, amount: 1300 });
    stripe.failNextOn('POST', /^\/v1\/payment_intents\/[^/]+\/cancel$/, 2);
    const asked = await f.cancel(id);
    expect(asked.status).toBe(202);
    expect(stripe.intents.get(intent.id)!.status).toBe('requires_payment_method');
    expect(asked.body.status).not.toBe('cancelled');
    const held = await f.addFries(order.id);
    expect(held.body.error.code).toBe('TERMINAL_PAYMENT_RUNNING');
    expect(await f.get(id)).toMatchObject({ status: 'cancelled', paymentId: null });
    expect(stripe.intents.get(intent.id)!.status).toBe('canceled');
    expect(await f.order(order.id)).toMatchObject({ paid: 0 });
  });

  it('refunds through Stripe with an idempotency key; a refund Stripe refuses changes nothing', async () => {
    const order = await f.newOrder();
    const { id, intent } = await onReader(order.id, { terminalId: reader.id, amount: 2000, tip: 200 });
    await stripe.deliver(stripe.approve(intent.id));
    const attempt = await f.get(id);
    expect(attempt).toMatchObject({ status: 'succeeded', tip: 200 });
    const refund = (body: object) =>
      as(t, f.manager.session).post(`/api/v1/payments/${attempt.paymentId}/refund`).send(body);
    const done = await refund({ amount: 500, tip: 200, reason: 'cold' });
    expect(done.status).toBe(201);
    expect(stripe.refunds).toContainEqual(
      expect.objectContaining({ payment_intent: intent.id, amount: 700 }),
    );
    stripe.failNext(1);
    const refused = await refund({ amount: 100, reason: 'again' });
    expect(refused.status).toBe(409);
    expect(await f.order(order.id)).toMatchObject({ paid: 1500 });
    expect(stripe.refunds.filter((r) => r.payment_intent === intent.id)).toHaveLength(1);
  });

  it('asks Stripe for a refund outside the transaction: a slow refund holds up no other write', async () => {
    const order = await f.newOrder();
    const { id, intent } = await onReader(order.id, { terminalId: reader.id, amount: 2000 });
    await stripe.deliver(stripe.approve(intent.id));
    const attempt = await f.get(id);
    stripe.delayRefunds(1500);
    const answered: string[] = [];
    const refunding = as(t, f.manager.session)
      .post(`/api/v1/payments/${attempt.paymentId}/refund`)
      .set('Idempotency-Key', `slow-${id}`)
      .send({ amount: 300, reason: 'slow acquirer' })
      .then((response) => (answered.push('refund'), response));
    for (
      let i = 0;
      i < 250 &&
      !stripe.requests.some((r) => r.path === '/v1/refunds' && r.form.payment_intent === intent.id);
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const meanwhile = await f.newOrder(1).then((created) => (answered.push('order'), created));
    expect((await refunding).status).toBe(201);
    stripe.delayRefunds(0);
    expect(meanwhile.due).toBe(450);
    expect(answered).toEqual(['order', 'refund']);
    expect(await f.order(order.id)).toMatchObject({ paid: 1700 });
  });

  it('records a refund whose reply was lost when the same request is sent again: the provider refunds once', async () => {
    const order = await f.newOrder();
    const { id, intent } = await onReader(order.id, { terminalId: reader.id, amount: 2000 });
    await stripe.deliver(stripe.approve(intent.id));
    const attempt = await f.get(id);
    const refund = () =>
      as(t, f.manager.session)
        .post(`/api/v1/payments/${attempt.paymentId}/refund`)
        .set('Idempotency-Key', `refund-${id}`)
        .send({ amount: 400, reason: 'wrong dish' });
    stripe.loseNextReply();
    expect((await refund()).status).toBe(409);
    expect(await f.order(order.id)).toMatchObject({ paid: 2000 });
    expect((await refund()).status).toBe(201);
    expect(await f.order(order.id)).toMatchObject({ paid: 1600 });
    const asked = stripe.requests.filter(
      (r) => r.path === '/v1/refunds' && r.form.payment_intent === intent.id,
    );
    expect(asked).toHaveLength(2);
    expect(new Set(asked.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(stripe.refunds.filter((r) => r.payment_intent === intent.id)).toEqual([
      expect.objectContaining({ amount: 400 }),
    ]);
  });

  it('resumes after a restart: the approval whose webhook was lost while it was down is found by asking', async () => {
    const order = await f.newOrder();
    const { id, intent } = await onReader(order.id, { terminalId: reader.id, amount: 1700 });
    t = await t.restart();
    stripe.state.webhookUrl = `${t.url}/api/v1/terminals/webhooks/stripe`;
    stripe.approve(intent.id, 0);
    await t.app.get(TerminalPoller).pollNow();
    const [row] = await t.dataSource.query<Array<{ status: string }>>(
      `SELECT status FROM terminal_payments WHERE id = '${id}'`,
    );
    expect(row.status).toBe('succeeded');
    expect(await f.order(order.id)).toMatchObject({ paid: 1700 });
    expect(stripe.intentsOf(id)).toHaveLength(1);
  });
});
