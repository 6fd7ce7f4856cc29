/**
 * The service killed (SIGKILL, by TERMINAL_CRASH_AT) at every point of a card terminal payment where a process can
 * die, for the simulator, Stripe and Adyen against their fakes, then started again on the same database: before
 * the amount is sent, after it was sent but before the answer was recorded, with an approval written but not
 * committed, and on a verified webhook before it was applied. Afterwards every attempt has ended, each provider
 * charged at most once, the books hold exactly the charges made, and every order is free again.
 */
import { FakeAdyen, startFakeAdyen } from './support/fake-adyen';
import { FakeStripe, startFakeStripe } from './support/fake-stripe';
import { ServiceProcess, startService } from './support/processes';
import { terminalsFixture } from './support/terminals-fixture';
import { createTestDatabase, TestDatabase } from './support/test-database';

jest.setTimeout(300_000);

const STRIPE_SECRET = 'whsec_crashfake';
const ADYEN = {
  apiKey: 'AQEyhmfxKoCrash0123456789ABCDEF',
  hmacKey: '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056',
  merchantAccount: 'RestaurantPOS',
};
const AMOUNT = 1000;

type Provider = 'simulator' | 'stripe' | 'adyen';
type CrashPoint = 'before_send' | 'after_send' | 'before_commit' | 'webhook';

interface Case {
  provider: Provider;
  at: CrashPoint;
  orderId: string;
  attemptId: string;
}

describe('Card terminals: the service killed mid-payment, then restarted', () => {
  let database: TestDatabase;
  let stripe: FakeStripe;
  let adyen: FakeAdyen;
  let service: ServiceProcess;
  let f: Awaited<ReturnType<typeof terminalsFixture>>;
  const terminals = {} as Record<Provider, string>;
  const cases: Case[] = [];

  /** Starts the service; `crashAt` (`<point>:<provider>`) makes it kill itself there. */
  async function boot(crashAt?: string): Promise<void> {
    service = await startService({
      DATABASE_URL: database.url,
      TERMINAL_POLL_MS: '200',
      STRIPE_API_KEY: 'sk_test_crash',
      STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
      STRIPE_API_BASE: stripe.url,
      ADYEN_API_KEY: ADYEN.apiKey,
      ADYEN_HMAC_KEY: ADYEN.hmacKey,
      ADYEN_MERCHANT_ACCOUNT: ADYEN.merchantAccount,
      ADYEN_DEVICE_API_BASE: `${adyen.url}/v1`,
      ADYEN_CHECKOUT_API_BASE: `${adyen.url}/v71`,
      ...(crashAt ? { TERMINAL_CRASH_AT: crashAt } : {}),
    });
    stripe.state.webhookUrl = `${service.url}/api/v1/terminals/webhooks/stripe`;
    adyen.state.webhookUrl = `${service.url}/api/v1/terminals/webhooks/adyen`;
  }

  /** Waits for the service to have killed itself (never a clean exit). */
  async function died(): Promise<void> {
    await service.exited;
    expect(service.child.signalCode).toBe('SIGKILL');
  }

  async function stop(): Promise<void> {
    service.child.kill('SIGTERM');
    await service.exited;
  }

  /** Starts an attempt of AMOUNT on a new order at `provider`'s terminal: the case, its start committed (202). */
  async function attempt(provider: Provider, at: CrashPoint): Promise<Case> {
    // A terminal takes one attempt at a time (409 TERMINAL_BUSY): the start-up sweep first ends the earlier ones.
    for (const earlier of cases.filter((one) => one.provider === provider))
      await f.ended(earlier.attemptId, 60_000);
    const order = await f.newOrder();
    const started = await f.start(order.id, { terminalId: terminals[provider], amount: AMOUNT });
    expect(started.status).toBe(202);
    const one = { provider, at, orderId: order.id, attemptId: started.body.id as string };
    cases.push(one);
    return one;
  }

  /** Polls until the attempt is on its terminal (sent and recorded). */
  async function onTerminal(id: string): Promise<void> {
    for (let i = 0; i < 500 && (await f.get(id)).status === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await f.get(id)).status).toBe('in_progress');
  }

  /** The guest pays on the terminal (the till may be down meanwhile): the provider's signed event. */
  function approveAtProvider(one: Case): object {
    if (one.provider === 'stripe') return stripe.approve(stripe.intentsOf(one.attemptId)[0].id);
    return adyen.approve(one.attemptId);
  }

  /** Once the attempt is on its terminal, the guest pays and the provider's webhook is delivered (it may kill). */
  async function payOnTerminal(one: Case): Promise<void> {
    await onTerminal(one.attemptId);
    const event = approveAtProvider(one);
    const delivery = one.provider === 'stripe' ? stripe.deliver(event) : adyen.deliver(event);
    await delivery.catch(() => undefined);
  }

  beforeAll(async () => {
    stripe = await startFakeStripe(STRIPE_SECRET);
    adyen = await startFakeAdyen(ADYEN);
    database = await createTestDatabase();
    await boot();
    f = await terminalsFixture(() => service);
    terminals.simulator = (
      await f.newTerminal({ name: 'Sim', provider: 'simulator', providerDeviceId: 's' })
    ).id;
    terminals.stripe = (
      await f.newTerminal({ name: 'S', provider: 'stripe', providerDeviceId: 'tmr_crash' })
    ).id;
    terminals.adyen = (
      await f.newTerminal({ name: 'A', provider: 'adyen', providerDeviceId: 'P400-crash' })
    ).id;
    await stop();
  });

  afterAll(async () => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) await stop();
    await database.drop();
    await stripe.close();
    await adyen.close();
  });

  it('dies before sending and after sending, on every provider: asked after the restart, never sent again', async () => {
    for (const at of ['before_send', 'after_send'] as const) {
      for (const provider of ['simulator', 'stripe', 'adyen'] as const) {
        await boot(`${at}:${provider}`);
        await attempt(provider, at);
        await died();
      }
    }
    // The guests paid on the terminals that got the amount while the till was down.
    for (const one of cases.filter((c) => c.at === 'after_send' && c.provider !== 'simulator')) {
      approveAtProvider(one);
    }
  });

  it('dies on a verified webhook before applying it (Stripe, Adyen)', async () => {
    for (const provider of ['stripe', 'adyen'] as const) {
      await boot(`webhook:${provider}`);
      const one = await attempt(provider, 'webhook');
      await payOnTerminal(one);
      await died();
    }
  });

  it('resolves everything killed so far by asking, once restarted', async () => {
    await boot();
    for (const one of cases) await f.ended(one.attemptId, 60_000);
    await stop();
  });

  it('dies with an approval written but not committed, on every provider', async () => {
    for (const provider of ['simulator', 'stripe', 'adyen'] as const) {
      // Only this provider's approval kills it: the last one killed is resolved (committed) meanwhile.
      await boot(`before_commit:${provider}`);
      const one = await attempt(provider, 'before_commit');
      if (provider !== 'simulator') await payOnTerminal(one);
      await died();
    }
  });

  it('afterwards: each attempt ended once, charged at most once, booked exactly as charged, its order free', async () => {
    await boot();
    const outcomes: Record<string, string> = {};
    for (const one of cases) {
      const ended = await f.ended(one.attemptId, 60_000);
      outcomes[`${one.provider} ${one.at}`] = ended.status;
      const charges =
        one.provider === 'stripe'
          ? stripe.intentsOf(one.attemptId).filter((intent) => intent.status === 'succeeded').length
          : one.provider === 'adyen'
            ? adyen.paymentRequestsOf(one.attemptId).filter((t) => t.state === 'approved').length
            : ended.status === 'succeeded'
              ? 1
              : 0;
      expect(charges).toBeLessThanOrEqual(1);
      const order = await f.order(one.orderId);
      expect(order).toMatchObject({ paid: charges * AMOUNT });
      expect(ended.paymentId !== null).toBe(charges === 1);
      // Free again: a line can be added to the order.
      expect((await f.addFries(one.orderId)).status).toBe(201);
    }
    expect(outcomes).toEqual({
      'simulator before_send': 'succeeded',
      'stripe before_send': 'cancelled',
      'adyen before_send': 'failed',
      'simulator after_send': 'succeeded',
      'stripe after_send': 'succeeded',
      'adyen after_send': 'succeeded',
      'stripe webhook': 'succeeded',
      'adyen webhook': 'succeeded',
      'simulator before_commit': 'succeeded',
      'stripe before_commit': 'succeeded',
      'adyen before_commit': 'succeeded',
    });
    // Never sent twice: one PaymentRequest per Adyen attempt that reached the terminal, no ServiceID reused.
    expect(adyen.duplicates).toEqual([]);
    for (const one of cases.filter((c) => c.provider === 'adyen')) {
      expect(adyen.paymentRequests.filter((r) => r.reference === one.attemptId).length).toBeLessThanOrEqual(
        1,
      );
    }
    for (const one of cases.filter((c) => c.provider === 'stripe')) {
      expect(stripe.intentsOf(one.attemptId).length).toBeLessThanOrEqual(1);
    }
    await stop();
  });
});
