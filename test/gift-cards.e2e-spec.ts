import { Role } from '../src/common/access/role';
import { newGiftCardCode } from '../src/guests/gift-cards/gift-card-code';
import { as, issueKey, newStaff, withKey } from './support/clients';
import { giftCardsFixture, IssuedCard, withTypo } from './support/gift-cards-fixture';

const HOUR_MS = 60 * 60_000;

describe('Gift cards', () => {
  let f: Awaited<ReturnType<typeof giftCardsFixture>>;
  /** Every code issued here: none may be stored or shown anywhere after its issue. */
  const codes: string[] = [];
  const issue = async (body: object): Promise<IssuedCard> => {
    const card = await f.issue(body);
    codes.push(card.code);
    return card;
  };

  beforeAll(async () => {
    f = await giftCardsFixture();
  });

  afterAll(() => f.t.close());

  it('shows the full code once, grouped with a check digit, and finds the card by it', async () => {
    const issued = await issue({ amount: 5000, sale: { methodId: f.method.cash } });
    expect(issued).toMatchObject({ balance: 5000, status: 'active', expiresAt: null });
    expect(issued.code).toMatch(/^\d{4}( \d{4}){4}$/);
    expect(issued.last4).toBe(issued.code.slice(-4));

    const shown = await f.card(issued.id);
    expect(shown).not.toHaveProperty('code');
    expect(shown).toMatchObject({ id: issued.id, last4: issued.last4, balance: 5000 });
    const list = (await as(f.t, f.manager.session).get('/api/v1/gift-cards').expect(200)).body;
    expect(list.items[0]).toMatchObject({ id: issued.id });
    expect(list.items[0]).not.toHaveProperty('code');

    const typed = issued.code.replace(/ /g, '-');
    const found = await as(f.t, f.manager.session).get('/api/v1/gift-cards/lookup').query({ code: typed });
    expect(found.status).toBe(200);
    expect(found.body).toEqual(shown);

    const ledger = await f.activities(issued.id);
    expect(ledger).toEqual([
      expect.objectContaining({
        type: 'activate',
        amount: 5000,
        balanceAfter: 5000,
        saleMethodId: f.method.cash,
        by: `staff:${f.manager.id}`,
      }),
    ]);
  });

  it('catches a mistyped code by its check digit, before any lookup and without counting it', async () => {
    const issued = await issue({ amount: 1000 });
    const digits = issued.code.replace(/ /g, '');
    const swapped = digits.slice(0, 7) + digits[8] + digits[7] + digits.slice(9);
    const typos = [withTypo(issued.code), ...(swapped === digits ? [] : [swapped])];
    const checker = await newStaff(f.t, Role.Manager);
    for (let i = 0; i < 6; i++) {
      for (const typo of typos) {
        const response = await as(f.t, checker.session)
          .get('/api/v1/gift-cards/lookup')
          .query({ code: typo });
        expect(response.status).toBe(422);
        expect(response.body.error.details).toEqual([
          { field: 'code', message: 'is mistyped: its check digit does not match' },
        ]);
      }
    }
    const order = await f.newOrder(1);
    const paid = await f.payWithCard(order.id, withTypo(issued.code), 450);
    expect(paid.status).toBe(422);
    expect(paid.body.error.details[0].field).toBe('giftCardCode');
    await as(f.t, checker.session).get('/api/v1/gift-cards/lookup').query({ code: issued.code }).expect(200);
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const before = (await as(f.t, f.manager.session).get('/api/v1/gift-cards').expect(200)).body.total;
    const expectField = async (body: object, field: string) => {
      const response = await as(f.t, f.manager.session).post('/api/v1/gift-cards').send(body);
      expect(response.status).toBe(422);
      expect(JSON.stringify(response.body.error.details)).toContain(field);
    };
    await expectField({ amount: 0 }, 'amount');
    await expectField({ amount: -500 }, 'amount');
    await expectField({ amount: 1000, expiresAt: new Date(Date.now() - HOUR_MS).toISOString() }, 'expiresAt');
    await expectField({ amount: 1000, sale: { methodId: 'nope' } }, 'sale.methodId');
    await expectField({ amount: 1000, sale: { methodId: f.method.giftCard } }, 'sale.methodId');
    const card = await issue({ amount: 1000 });
    for (const amount of [0, -1]) {
      const load = await as(f.t, f.manager.session)
        .post(`/api/v1/gift-cards/${card.id}/load`)
        .send({ amount });
      expect(load.status).toBe(422);
    }
    expect((await as(f.t, f.manager.session).get('/api/v1/gift-cards').expect(200)).body.total).toBe(
      before + 1,
    );
    expect(await f.activities(card.id)).toHaveLength(1);
  });

  it('redeems in the payment, refuses what the card cannot pay, and a refund loads the card back', async () => {
    const issued = await issue({ amount: 3000 });
    const order = await f.newOrder(10);
    expect(order.due).toBe(4500);

    const tooMuch = await f.payWithCard(order.id, issued.code, 4000);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({ code: 'INSUFFICIENT_BALANCE', details: { balance: 3000 } });
    const noCode = await f.payWithCard(order.id, undefined, 1000);
    expect(noCode.status).toBe(422);
    expect(noCode.body.error.details[0].field).toBe('giftCardCode');
    const cashWithCode = await as(f.t, f.waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: f.method.cash, amount: 1000, giftCardCode: issued.code });
    expect(cashWithCode.status).toBe(422);
    expect((await f.card(issued.id)).balance).toBe(3000);

    const paid = await f.payWithCard(order.id, issued.code, 3000);
    expect(paid.status).toBe(201);
    expect((await f.card(issued.id)).balance).toBe(0);
    await as(f.t, f.manager.session)
      .post(`/api/v1/payments/${paid.body.id}/refund`)
      .send({ amount: 1200, reason: 'cold soup' })
      .expect(201);
    expect((await f.card(issued.id)).balance).toBe(1200);
    const ledger = await f.activities(issued.id);
    expect(ledger.map((a) => [a.type, a.amount, a.balanceAfter])).toEqual([
      ['activate', 3000, 3000],
      ['redeem', -3000, 0],
      ['refund', 1200, 1200],
    ]);
    expect(ledger[1]).toMatchObject({ orderId: order.id, paymentId: paid.body.id });
    expect(ledger[2]).toMatchObject({ orderId: order.id, paymentId: paid.body.id });
  });

  it('a void card writes its balance off and pays nothing again', async () => {
    const issued = await issue({ amount: 2000 });
    const voided = await as(f.t, f.manager.session)
      .post(`/api/v1/gift-cards/${issued.id}/void`)
      .send({ reason: 'reported stolen' });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', balance: 0 });
    const order = await f.newOrder(1);
    const paid = await f.payWithCard(order.id, issued.code, 450);
    expect(paid.status).toBe(422);
    expect(paid.body.error.message).toContain('void');
    await as(f.t, f.manager.session)
      .post(`/api/v1/gift-cards/${issued.id}/load`)
      .send({ amount: 100 })
      .expect(409);
    await as(f.t, f.manager.session)
      .post(`/api/v1/gift-cards/${issued.id}/void`)
      .send({ reason: 'again' })
      .expect(409);
    const ledger = await f.activities(issued.id);
    expect(ledger.map((a) => [a.type, a.amount, a.balanceAfter])).toEqual([
      ['activate', 2000, 2000],
      ['void', -2000, 0],
    ]);
  });

  it('of 20 tills redeeming 1,000 at once from a card holding 5,000, exactly 5 succeed', async () => {
    const issued = await issue({ amount: 5000 });
    const orders = [];
    for (let i = 0; i < 20; i++) orders.push(await f.newOrder(3));
    const started = Date.now();
    const replies = await Promise.all(orders.map((order) => f.payWithCard(order.id, issued.code, 1000)));
    const elapsedMs = Date.now() - started;
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    const refused = replies.filter((reply) => reply.status !== 201);
    expect(refused).toHaveLength(15);
    for (const reply of refused) {
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe('INSUFFICIENT_BALANCE');
    }
    expect((await f.card(issued.id)).balance).toBe(0);
    const ledger = await f.activities(issued.id);
    expect(ledger.reduce((sum, a) => sum + a.amount, 0)).toBe(0);
    expect(ledger.filter((a) => a.type === 'redeem')).toHaveLength(5);
    let running = 0;
    for (const activity of ledger) {
      running += activity.amount;
      expect(activity.balanceAfter).toBe(running);
      expect(running).toBeGreaterThanOrEqual(0);
    }
    process.stdout.write(
      `20 parallel redemptions from one card: ${elapsedMs} ms (${f.t.dataSource.options.type})\n`,
    );
  });

  it('limits codes that match no card per caller, like wrong PINs: 429 with Retry-After', async () => {
    const known = await issue({ amount: 1000 });
    const guesser = await newStaff(f.t, Role.Manager);
    const lookup = (code: string) =>
      as(f.t, guesser.session).get('/api/v1/gift-cards/lookup').query({ code });
    for (let i = 0; i < 5; i++) await lookup(newGiftCardCode()).expect(404);
    const locked = await lookup(newGiftCardCode());
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await lookup(known.code).expect(429);
    await as(f.t, f.manager.session).get('/api/v1/gift-cards/lookup').query({ code: known.code }).expect(200);

    // Paying with codes that match no card counts the same way, though each payment fails and writes nothing.
    const till = await newStaff(f.t, Role.Waiter);
    const order = await f.newOrder(1);
    const pay = (code: string) =>
      as(f.t, till.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .set('Idempotency-Key', `guess-${Math.random()}`)
        .send({ methodId: f.method.giftCard, amount: 450, giftCardCode: code });
    for (let i = 0; i < 5; i++) expect((await pay(newGiftCardCode())).status).toBe(422);
    const refused = await pay(known.code);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('counts cash taken for gift cards in the drawer shift, not in sales', async () => {
    const sales = async (): Promise<unknown> =>
      (await as(f.t, f.manager.session).get('/api/v1/reports/sales').expect(200)).body.totals as unknown;
    const salesBefore = await sales();
    const shift = (
      await as(f.t, f.manager.session).post('/api/v1/shifts/open').send({ openingCash: 10000 }).expect(201)
    ).body as { id: string };
    await issue({ amount: 2500, sale: { methodId: f.method.cash } });
    const card = await issue({ amount: 1000, sale: { methodId: f.method.card } });
    await as(f.t, f.manager.session)
      .post(`/api/v1/gift-cards/${card.id}/load`)
      .send({ amount: 700, sale: { methodId: f.method.cash } })
      .expect(200);
    const open = (await as(f.t, f.manager.session).get(`/api/v1/shifts/${shift.id}`).expect(200)).body;
    expect(open).toMatchObject({ giftCardCashSales: 3200, expectedCash: 13200 });
    const closed = (
      await as(f.t, f.manager.session)
        .post(`/api/v1/shifts/${shift.id}/close`)
        .send({ countedCash: 13200 })
        .expect(200)
    ).body;
    expect(closed).toMatchObject({ giftCardCashSales: 3200, expectedCash: 13200, difference: 0 });
    expect(await sales()).toEqual(salesBefore);
  });

  it('opens to keys with gift_cards:write, replays an idempotent issue, and lets webhooks subscribe', async () => {
    const key = await issueKey(f.t, f.admin, { scopes: ['gift_cards:write'] });
    const other = await issueKey(f.t, f.admin, { scopes: ['payments:write'] });
    await withKey(f.t, other.key).post('/api/v1/gift-cards').send({ amount: 100 }).expect(403);
    await as(f.t, f.waiter.session).post('/api/v1/gift-cards').send({ amount: 100 }).expect(403);
    const first = await withKey(f.t, key.key)
      .post('/api/v1/gift-cards')
      .set('Idempotency-Key', 'issue-once')
      .send({ amount: 100 })
      .expect(201);
    codes.push(first.body.code as string);
    const again = await withKey(f.t, key.key)
      .post('/api/v1/gift-cards')
      .set('Idempotency-Key', 'issue-once')
      .send({ amount: 100 })
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.code).toBe(first.body.code);
    expect(await f.activities(first.body.id as string)).toEqual([
      expect.objectContaining({ type: 'activate', by: `apiKey:${key.id}` }),
    ]);
    await as(f.t, f.admin)
      .post('/api/v1/webhooks')
      .send({ url: 'https://example.com/hook', events: ['gift_card.activity'] })
      .expect(201);
  });

  it('keeps no code anywhere: not in GET replies, events, the audit log or the stored idempotent replies', async () => {
    const events = (await as(f.t, f.admin).get('/api/v1/events?since=0&limit=1000').expect(200)).body
      .items as Array<{ type: string; data: { giftCard: { last4: string } } }>;
    const cardEvents = events.filter((event) => event.type === 'gift_card.activity');
    expect(cardEvents.length).toBeGreaterThan(0);
    const audit = (await as(f.t, f.admin).get('/api/v1/audit-log?perPage=100').expect(200)).body.items;
    expect(JSON.stringify(audit)).toContain('gift_card.issued');
    const stored = await f.t.dataSource.query(
      'SELECT type, data FROM events UNION ALL SELECT action, after FROM audit_log ' +
        'UNION ALL SELECT key, response_body FROM idempotency_keys',
    );
    const shown = JSON.stringify([events, audit, stored]);
    for (const code of codes) {
      expect(shown).not.toContain(code);
      expect(shown).not.toContain(code.replace(/ /g, ''));
    }
  });

  it('expires a card by the clock: it shows expired and pays nothing', async () => {
    const issued = await issue({ amount: 1500, expiresAt: new Date(Date.now() + HOUR_MS).toISOString() });
    const order = await f.newOrder(2);
    await f.payWithCard(order.id, issued.code, 450).then((reply) => expect(reply.status).toBe(201));
    f.t.clock.advance(2 * HOUR_MS);
    const manager = await newStaff(f.t, Role.Manager);
    const shown = (await as(f.t, manager.session).get(`/api/v1/gift-cards/${issued.id}`).expect(200)).body;
    expect(shown).toMatchObject({ status: 'expired', balance: 1050 });
    const expired = (
      await as(f.t, manager.session).get('/api/v1/gift-cards').query({ status: 'expired' }).expect(200)
    ).body.items as Array<{ id: string }>;
    expect(expired.map((card) => card.id)).toContain(issued.id);
    const waiter = await newStaff(f.t, Role.Waiter);
    const paid = await as(f.t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: f.method.giftCard, amount: 450, giftCardCode: issued.code });
    expect(paid.status).toBe(422);
    expect(paid.body.error.message).toContain('expired');
  });
});
