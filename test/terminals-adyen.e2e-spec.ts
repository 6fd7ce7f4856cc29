import { as } from './support/clients';
import { FakeAdyen, startFakeAdyen } from './support/fake-adyen';
import { committedStatusOf, terminalsFixture } from './support/terminals-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { TerminalPoller } from '../src/terminals/terminal-poller';

const SETTINGS = {
  apiKey: 'AQEyhmfxKoTest0123456789ABCDEF',
  hmacKey: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056',
  merchantAccount: 'RestaurantPOS',
};

describe('Card terminals: Adyen Terminal API (cloud), against a local fake', () => {
  let t: TestApp;
  let adyen: FakeAdyen;
  let f: Awaited<ReturnType<typeof terminalsFixture>>;
  let terminal: { id: string };

  beforeAll(async () => {
    adyen = await startFakeAdyen(SETTINGS);
    t = await startTestApp({
      ADYEN_API_KEY: SETTINGS.apiKey,
      ADYEN_HMAC_KEY: SETTINGS.hmacKey,
      ADYEN_MERCHANT_ACCOUNT: SETTINGS.merchantAccount,
      ADYEN_DEVICE_API_BASE: `${adyen.url}/v1`,
      ADYEN_CHECKOUT_API_BASE: `${adyen.url}/v71`,
      TERMINAL_POLL_MS: '60000',
    });
    adyen.state.webhookUrl = `${t.url}/api/v1/terminals/webhooks/adyen`;
    f = await terminalsFixture(() => t);
    terminal = await f.newTerminal({
      name: 'P400',
      provider: 'adyen',
      providerDeviceId: 'P400Plus-275039202',
    });
  });

  afterAll(async () => {
    await t.close();
    await adyen.close();
  });

  const statusOf = (id: string) => committedStatusOf(t, id);

  /** Starts an attempt and waits until it has left `pending` (sent, or not answered). */
  async function sent(orderId: string, body: Record<string, unknown>): Promise<string> {
    const started = await f.start(orderId, body);
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    for (let i = 0; i < 100 && (await statusOf(id)) === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return id;
  }

  it('approves through the signed AUTHORISATION webhook, then asks the status for the card; twice is once', async () => {
    const order = await f.newOrder();
    const id = await sent(order.id, { terminalId: terminal.id, amount: 2000, tip: 100 });
    expect(await statusOf(id)).toBe('in_progress');
    expect(adyen.paymentRequestsOf(id)).toEqual([
      expect.objectContaining({ requested: 21, poiId: 'P400Plus-275039202' }),
    ]);
    const webhook = adyen.approve(id);
    expect(await adyen.deliver(webhook)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await f.get(id)).toMatchObject({
      status: 'succeeded',
      amount: 2000,
      tip: 100,
      card: {
        brand: 'mc',
        last4: '9999',
        entryMode: 'Contactless',
        authCode: '123456',
        emv: { aid: 'A0000000041010', applicationLabel: 'mc debit' },
        provider: 'adyen',
      },
    });
    expect(await adyen.deliver(webhook)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await f.order(order.id)).toMatchObject({ paid: 2000, due: 2500 });
  });

  it('refuses a webhook whose HMAC does not match (401), and a lost webhook is found by asking', async () => {
    const order = await f.newOrder();
    const id = await sent(order.id, { terminalId: terminal.id, amount: 1000 });
    const webhook = adyen.approve(id);
    webhook.notificationItems[0].NotificationRequestItem.amount.value = 1;
    expect((await adyen.deliver(webhook)).status).toBe(401);
    expect(await statusOf(id)).toBe('in_progress');
    expect(await f.get(id)).toMatchObject({ status: 'succeeded', amount: 1000 });
  });

  it('declines: failed with the refusal reason, no payment', async () => {
    const order = await f.newOrder();
    const id = await sent(order.id, { terminalId: terminal.id, amount: 1500 });
    expect((await adyen.deliver(adyen.decline(id))).status).toBe(200);
    expect(await f.get(id)).toMatchObject({
      status: 'failed',
      failure: 'Not enough balance',
      paymentId: null,
    });
    expect(await f.order(order.id)).toMatchObject({ paid: 0 });
  });

  it('cancels with an AbortRequest', async () => {
    const order = await f.newOrder();
    const id = await sent(order.id, { terminalId: terminal.id, amount: 1200 });
    const cancelled = await f.cancel(id);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', failure: 'Aborted' });
    expect(adyen.requests.filter((r) => r.category === 'Abort')).toHaveLength(1);
  });

  it('no answer: unknown, then the status is asked (never a second PaymentRequest)', async () => {
    const lost = await f.newOrder();
    adyen.loseNextReply();
    const reached = await sent(lost.id, { terminalId: terminal.id, amount: 1100 });
    expect(await statusOf(reached)).toBe('unknown');
    expect(await f.get(reached)).toMatchObject({ status: 'in_progress' });
    await adyen.deliver(adyen.approve(reached));
    expect(await f.get(reached)).toMatchObject({ status: 'succeeded' });
    expect(adyen.paymentRequestsOf(reached)).toHaveLength(1);

    const down = await f.newOrder();
    adyen.failNext(1);
    const never = await sent(down.id, { terminalId: terminal.id, amount: 1100 });
    expect(await statusOf(never)).toBe('unknown');
    expect(await f.get(never)).toMatchObject({ status: 'failed', failure: 'not_found_on_terminal' });
    expect(adyen.paymentRequestsOf(never)).toHaveLength(0);
    expect(await f.order(down.id)).toMatchObject({ paid: 0 });
  });

  it('books another amount or currency than asked as nothing: needs_review, named, the order free again', async () => {
    const order = await f.newOrder();
    const partial = await sent(order.id, { terminalId: terminal.id, amount: 2000 });
    adyen.chargeNext({ amount: 15 });
    await adyen.deliver(adyen.approve(partial));
    expect(await f.get(partial)).toMatchObject({
      status: 'needs_review',
      failure: 'amount_mismatch: charged 1500 EUR, asked 2000 + 0 tip EUR',
      paymentId: null,
    });
    const dollars = await sent(order.id, { terminalId: terminal.id, amount: 1000 });
    adyen.chargeNext({ currency: 'USD' });
    await adyen.deliver(adyen.approve(dollars));
    expect(await f.get(dollars)).toMatchObject({
      status: 'needs_review',
      failure: 'currency_mismatch: charged 1000 USD, asked 1000 + 0 tip EUR',
    });
    expect(await f.order(order.id)).toMatchObject({ paid: 0, due: 4500 });
  });

  it('a restart while a PaymentRequest awaits its reply asks its status, never sends it again', async () => {
    const order = await f.newOrder();
    adyen.holdNextReply();
    const started = await f.start(order.id, { terminalId: terminal.id, amount: 1400 });
    const id = started.body.id as string;
    for (let i = 0; i < 250 && adyen.paymentRequestsOf(id).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await statusOf(id)).toBe('pending');
    t = await t.restart();
    adyen.releaseHeld();
    adyen.state.webhookUrl = `${t.url}/api/v1/terminals/webhooks/adyen`;
    t.clock.advance(10_000);
    await t.app.get(TerminalPoller).pollNow();
    expect(await statusOf(id)).toBe('in_progress');
    await adyen.deliver(adyen.approve(id));
    expect(await f.get(id)).toMatchObject({ status: 'succeeded', amount: 1400 });
    expect(adyen.paymentRequests.filter((request) => request.reference === id)).toHaveLength(1);
    expect(adyen.duplicates).toEqual([]);
    expect(await f.order(order.id)).toMatchObject({ paid: 1400 });
  });

  it('refunds through the Checkout API with the payment pspReference and an idempotency key', async () => {
    const order = await f.newOrder();
    const id = await sent(order.id, { terminalId: terminal.id, amount: 2000 });
    await adyen.deliver(adyen.approve(id));
    const attempt = await f.get(id);
    const refund = await as(t, f.manager.session)
      .post(`/api/v1/payments/${attempt.paymentId}/refund`)
      .send({ amount: 500, reason: 'cold' });
    expect(refund.status).toBe(201);
    expect(adyen.refunds).toEqual([
      {
        paymentPspReference: adyen.paymentRequestsOf(id)[0].pspReference,
        amount: 500,
        idempotencyKey: `${attempt.paymentId}-0-0`,
      },
    ]);
  });
});
