import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60_000;

type Json = Record<string, unknown>;
interface TaxRowBody {
  name: string;
  percent: number;
  net: number;
  tax: number;
  gross: number;
}
interface OrderBody {
  id: string;
  total: number;
  paid: number;
  tips: number;
  status: string;
  businessDay: string;
  taxes: TaxRowBody[];
  items: Array<{ id: string; dishId: string; total: number }>;
}

/**
 * Where money features meet: a refund racing a merge, tips and lines given back, refunds after a day's close, and
 * sales after it. Prices include tax (the default); bread is taxed at 7 %, beer at 19 %.
 */
describe('Seams: refunds, merges and the day', () => {
  let t: TestApp;
  let admin: Session;
  let r: Restaurant;
  let waiter: NewStaff;
  let manager: NewStaff;
  let bread: { id: string };
  let method: { cash: string; card: string; giftCard: string };

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.moveToMidBusinessDay();
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const rate = async (name: string, percent: number) =>
      (await as(t, admin).post('/api/v1/tax-rates').send({ name, percent }).expect(201)).body as {
        id: string;
      };
    const [reduced, standard] = [await rate('Reduced', 7), await rate('Standard', 19)];
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.beer.id}`)
      .send({ taxRateIds: [standard.id] })
      .expect(200);
    bread = (
      await as(t, admin)
        .post('/api/v1/dishes')
        .send({ name: 'Bread', categoryId: r.category.id, price: 300, taxRateIds: [reduced.id] })
        .expect(201)
    ).body as { id: string };
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Json[];
    const giftCard = await as(t, admin)
      .post('/api/v1/payment-methods')
      .send({ name: 'Gift card', kind: 'gift_card' })
      .expect(201);
    method = {
      cash: methods.find((m) => m.kind === 'cash')!.id as string,
      card: methods.find((m) => m.kind === 'card')!.id as string,
      giftCard: giftCard.body.id as string,
    };
  });

  afterAll(() => t.close());

  const staff = () => as(t, manager.session);
  const get = async (id: string) => (await staff().get(`/api/v1/orders/${id}`).expect(200)).body as OrderBody;
  const order = async (items: Array<{ dishId: string; quantity: number }>) =>
    (await as(t, waiter.session).post('/api/v1/orders').send({ type: 'takeaway', items }).expect(201))
      .body as OrderBody;
  const pay = async (orderId: string, body: Json) =>
    (await staff().post(`/api/v1/orders/${orderId}/payments`).send(body).expect(201)).body as Json & {
      id: string;
    };
  const close = (orderId: string) =>
    staff().patch(`/api/v1/orders/${orderId}/status`).send({ status: 'closed' }).expect(200);
  const refund = (paymentId: string, body: Json) =>
    staff()
      .post(`/api/v1/payments/${paymentId}/refund`)
      .send({ reason: 'returned', ...body });
  const receiptsOf = async (orderId: string) =>
    ((await staff().get('/api/v1/receipts').query({ perPage: 100 }).expect(200)).body.items as Json[]).filter(
      (receipt) => receipt.orderId === orderId,
    );

  it('a reward merged into another order moves with it: its points come back only when a person cancels', async () => {
    await as(t, admin)
      .put('/api/v1/loyalty')
      .send({ pointsPerUnit: 1, rewards: [{ name: '2 off', points: 10, kind: 'amount', amount: 200 }] })
      .expect(200);
    const rewardId = ((await staff().get('/api/v1/loyalty').expect(200)).body.rewards as Json[])[0]
      .id as string;
    const customer = (await staff().post('/api/v1/customers').send({ name: 'Ada' }).expect(201)).body as Json;
    const points = async () =>
      (
        (
          await staff()
            .get(`/api/v1/customers/${customer.id as string}/loyalty`)
            .expect(200)
        ).body as Json
      ).points as number;
    const earner = await order([{ dishId: r.beer.id, quantity: 4 }]);
    await staff().post(`/api/v1/orders/${earner.id}/customer`).send({ customerId: customer.id }).expect(200);
    await pay(earner.id, { methodId: method.card, amount: earner.total });
    await close(earner.id);
    const earned = await points();
    expect(earned).toBe(Math.floor(earner.total / 100));

    const from = await order([{ dishId: r.beer.id, quantity: 1 }]);
    const into = await order([{ dishId: r.fries.id, quantity: 1 }]);
    await staff().post(`/api/v1/orders/${from.id}/customer`).send({ customerId: customer.id }).expect(200);
    await staff().post(`/api/v1/orders/${from.id}/rewards`).send({ rewardId }).expect(200);
    expect(await points()).toBe(earned - 10);
    const merged = await staff()
      .post(`/api/v1/orders/${into.id}/merge`)
      .send({ fromOrderIds: [from.id] })
      .expect(200);
    expect((merged.body.orders as OrderBody[])[0].total).toBe(from.total + into.total - 200);
    expect(await points()).toBe(earned - 10);
    await staff()
      .patch(`/api/v1/orders/${into.id}/status`)
      .send({ status: 'cancelled', reason: 'left' })
      .expect(200);
    expect(await points()).toBe(earned);
  });

  it('a refund racing a merge is booked on the order that holds the payment: paid never goes below zero', async () => {
    for (let round = 0; round < 8; round++) {
      const from = await order([{ dishId: r.beer.id, quantity: 1 }]);
      const into = await order([{ dishId: r.fries.id, quantity: 1 }]);
      const payment = await pay(from.id, { methodId: method.card, amount: from.total });
      const [merged, refunded] = await Promise.all([
        staff()
          .post(`/api/v1/orders/${into.id}/merge`)
          .send({ fromOrderIds: [from.id] }),
        refund(payment.id, { amount: from.total }),
      ]);
      expect(merged.status).toBe(200);
      expect(refunded.status).toBe(201);
      const [emptied, target] = [await get(from.id), await get(into.id)];
      expect(emptied).toMatchObject({ status: 'cancelled', paid: 0 });
      expect(target.paid).toBe(0);
    }
  });

  it('gives back a tip with its own field, and a gift card gets its tip back too', async () => {
    const beers = await order([{ dishId: r.beer.id, quantity: 2 }]);
    const byCard = await pay(beers.id, { methodId: method.card, amount: beers.total, tip: 200 });
    const tipBack = await refund(byCard.id, { tip: 150 });
    expect(tipBack.status).toBe(201);
    expect(tipBack.body).toMatchObject({ refunded: 0, tipRefunded: 150 });
    expect(await get(beers.id)).toMatchObject({ paid: beers.total });
    const tooMuch = await refund(byCard.id, { tip: 51 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.details[0].field).toBe('tip');
    // Given back before the close, the tip is not on the sale's receipt (nor in what it tells the fiscal unit).
    await close(beers.id);
    const [sale] = await receiptsOf(beers.id);
    const printed = (
      await staff()
        .get(`/api/v1/receipts/${sale.id as string}`)
        .expect(200)
    ).body as Json;
    expect(printed).toMatchObject({
      kind: 'sale',
      tips: 50,
      payments: [expect.objectContaining({ tip: 50 })],
    });

    const card = await staff().post('/api/v1/gift-cards').send({ amount: 5000 }).expect(201);
    const fries = await order([{ dishId: r.fries.id, quantity: 2 }]);
    const byGiftCard = await pay(fries.id, {
      methodId: method.giftCard,
      amount: fries.total,
      tip: 100,
      giftCardCode: card.body.code,
    });
    const balance = async () =>
      ((await staff().get(`/api/v1/gift-cards/${card.body.id}`).expect(200)).body as { balance: number })
        .balance;
    expect(await balance()).toBe(5000 - fries.total - 100);
    await refund(byGiftCard.id, { amount: fries.total, tip: 100 }).expect(201);
    expect(await balance()).toBe(5000);
  });

  it('refunds lines of a closed order with their own tax rows, each unit once', async () => {
    const mixed = await order([
      { dishId: r.beer.id, quantity: 2 },
      { dishId: bread.id, quantity: 1 },
    ]);
    const payment = await pay(mixed.id, { methodId: method.card, amount: mixed.total });
    const beerLine = mixed.items.find((item) => item.dishId === r.beer.id)!;
    const early = await refund(payment.id, { lines: [{ itemId: beerLine.id, quantity: 1 }] });
    expect(early.status).toBe(409);
    await close(mixed.id);

    const one = await refund(payment.id, { lines: [{ itemId: beerLine.id, quantity: 1 }] });
    expect(one.status).toBe(201);
    expect(one.body.refunded).toBe(550);
    const refundReceipt = (await receiptsOf(mixed.id)).find((receipt) => receipt.kind === 'refund')!;
    const content = (
      await staff()
        .get(`/api/v1/receipts/${refundReceipt.id as string}`)
        .expect(200)
    ).body as {
      taxes: TaxRowBody[];
      lines: Array<{ name: string; quantity: number; total: number }>;
    };
    expect(content.taxes).toEqual([expect.objectContaining({ percent: 19, gross: -550 })]);
    expect(content.lines).toEqual([expect.objectContaining({ quantity: 1, total: -550 })]);

    const again = await refund(payment.id, { lines: [{ itemId: beerLine.id, quantity: 2 }] });
    expect(again.status).toBe(422);
    expect(again.body.error.details[0].field).toBe('lines[0].quantity');
    const both = await refund(payment.id, { amount: 100, lines: [{ itemId: beerLine.id, quantity: 1 }] });
    expect(both.status).toBe(422);

    const day = (await get(mixed.id)).businessDay;
    const taxes = (await staff().get('/api/v1/reports/taxes').query({ from: day, to: day }).expect(200))
      .body as {
      rows: Array<{ percent: number; gross: number }>;
    };
    const rowOf = (percent: number) => taxes.rows.filter((row) => row.percent === percent);
    expect(rowOf(7).reduce((sum, row) => sum + row.gross, 0)).toBeGreaterThanOrEqual(300);
  });

  it('books a refund after the day closed on the day it is made: the closed day and its Z do not move', async () => {
    t.clock.advance(DAY_MS);
    const sale = await order([
      { dishId: r.beer.id, quantity: 1 },
      { dishId: bread.id, quantity: 1 },
    ]);
    const payment = await pay(sale.id, { methodId: method.cash, amount: sale.total });
    await close(sale.id);
    const day1 = sale.businessDay;
    const z1 = await staff()
      .post('/api/v1/business-days/close')
      .send({ businessDay: day1, uncountedCashConfirmed: true })
      .expect(201);
    const zBefore = (await staff().get(`/api/v1/business-days/${day1}/z-report`).expect(200)).text;
    const salesOf = async (day: string) =>
      (
        (await staff().get('/api/v1/reports/sales').query({ from: day, to: day, groupBy: 'day' }).expect(200))
          .body.rows as Array<{ salesInclTax: number; refunds: number; tax: number }>
      )[0];
    const day1Sales = await salesOf(day1);

    t.clock.advance(DAY_MS);
    await refund(payment.id, { amount: 550 }).expect(201);
    expect((await staff().get(`/api/v1/business-days/${day1}/z-report`).expect(200)).text).toBe(zBefore);
    expect(await salesOf(day1)).toEqual(day1Sales);
    const shift = (await staff().get('/api/v1/reports/shift').expect(200)).body as {
      businessDay: string;
      sales: { refunds: number; salesInclTax: number; tax: number };
      taxes: Array<{ percent: number; gross: number }>;
    };
    expect(shift.businessDay > day1).toBe(true);
    expect(shift.sales).toMatchObject({ refunds: 550, salesInclTax: -550 });
    expect(shift.sales.tax).toBeLessThan(0);
    expect(shift.taxes.reduce((sum, row) => sum + row.gross, 0)).toBe(-550);
    expect(z1.body.number).toBeGreaterThan(0);
  });

  it('books sales after a day closed on the next day, even before the clock reaches it', async () => {
    t.clock.advance(DAY_MS);
    const today = ((await staff().get('/api/v1/reports/shift').expect(200)).body as { businessDay: string })
      .businessDay;
    await staff()
      .post('/api/v1/business-days/close')
      .send({ businessDay: today, uncountedCashConfirmed: true })
      .expect(201);
    const late = await order([{ dishId: r.beer.id, quantity: 1 }]);
    expect(late.businessDay > today).toBe(true);
    const payment = await pay(late.id, { methodId: method.cash, amount: late.total });
    await close(late.id);
    const z = (await staff().get(`/api/v1/business-days/${today}/z-report`).expect(200)).body as {
      report: { sales: { orders: number } };
    };
    expect(z.report.sales.orders).toBe(0);
    const next = (await staff().get('/api/v1/reports/shift').expect(200)).body as {
      businessDay: string;
      sales: { orders: number; salesInclTax: number };
      payments: Array<{ received: number }>;
    };
    expect(next).toMatchObject({
      businessDay: late.businessDay,
      sales: { orders: 1, salesInclTax: late.total },
    });
    expect(payment.id).toBeDefined();
    // Closing again before the next day starts is the closed day again, not the next one.
    await staff().post('/api/v1/business-days/close').send({ uncountedCashConfirmed: true }).expect(409);
    t.clock.advance(DAY_MS);
    const closeNext = await staff()
      .post('/api/v1/business-days/close')
      .send({ uncountedCashConfirmed: true })
      .expect(201);
    expect(closeNext.body.businessDay).toBe(late.businessDay);
    expect(closeNext.body.report.sales.orders).toBe(1);
  });
});
