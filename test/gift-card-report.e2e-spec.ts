import { as, login } from './support/clients';
import { giftCardsFixture } from './support/gift-cards-fixture';

const DAY_MS = 24 * 60 * 60_000;
const GROUPS = 10;
const ACTIVITIES_PER_GROUP_PER_DAY = 25;

/** A small seeded generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModelCard {
  id: string;
  code: string;
  balance: number;
  void: boolean;
  expiresAt: number | null;
}

/** What the test expects of one day of the report, summed from what it did. */
interface Figures {
  cardsIssued: number;
  activated: number;
  loaded: number;
  soldForMoney: number;
  redeemed: number;
  refunded: number;
  voided: number;
  sales: Record<string, number>;
  activities: number;
}

interface ReportView extends Record<string, unknown> {
  period: { from: string; to: string; end: string };
  outstandingOnExpiredCards: number;
  sales: Array<{ methodId: string; amount: number }>;
}

const noFigures = (): Figures => ({
  cardsIssued: 0,
  activated: 0,
  loaded: 0,
  soldForMoney: 0,
  redeemed: 0,
  refunded: 0,
  voided: 0,
  sales: {},
  activities: 0,
});

describe('The gift-card report against a generated ledger', () => {
  let f: Awaited<ReturnType<typeof giftCardsFixture>>;

  beforeAll(async () => {
    f = await giftCardsFixture();
  });

  afterAll(() => f.t.close());

  /**
   * One till's day: issues, loads, redemptions (payments on its own orders), refunds of them and voids, on its own
   * cards, `count` activities in all; the figures it made are added to `day`.
   */
  async function runGroup(group: number, cards: ModelCard[], count: number, day: Figures): Promise<void> {
    const random = seeded(1000 * group + day.activities + count);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    const amount = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const methods = [f.method.cash, f.method.card, null];
    let order = await f.newOrder(99);
    let due = order.due;
    const payments: Array<{ id: string; card: ModelCard; left: number }> = [];
    const usable = () =>
      cards.filter((c) => !c.void && (c.expiresAt === null || c.expiresAt > f.t.clock.now().getTime()));
    const sold = (methodId: string | null, value: number) => {
      if (!methodId) return;
      day.soldForMoney += value;
      day.sales[methodId] = (day.sales[methodId] ?? 0) + value;
    };
    for (let done = 0; done < count; done++) {
      const roll = random();
      const live = usable();
      const withBalance = live.filter((c) => c.balance > 0);
      const refundable = payments.filter((p) => p.left > 0 && !p.card.void);
      if (live.length < 2 || roll < 0.15) {
        const value = amount(500, 5000);
        const methodId = pick(methods);
        const expiresAt = random() < 0.2 ? f.t.clock.now().getTime() + DAY_MS / 2 : null;
        const issued = await f.issue({
          amount: value,
          ...(methodId ? { sale: { methodId } } : {}),
          ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
        });
        cards.push({ id: issued.id, code: issued.code, balance: value, void: false, expiresAt });
        day.cardsIssued += 1;
        day.activated += value;
        sold(methodId, value);
      } else if (roll < 0.35) {
        const card = pick(live);
        const value = amount(100, 3000);
        const methodId = pick(methods);
        await as(f.t, f.manager.session)
          .post(`/api/v1/gift-cards/${card.id}/load`)
          .send({ amount: value, ...(methodId ? { sale: { methodId } } : {}) })
          .expect(200);
        card.balance += value;
        day.loaded += value;
        sold(methodId, value);
      } else if (roll < 0.8 && withBalance.length > 0) {
        const card = pick(withBalance);
        const value = Math.min(card.balance, amount(100, 2500));
        if (due < value) {
          order = await f.newOrder(99);
          due = order.due;
        }
        const paid = await f.payWithCard(order.id, card.code, value);
        expect(paid.status).toBe(201);
        due -= value;
        card.balance -= value;
        payments.push({ id: paid.body.id as string, card, left: value });
        day.redeemed += value;
      } else if (roll < 0.95 && refundable.length > 0) {
        const payment = pick(refundable);
        const value = amount(1, payment.left);
        await as(f.t, f.manager.session)
          .post(`/api/v1/payments/${payment.id}/refund`)
          .send({ amount: value, reason: 'generated' })
          .expect(201);
        payment.left -= value;
        payment.card.balance += value;
        due += value;
        day.refunded += value;
      } else {
        const card = pick(live);
        await as(f.t, f.manager.session)
          .post(`/api/v1/gift-cards/${card.id}/void`)
          .send({ reason: 'generated' })
          .expect(200);
        day.voided += card.balance;
        card.balance = 0;
        card.void = true;
      }
      day.activities += 1;
    }
  }

  const report = async (query: object): Promise<ReportView> =>
    (await as(f.t, f.manager.session).get('/api/v1/reports/gift-cards').query(query).expect(200))
      .body as ReportView;

  const expectDay = (view: ReportView, day: Figures, opening: number, closing: number) => {
    const sold = day.activated + day.loaded;
    expect(view).toMatchObject({
      openingOutstanding: opening,
      cardsIssued: day.cardsIssued,
      activated: day.activated,
      loaded: day.loaded,
      sold,
      soldForMoney: day.soldForMoney,
      given: sold - day.soldForMoney,
      redeemed: day.redeemed,
      refunded: day.refunded,
      voided: day.voided,
      adjusted: 0,
      closingOutstanding: closing,
    });
    expect(Object.fromEntries(view.sales.map((s) => [s.methodId, s.amount]))).toEqual(day.sales);
    expect(opening + sold - day.redeemed + day.refunded - day.voided).toBe(closing);
  };

  it('reconciles sold, redeemed, refunded, voided and outstanding over 500 activities on two days', async () => {
    const started = Date.now();
    const groups: ModelCard[][] = Array.from({ length: GROUPS }, () => []);
    const outstanding = () => groups.flat().reduce((sum, card) => sum + card.balance, 0);

    const first = noFigures();
    await Promise.all(groups.map((cards, g) => runGroup(g, cards, ACTIVITIES_PER_GROUP_PER_DAY, first)));
    const firstDay = (await report({})).period.from;
    const afterFirst = outstanding();

    f.t.clock.advance(DAY_MS);
    for (const staff of [f.manager, f.waiter])
      staff.session = await login(f.t, staff.username, staff.password);
    const second = noFigures();
    await Promise.all(
      groups.map((cards, g) => runGroup(g + GROUPS, cards, ACTIVITIES_PER_GROUP_PER_DAY, second)),
    );
    const afterSecond = outstanding();
    expect(first.activities + second.activities).toBe(500);

    const secondDay = await report({});
    expect(secondDay.period.from).not.toBe(firstDay);
    expectDay(secondDay, second, afterFirst, afterSecond);
    expectDay(await report({ from: firstDay, to: firstDay }), first, 0, afterFirst);
    const both = await report({ from: firstDay, to: secondDay.period.to });
    expect(both).toMatchObject({
      openingOutstanding: 0,
      sold: first.activated + first.loaded + second.activated + second.loaded,
      redeemed: first.redeemed + second.redeemed,
      closingOutstanding: afterSecond,
    });
    const expiredHeld = groups
      .flat()
      .filter((card) => card.expiresAt !== null && card.expiresAt < new Date(secondDay.period.end).getTime())
      .reduce((sum, card) => sum + card.balance, 0);
    expect(secondDay.outstandingOnExpiredCards).toBe(expiredHeld);

    let balances = 0;
    for (let page = 1; ; page++) {
      const body = (
        await as(f.t, f.manager.session).get('/api/v1/gift-cards').query({ page, perPage: 100 }).expect(200)
      ).body;
      balances += (body.items as Array<{ balance: number }>).reduce((sum, card) => sum + card.balance, 0);
      if (page >= body.pages) break;
    }
    expect(balances).toBe(afterSecond);

    const csv = await as(f.t, f.manager.session)
      .get('/api/v1/reports/gift-cards')
      .query({ format: 'csv' })
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(`closingOutstanding,,${afterSecond},`);
    process.stdout.write(
      `gift-card ledger: 500 activities on ${groups.flat().length} cards in ${Date.now() - started} ms ` +
        `(${f.t.dataSource.options.type})\n`,
    );
  }, 180_000);
});
