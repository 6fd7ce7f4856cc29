import { as } from './support/clients';
import { svgLines } from './support/document-readers';
import { openSockets } from './support/sockets';
import { paidEventsOf, statusesOf, terminalsFixture } from './support/terminals-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { TerminalPoller } from '../src/terminals/terminal-poller';

describe('Card terminals: the simulator', () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof terminalsFixture>>;
  let till: { id: string };
  let tipping: { id: string };
  const open = openSockets(() => t);

  beforeAll(async () => {
    t = await startTestApp({ TERMINAL_POLL_MS: '100' });
    f = await terminalsFixture(() => t);
    till = await f.newTerminal({ name: 'Till', provider: 'simulator', providerDeviceId: 'sim-1' });
    tipping = await f.newTerminal({
      name: 'Terrace',
      provider: 'simulator',
      providerDeviceId: 'sim-2',
      tipOnTerminal: true,
    });
  });

  afterAll(() => t.close());

  it('approves: one card payment with the card and tip, the order held meanwhile, every step on the socket', async () => {
    const floor = await open({ token: f.waiter.session.accessToken });
    const order = await f.newOrder();
    const started = await f.start(order.id, { terminalId: till.id, amount: 2000, tip: 150 });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ orderId: order.id, status: 'pending', amount: 2000, tip: 150 });
    expect(started.body.paymentId).toBeNull();
    const id = started.body.id as string;

    const held = await f.addFries(order.id);
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('TERMINAL_PAYMENT_RUNNING');
    const second = await f.start(order.id, { terminalId: tipping.id, amount: 100 });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('TERMINAL_PAYMENT_RUNNING');

    await floor.until(() => statusesOf(floor, id).includes('succeeded'));
    expect(statusesOf(floor, id)).toEqual(['pending', 'in_progress', 'succeeded']);
    const attempt = await f.get(id);
    expect(attempt).toMatchObject({ status: 'succeeded', amount: 2000, tip: 150, failure: null });
    const paid = paidEventsOf(floor, order.id);
    expect(paid).toHaveLength(1);
    expect(paid[0].data.payment).toMatchObject({
      id: attempt.paymentId,
      amount: 2000,
      tip: 150,
      card: {
        brand: 'visa',
        last4: '4242',
        entryMode: 'contactless',
        authCode: expect.stringMatching(/^\d{6}$/),
        emv: { aid: 'A0000000031010', applicationLabel: 'VISA CREDIT' },
        provider: 'simulator',
      },
    });
    expect(await f.order(order.id)).toMatchObject({ paid: 2000, due: 2500 });
    expect((await f.addFries(order.id)).status).toBe(201);
  });

  it('adds 10 % tip rounded half up on a terminal that asks for one', async () => {
    const order = await f.newOrder();
    const started = await f.start(order.id, { terminalId: tipping.id, amount: 1005 });
    expect(started.status).toBe(202);
    expect(await f.ended(started.body.id)).toMatchObject({ status: 'succeeded', amount: 1005, tip: 101 });
    expect(await f.order(order.id)).toMatchObject({ paid: 1005, due: 3495 });
  });

  it('declines (01): failed with card_declined, no payment, the order free again', async () => {
    const floor = await open({ token: f.waiter.session.accessToken });
    const order = await f.newOrder();
    const started = await f.start(order.id, { terminalId: till.id, amount: 1001 });
    const attempt = await f.ended(started.body.id);
    expect(attempt).toMatchObject({
      status: 'failed',
      failure: 'card_declined',
      paymentId: null,
      card: null,
    });
    expect(await f.order(order.id)).toMatchObject({ paid: 0, due: 4500 });
    await floor.until(() => statusesOf(floor, attempt.id).includes('failed'));
    const marker = await f.start(order.id, { terminalId: till.id, amount: 1000 });
    await floor.until(() => statusesOf(floor, marker.body.id).includes('succeeded'));
    expect(paidEventsOf(floor, order.id)).toHaveLength(1);
  });

  it('times out into unknown (02), never charged again, and the next GET resolves it to succeeded', async () => {
    const order = await f.newOrder();
    const id = await f.sent(order.id, { terminalId: till.id, amount: 1002 });
    expect((await f.get(id)).status).toBe('in_progress');
    t.clock.advance(2000);
    await t.app.get(TerminalPoller).pollNow();
    const unknown = await as(t, f.waiter.session).get(`/api/v1/orders/${order.id}`);
    expect(unknown.body).toMatchObject({ paid: 0 });
    const polled = await t.dataSource.query<Array<{ status: string }>>(
      `SELECT status FROM terminal_payments WHERE id = '${id}'`,
    );
    expect(polled[0].status).toBe('unknown');
    expect((await f.addFries(order.id)).status).toBe(409);
    expect(await f.get(id)).toMatchObject({ status: 'succeeded', amount: 1002 });
    expect(await f.order(order.id)).toMatchObject({ paid: 1002 });
  });

  it('takes 5 s on 03 (the clock moved, not waited): in progress at 4 s, succeeded at 5 s', async () => {
    const order = await f.newOrder();
    const id = await f.sent(order.id, { terminalId: till.id, amount: 1003 });
    t.clock.advance(4000);
    expect((await f.get(id)).status).toBe('in_progress');
    t.clock.advance(1000);
    expect(await f.get(id)).toMatchObject({ status: 'succeeded', amount: 1003 });
  });

  it('cancels: the terminal stops, no payment; a cancel racing the approval (04) ends succeeded', async () => {
    const order = await f.newOrder();
    const slow = await f.sent(order.id, { terminalId: till.id, amount: 1003 });
    const cancelled = await f.cancel(slow);
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelRequested: true, paymentId: null });
    expect((await f.cancel(slow)).status).toBe(409);
    expect(await f.order(order.id)).toMatchObject({ paid: 0 });

    const racing = await f.sent(order.id, { terminalId: till.id, amount: 1004 });
    const refused = await f.cancel(racing);
    expect(refused.status).toBe(202);
    expect(refused.body.cancelRequested).toBe(true);
    expect(await f.ended(racing)).toMatchObject({ status: 'succeeded', amount: 1004 });
    expect(await f.order(order.id)).toMatchObject({ paid: 1004 });

    // Cancelled at once, perhaps before it was sent: it is never charged.
    const early = await f.start(order.id, { terminalId: till.id, amount: 1000 });
    expect((await f.cancel(early.body.id)).status).toBe(202);
    expect(await f.ended(early.body.id)).toMatchObject({ status: 'cancelled', paymentId: null });
    expect(await f.order(order.id)).toMatchObject({ paid: 1004 });
  });

  it('lets a waiter list the terminals to pick one, and only an admin change them', async () => {
    const listed = (await as(t, f.waiter.session).get('/api/v1/terminals').expect(200)).body as {
      items: Array<{ id: string }>;
    };
    expect(listed.items.map((terminal) => terminal.id)).toEqual(
      expect.arrayContaining([till.id, tipping.id]),
    );
    await as(t, f.waiter.session)
      .post('/api/v1/terminals')
      .send({ name: 'Bar', provider: 'simulator', providerDeviceId: 'sim-9' })
      .expect(403);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const order = await f.newOrder();
    const tooMuch = await f.start(order.id, { terminalId: till.id, amount: 4501 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.details[0].field).toBe('amount');
    expect((await f.start(order.id, { terminalId: till.id, amount: 0 })).status).toBe(422);
    const unknown = await f.start(order.id, {
      terminalId: '00000000-0000-4000-8000-000000000000',
      amount: 100,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0].field).toBe('terminalId');
    const off = await f.newTerminal({
      name: 'Off',
      provider: 'simulator',
      providerDeviceId: 'x',
      active: false,
    });
    expect((await f.start(order.id, { terminalId: off.id, amount: 100 })).status).toBe(422);
    const sumup = await as(t, f.admin)
      .post('/api/v1/terminals')
      .send({ name: 'S', provider: 'sumup', providerDeviceId: 'x' });
    expect(sumup.status).toBe(422);

    const running = await f.sent(order.id, { terminalId: till.id, amount: 1003 });
    const other = await f.newOrder();
    const busy = await f.start(other.id, { terminalId: till.id, amount: 100 });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('TERMINAL_BUSY');
    expect((await f.cancel(running)).body.status).toBe('cancelled');

    await as(t, f.waiter.session)
      .patch(`/api/v1/orders/${other.id}/status`)
      .send({ status: 'cancelled', reason: 'left' })
      .expect(200);
    const closed = await f.start(other.id, { terminalId: till.id, amount: 100 });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('INVALID_TRANSITION');
    expect(await f.order(order.id)).toMatchObject({ paid: 0, due: 4500 });
  });

  it('makes one payment of an outcome reported many times at once (GETs and polls)', async () => {
    const floor = await open({ token: f.waiter.session.accessToken });
    const order = await f.newOrder();
    const id = await f.sent(order.id, { terminalId: till.id, amount: 1003 });
    t.clock.advance(5000);
    const poller = t.app.get(TerminalPoller);
    const seen = await Promise.all([
      ...Array.from({ length: 8 }, () => f.get(id)),
      poller.pollNow().then(() => f.get(id)),
    ]);
    expect(new Set(seen.map((attempt) => attempt.status))).toEqual(new Set(['succeeded']));
    expect(new Set(seen.map((attempt) => attempt.paymentId)).size).toBe(1);
    expect(await f.order(order.id)).toMatchObject({ paid: 1003 });
    const marker = await f.start(order.id, { terminalId: till.id, amount: 1000 });
    await floor.until(() => statusesOf(floor, marker.body.id).includes('succeeded'));
    expect(paidEventsOf(floor, order.id)).toHaveLength(2);
    expect(statusesOf(floor, id).filter((status) => status === 'succeeded')).toHaveLength(1);
  });

  it('refunds a terminal payment through the refund route', async () => {
    const order = await f.newOrder();
    const started = await f.start(order.id, { terminalId: till.id, amount: 2000, tip: 100 });
    const attempt = await f.ended(started.body.id);
    const refund = await as(t, f.manager.session)
      .post(`/api/v1/payments/${attempt.paymentId}/refund`)
      .send({ amount: 500, tip: 100, reason: 'cold fries' });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({ refunded: 500, tipRefunded: 100, card: { last4: '4242' } });
    expect(await f.order(order.id)).toMatchObject({ paid: 1500 });
  });

  it('prints the card on the receipt of an order a terminal paid', async () => {
    const order = await f.newOrder(2);
    const started = await f.start(order.id, { terminalId: till.id, amount: 900 });
    const attempt = await f.ended(started.body.id);
    await as(t, f.waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const page = await as(t, f.waiter.session).get('/api/v1/receipts?perPage=1').expect(200);
    const receipt = page.body.items[0] as { id: string; orderId: string; payments: object[] };
    expect(receipt.orderId).toBe(order.id);
    expect(receipt.payments).toEqual([
      expect.objectContaining({
        paymentId: attempt.paymentId,
        kind: 'card',
        amount: 900,
        card: {
          brand: 'visa',
          last4: '4242',
          entryMode: 'contactless',
          authCode: attempt.card!.authCode,
          aid: 'A0000000031010',
          applicationLabel: 'VISA CREDIT',
        },
      }),
    ]);
    const svg = await as(t, f.waiter.session).get(`/api/v1/receipts/${receipt.id}?format=svg`).expect(200);
    const lines = svgLines(String(svg.text ?? svg.body)).map((line) => line.trim());
    expect(lines).toContain('VISA **** 4242 (contactless)');
    expect(lines).toContain('VISA CREDIT AID A0000000031010');
    expect(lines).toContain(`Auth code ${attempt.card!.authCode}`);
  });

  it('takes 20 attempts at once on 20 orders and 20 terminals: exactly 20 payments', async () => {
    const orders = await Promise.all(Array.from({ length: 20 }, () => f.newOrder(1)));
    const terminals = await Promise.all(
      orders.map((_, i) =>
        f.newTerminal({ name: `T${i}`, provider: 'simulator', providerDeviceId: `sim-${i}` }),
      ),
    );
    const started = await Promise.all(
      orders.map((order, i) => f.start(order.id, { terminalId: terminals[i].id, amount: 450 })),
    );
    expect(started.map((response) => response.status)).toEqual(orders.map(() => 202));
    const ended = await Promise.all(started.map((response) => f.ended(response.body.id)));
    expect(ended.map((attempt) => attempt.status)).toEqual(orders.map(() => 'succeeded'));
    expect(new Set(ended.map((attempt) => attempt.paymentId)).size).toBe(20);
    const rows = await t.dataSource.query<Array<{ n: number | string }>>(
      `SELECT COUNT(*) AS n FROM payments WHERE order_id IN (${orders.map((o) => `'${o.id}'`).join(', ')})`,
    );
    expect(Number(rows[0].n)).toBe(20);
    for (const order of orders) expect(await f.order(order.id)).toMatchObject({ paid: 450, due: 0 });
  });

  it('resumes an attempt a stopped process left running, by asking: one payment', async () => {
    const order = await f.newOrder();
    const id = await f.sent(order.id, { terminalId: till.id, amount: 1003 });
    expect((await f.get(id)).status).toBe('in_progress');
    t = await t.restart();
    t.clock.advance(5000);
    const floor = await open({ token: f.waiter.session.accessToken });
    await t.app.get(TerminalPoller).pollNow();
    expect(await f.get(id)).toMatchObject({ status: 'succeeded', amount: 1003 });
    expect(await f.order(order.id)).toMatchObject({ paid: 1003 });
    const marker = await f.start(order.id, { terminalId: till.id, amount: 1000 });
    await floor.until(() => statusesOf(floor, marker.body.id).includes('succeeded'));
    const payments = paidEventsOf(floor, order.id).map((event) => event.data.payment as { amount: number });
    expect(payments.map((payment) => payment.amount)).toEqual([1003, 1000]);
  });
});
