import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Method = { id: string; kind: string };
interface OrderBody {
  id: string;
  status: string;
  version: number;
  total: number;
  paid: number;
  due: number;
  refundDue: number;
  paymentStatus: string;
  tableId: string | null;
  items: Array<{ id: string; status: string; servedAt: string | null }>;
}

/** Rules of an order's money and lifecycle that a hostile probe found open (hardening issue). */
describe('Order rules', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  let make: ReturnType<typeof factories>;
  let r: Restaurant;
  let cash: Method;
  let card: Method;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    make = factories(t, admin);
    r = await make.newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    kitchen = await newStaff(t, Role.Kitchen);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Method[];
    cash = methods.find((m) => m.kind === 'cash')!;
    card = methods.find((m) => m.kind === 'card')!;
  });

  afterAll(() => t.close());

  async function newOrder(
    items: Array<{ dishId: string; variationId?: string; quantity: number }>,
    type = 'takeaway',
    tableId?: string,
  ): Promise<OrderBody> {
    const response = await as(t, waiter.session).post('/api/v1/orders').send({ type, tableId, items });
    expect(response.status).toBe(201);
    return response.body as OrderBody;
  }
  const get = async (id: string) =>
    (await as(t, waiter.session).get(`/api/v1/orders/${id}`).expect(200)).body as OrderBody;
  const close = (id: string, session: Session = waiter.session) =>
    as(t, session).patch(`/api/v1/orders/${id}/status`).send({ status: 'closed' });

  describe('If-Match on payments and refunds', () => {
    it('refuses a payment or a refund made against a stale order version, and takes nothing', async () => {
      const order = await newOrder([{ dishId: r.beer.id, quantity: 2 }]);
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/items`)
        .send({ items: [{ dishId: r.fries.id, quantity: 1 }] })
        .expect(201);

      const stale = await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .set('If-Match', String(order.version))
        .send({ methodId: card.id, amount: 500 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      expect(stale.body.error.details).toMatchObject({ id: order.id, version: order.version + 1, paid: 0 });
      expect((await get(order.id)).paid).toBe(0);

      const current = await get(order.id);
      const payment = await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .set('If-Match', `"${current.version}"`)
        .send({ methodId: card.id, amount: 500 });
      expect(payment.status).toBe(201);

      const staleRefund = await as(t, manager.session)
        .post(`/api/v1/payments/${payment.body.id}/refund`)
        .set('If-Match', String(current.version))
        .send({ amount: 100, reason: 'wrong round' });
      expect(staleRefund.status).toBe(409);
      expect(staleRefund.body.error.code).toBe('VERSION_CONFLICT');
      expect((await get(order.id)).paid).toBe(500);

      const refund = await as(t, manager.session)
        .post(`/api/v1/payments/${payment.body.id}/refund`)
        .set('If-Match', String(current.version + 1))
        .send({ amount: 100, reason: 'wrong round' });
      expect(refund.status).toBe(201);
      expect((await get(order.id)).paid).toBe(400);
    });
  });

  describe('overpayment', () => {
    it('shows refundDue after a discount and refuses to close until it is refunded', async () => {
      const order = await newOrder([{ dishId: r.beer.id, quantity: 2 }]);
      const payment = await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: card.id, amount: order.total })
        .expect(201);
      const discounted = await as(t, manager.session)
        .post(`/api/v1/orders/${order.id}/discount`)
        .send({ kind: 'percent', value: 50, reason: 'birthday' })
        .expect(200);
      expect(discounted.body).toMatchObject({ total: 550, paid: 1100, due: 0, refundDue: 550 });

      const refused = await close(order.id);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('INVALID_TRANSITION');
      expect(refused.body.error.message).toMatch(/refund/);
      expect((await get(order.id)).status).not.toBe('closed');

      await as(t, manager.session)
        .post(`/api/v1/payments/${payment.body.id}/refund`)
        .send({ amount: 550, reason: 'birthday discount after payment' })
        .expect(201);
      expect(await get(order.id)).toMatchObject({ paid: 550, due: 0, refundDue: 0, paymentStatus: 'paid' });
      expect((await close(order.id)).status).toBe(200);
    });

    it('shows refundDue after a void of a paid item', async () => {
      const order = await newOrder([
        { dishId: r.beer.id, quantity: 1 },
        { dishId: r.fries.id, quantity: 1 },
      ]);
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: cash.id, amount: order.total })
        .expect(201);
      const voided = await as(t, waiter.session)
        .delete(`/api/v1/orders/${order.id}/items/${order.items[1].id}`)
        .send({})
        .expect(200);
      expect(voided.body).toMatchObject({ total: 550, paid: 1000, due: 0, refundDue: 450 });
      expect((await close(order.id)).status).toBe(409);
    });

    it('lets the waiter give back what was paid over the total, and nothing more, so the check closes', async () => {
      const order = await newOrder([
        { dishId: r.beer.id, quantity: 1 },
        { dishId: r.fries.id, quantity: 1 },
      ]);
      const payment = await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: cash.id, amount: order.total })
        .expect(201);
      await as(t, waiter.session)
        .delete(`/api/v1/orders/${order.id}/items/${order.items[1].id}`)
        .send({})
        .expect(200);
      const refused = await close(order.id);
      expect(refused.status).toBe(409);
      expect(refused.body.error.details).toEqual({ closeBlockedBy: 'overpaid', amount: 450 });

      const refund = (amount: number) =>
        as(t, waiter.session)
          .post(`/api/v1/payments/${payment.body.id}/refund`)
          .send({ amount, reason: 'paid over the total' });
      expect((await refund(451)).status).toBe(403);
      expect((await refund(450)).status).toBe(201);
      const payments = await as(t, waiter.session).get(`/api/v1/orders/${order.id}/payments`).expect(200);
      expect(payments.body.items).toMatchObject([{ id: payment.body.id, amount: 1000, refunded: 450 }]);
      expect(await get(order.id)).toMatchObject({ paid: 550, due: 0, refundDue: 0 });
      expect((await close(order.id)).status).toBe(200);
      const afterClose = await as(t, waiter.session)
        .post(`/api/v1/payments/${payment.body.id}/refund`)
        .send({ amount: 100, reason: 'not a waiter’s refund' });
      expect(afterClose.status).toBe(403);
    });

    it('says what is due when a check closes unpaid', async () => {
      const order = await newOrder([{ dishId: r.beer.id, quantity: 1 }]);
      const refused = await close(order.id);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { closeBlockedBy: 'due', amount: order.total },
      });
    });

    it('is 0 on every order that is not overpaid', async () => {
      const order = await newOrder([{ dishId: r.beer.id, quantity: 1 }]);
      expect(order).toMatchObject({ due: 550, refundDue: 0 });
    });
  });

  describe('closing settles live items', () => {
    const itemStatus = (order: OrderBody, index: number, status: string, session: Session) =>
      as(t, session)
        .patch(`/api/v1/orders/${order.id}/items/${order.items[index].id}/status`)
        .send({ status })
        .expect(200);
    const payInFull = (order: OrderBody) =>
      as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: card.id, amount: order.total })
        .expect(201);
    const tickets = async () =>
      (
        (await as(t, kitchen.session).get('/api/v1/kitchen/tickets').expect(200)).body.items as OrderBody[]
      ).map((ticket) => ticket.id);

    it('serves what is on the pass when a ready order closes', async () => {
      const order = await newOrder([
        { dishId: r.beer.id, quantity: 1 },
        { dishId: r.fries.id, quantity: 1 },
      ]);
      await itemStatus(order, 0, 'ready', kitchen.session);
      await itemStatus(order, 1, 'ready', kitchen.session);
      await itemStatus(order, 1, 'served', waiter.session);
      await payInFull(order);
      expect((await get(order.id)).status).toBe('ready');
      const closed = await close(order.id);
      expect(closed.status).toBe(200);
      expect((closed.body as OrderBody).items.map((item) => item.status)).toEqual(['served', 'served']);
      expect((closed.body as OrderBody).items.every((item) => item.servedAt !== null)).toBe(true);
    });

    it('closes a paid check with the bar’s drinks still sent after the food was served, and frees the table', async () => {
      const order = await newOrder(
        [
          { dishId: r.fries.id, quantity: 1 },
          { dishId: r.beer.id, quantity: 2 },
        ],
        'dine_in',
        r.table.id,
      );
      await itemStatus(order, 0, 'ready', kitchen.session);
      await itemStatus(order, 0, 'served', waiter.session);
      expect((await get(order.id)).status).toBe('in_progress');
      await payInFull(order);
      const closed = await close(order.id);
      expect(closed.status).toBe(200);
      expect((closed.body as OrderBody).items.map((item) => item.status)).toEqual(['served', 'served']);
      const table = await as(t, waiter.session).get(`/api/v1/tables/${r.table.id}`).expect(200);
      expect(table.body.status).toBe('cleaning');
    });

    it('lets the waiter serve a line from sent (a bar without a screen), and the order follows', async () => {
      const order = await newOrder([
        { dishId: r.beer.id, quantity: 1 },
        { dishId: r.fries.id, quantity: 1 },
      ]);
      const served = await itemStatus(order, 0, 'served', waiter.session);
      expect(served.body.items[0]).toMatchObject({ status: 'served', servedAt: expect.any(String) });
      expect(served.body.status).toBe('in_progress');
      const all = await itemStatus(order, 1, 'served', waiter.session);
      expect(all.body.status).toBe('served');
    });

    it('refuses to close while the kitchen cooks part of it, and says so', async () => {
      const order = await newOrder([
        { dishId: r.beer.id, quantity: 1 },
        { dishId: r.fries.id, quantity: 1 },
      ]);
      await itemStatus(order, 1, 'in_progress', kitchen.session);
      await payInFull(order);
      const refused = await close(order.id);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { closeBlockedBy: 'cooking' },
      });
      expect((await get(order.id)).status).toBe('in_progress');
    });

    it('serves what the floor handed over itself when an open order closes, and the ticket goes', async () => {
      const order = await newOrder([{ dishId: r.beer.id, quantity: 2 }]);
      expect(await tickets()).toContain(order.id);
      await payInFull(order);
      const closed = await close(order.id);
      expect(closed.status).toBe(200);
      expect((closed.body as OrderBody).items.map((item) => item.status)).toEqual(['served']);
      expect(await tickets()).not.toContain(order.id);
    });
  });

  describe('money beyond 32 bits', () => {
    it('takes, totals and pays an order worth more than 2^31 minor units on both databases', async () => {
      const category = await make.newCategory(`Cellar ${Date.now()}`);
      const station = await make.newStation(`Cellar bar ${Date.now()}`);
      const wine = await make.newDish({
        name: 'Château rare',
        categoryId: category.id,
        stationId: station.id,
        price: 100_000_000,
      });
      const order = await newOrder([{ dishId: wine.id, quantity: 99 }]);
      expect(order).toMatchObject({ total: 9_900_000_000, due: 9_900_000_000 });
      expect(await get(order.id)).toMatchObject({ total: 9_900_000_000 });
      const paid = await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: card.id, amount: 9_900_000_000 });
      expect(paid.status).toBe(201);
      expect(paid.body.amount).toBe(9_900_000_000);
      expect(await get(order.id)).toMatchObject({ paid: 9_900_000_000, due: 0, paymentStatus: 'paid' });
    });
  });

  describe('tables', () => {
    it('refuses a table on takeaway and delivery orders, which would occupy it for ever', async () => {
      const table = await make.newTable(`Patio ${Date.now()}`);
      for (const type of ['takeaway', 'delivery']) {
        const refused = await as(t, waiter.session)
          .post('/api/v1/orders')
          .send({ type, tableId: table.id, items: [{ dishId: r.beer.id, quantity: 1 }] });
        expect(refused.status).toBe(422);
        expect(refused.body.error.details).toEqual([
          { field: 'tableId', message: `must be absent for ${type} orders` },
        ]);
      }
      const after = await as(t, waiter.session).get(`/api/v1/tables/${table.id}`).expect(200);
      expect(after.body.status).toBe('free');
    });
  });
});
