import { as, issueKey, NewStaff, Session, withKey } from './support/clients';
import { parseCsv } from './support/csv';
import type { Restaurant } from './support/factories';
import { Item, Method, reportHelpers, setUpReports } from './support/reports-fixture';
import type { TestApp } from './support/test-app';

describe('Reports', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  let r: Restaurant;
  let fish: { id: string; name: string };
  let cash: Method;
  let card: Method;

  beforeAll(async () => {
    ({ t, admin, waiter, manager, kitchen, r, fish, cash, card } = await setUpReports());
  });

  afterAll(() => t.close());

  const { report, newOrder, payAndClose } = reportHelpers(() => ({
    t,
    admin,
    waiter,
    manager,
    kitchen,
    r,
    fish,
    cash,
    card,
  }));

  describe('validation', () => {
    it.each([
      ['sales?from=2026-02-30', 'from'],
      ['sales?from=20261122', 'from'],
      ['sales?to=2026-11-22T00:00:00Z', 'to'],
      ['sales?from=2026-11-23&to=2026-11-22', 'from'],
      ['sales?from=2025-11-21&to=2026-11-22', 'to'],
      ['sales?groupBy=week', 'groupBy'],
      ['sales?groupBy=hour&from=2026-10-01&to=2026-11-01', 'to'],
      ['dishes?format=xml', 'format'],
      ['kitchen?from=', 'from'],
      ['shift?format=xlsx', 'format'],
      ['sales?format=PDF', 'format'],
    ])('refuses %s with 422 naming %s', async (path, field) => {
      const response = await report(path);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect((response.body.error.details as Array<{ field: string }>).map((d) => d.field)).toContain(field);
    });

    it('takes a full year of days, and 31 days of hours', async () => {
      expect((await report('staff?from=2025-11-23&to=2026-11-22')).status).toBe(200);
      const hourly = await report('sales?groupBy=hour&from=2026-10-02&to=2026-11-01').expect(200);
      // 31 days of 24 hours: UTC has no daylight saving (the reconciliation spec covers a 25-hour day).
      expect(hourly.body.rows).toHaveLength(31 * 24);
    });
  });

  describe('access', () => {
    it('is for managers, admins and keys with reports:read', async () => {
      for (const path of [
        'sales',
        'dishes',
        'staff',
        'payment-methods',
        'kitchen',
        'discounts-and-voids',
        'shift',
      ]) {
        expect((await report(path, waiter.session)).status).toBe(403);
        expect((await report(path, kitchen.session)).status).toBe(403);
        expect((await report(path, admin)).status).toBe(200);
      }
      const reader = await issueKey(t, admin, { scopes: ['reports:read'] });
      const other = await issueKey(t, admin, { scopes: ['orders:read', 'payments:write'] });
      expect((await withKey(t, reader.key).get('/api/v1/reports/sales?format=csv')).status).toBe(200);
      const refused = await withKey(t, other.key).get('/api/v1/reports/sales');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    });
  });

  describe('figures', () => {
    let voidedItem: Item;
    let discounted: { id: string; number: number };

    beforeAll(async () => {
      // Two fish and a beer at the table: 3550, 10 % off (355), service 10 % of 3195 (320) → 3515.
      discounted = await newOrder(
        [
          { dishId: fish.id, quantity: 2 },
          { dishId: r.beer.id, quantity: 1 },
        ],
        'dine_in',
      );
      await as(t, manager.session)
        .post(`/api/v1/orders/${discounted.id}/discount`)
        .send({ kind: 'percent', value: 10, reason: 'birthday, "regulars"' })
        .expect(200);
      await payAndClose(discounted.id, [
        { methodId: card.id, amount: 2000, tip: 300 },
        { methodId: cash.id, amount: 2000 },
      ]);
      // A takeaway of fries and fish whose fish the kitchen started, then was voided: 450.
      const voided = await newOrder([
        { dishId: r.fries.id, quantity: 1 },
        { dishId: fish.id, quantity: 1 },
      ]);
      voidedItem = voided.items[1];
      await as(t, kitchen.session)
        .patch(`/api/v1/orders/${voided.id}/items/${voidedItem.id}/status`)
        .send({ status: 'in_progress' })
        .expect(200);
      await as(t, manager.session)
        .delete(`/api/v1/orders/${voided.id}/items/${voidedItem.id}`)
        .send({ reason: 'dropped it' })
        .expect(200);
      await payAndClose(voided.id, [{ methodId: cash.id, amount: 500 }]);
      // An open order: not a sale yet.
      await newOrder([{ dishId: r.beer.id, quantity: 2 }]);
    });

    it('sums the day’s sales, with salesInclTax what was paid and kept', async () => {
      const sales = await report('sales').expect(200);
      const totals = {
        orders: 2,
        itemSales: 3550 + 450,
        discounts: 355,
        serviceCharge: 320,
        refunds: 0,
        tax: 0,
        salesExclTax: 3515 + 450,
        salesInclTax: 3515 + 450,
        tips: 300,
        averageTicket: Math.round((3515 + 450) / 2),
      };
      expect(sales.body.totals).toEqual(totals);
      expect(sales.body.rows).toHaveLength(1);
      expect(sales.body.rows[0]).toMatchObject(totals);
    });

    it('lists dishes and variations without voided items, and quotes a name with a comma and a quote', async () => {
      const dishes = await report('dishes').expect(200);
      const fishRow = (dishes.body.dishes as Array<{ dishId: string }>).find((d) => d.dishId === fish.id);
      expect(fishRow).toMatchObject({ name: 'Fish, "fresh"', quantity: 2, revenue: 3000 });
      const csv = await report('dishes?format=csv').expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="dishes-.*\.csv"$/);
      expect(csv.text).toContain('"Fish, ""fresh"""');
      const rows = parseCsv(csv.text);
      expect(rows.find((row) => row.dishId === fish.id)).toMatchObject({
        dishName: 'Fish, "fresh"',
        quantity: '2',
        revenue: '3000',
        revenueFormatted: '€30.00',
      });
      expect(rows.at(-1)).toMatchObject({
        dishId: 'total',
        quantity: '4',
        revenue: String(3000 + 550 + 450),
      });
    });

    it('names who applied the discount and who voided, with their reasons', async () => {
      const body = (await report('discounts-and-voids').expect(200)).body;
      expect(body.discounts).toEqual([
        expect.objectContaining({
          orderId: discounted.id,
          kind: 'percent',
          value: 10,
          amount: 355,
          reason: 'birthday, "regulars"',
          appliedBy: manager.id,
          appliedByName: manager.session.user.displayName,
        }),
      ]);
      expect(body.voids).toEqual([
        expect.objectContaining({
          itemId: voidedItem.id,
          quantity: 1,
          value: 1500,
          reason: 'dropped it',
          voidedBy: manager.id,
        }),
      ]);
      expect(body.byStaff).toEqual([
        expect.objectContaining({
          staffId: manager.id,
          discounts: 1,
          discountAmount: 355,
          voids: 1,
          voidedQuantity: 1,
          voidedValue: 1500,
        }),
      ]);
      const csv = parseCsv((await report('discounts-and-voids?format=csv').expect(200)).text);
      expect(csv.map((row) => [row.type, row.reason, row.amount])).toEqual([
        ['discount', 'birthday, "regulars"', '355'],
        ['void', 'dropped it', '1500'],
      ]);
    });

    it('splits the money by method: received, change, tips and net', async () => {
      const body = (await report('payment-methods').expect(200)).body;
      const byId = new Map((body.methods as Array<{ methodId: string }>).map((m) => [m.methodId, m]));
      // Card 2000 + tip 300; cash 1515 due of 2000 tendered (485 change), then 450 due of 500 (50 change).
      expect(byId.get(card.id)).toMatchObject({
        payments: 1,
        received: 2300,
        change: 0,
        tips: 300,
        net: 2000,
      });
      expect(byId.get(cash.id)).toMatchObject({
        payments: 2,
        received: 2500,
        change: 535,
        tips: 0,
        net: 1965,
      });
      expect(body.totals.net).toBe(3515 + 450);
    });

    it('gives the X report of the open day', async () => {
      const body = (await report('shift').expect(200)).body;
      expect(body).toMatchObject({
        sales: { orders: 2, salesInclTax: 3965 },
        paymentTotals: { net: 3965 },
        cash: { in: 2500, out: 535, net: 1965 },
        adjustments: { discounts: 1, voids: 1 },
        refunds: { count: 0, amount: 0 },
        cancelledOrders: 0,
        openOrders: { count: 1, total: 1100, paid: 0, due: 1100 },
      });
      const csv = parseCsv((await report('shift?format=csv').expect(200)).text);
      expect(csv).toContainEqual({
        section: 'cash',
        name: '',
        metric: 'out',
        value: '535',
        valueFormatted: '€5.35',
      });
      expect(csv).toContainEqual({
        section: 'openOrders',
        name: '',
        metric: 'count',
        value: '1',
        valueFormatted: '',
      });
    });
  });

  it('measures preparation times per station and dish, with nearest-rank percentiles', async () => {
    // Only advance() moves the clock from here: a slow machine's own seconds would land in the percentiles.
    t.clock.pin();
    const order = await newOrder(
      [1, 2, 3, 4].map(() => ({
        dishId: r.burger.id,
        variationId: r.burger.variations[0].id,
        quantity: 1,
      })),
    );
    for (const item of order.items) {
      t.clock.advance(60_000);
      await as(t, kitchen.session)
        .patch(`/api/v1/orders/${order.id}/items/${item.id}/status`)
        .send({ status: 'ready' })
        .expect(200);
    }
    const body = (await report('kitchen').expect(200)).body;
    // Ready after 60, 120, 180 and 240 s: mean 150 s, p50 the 2nd (120 s), p90 the 4th (240 s).
    const burger = (body.dishes as Array<{ dishId: string }>).find((dish) => dish.dishId === r.burger.id);
    expect(burger).toEqual({
      dishId: r.burger.id,
      name: r.burger.name,
      items: 4,
      averageMs: expect.closeTo(150_000, -3) as number,
      p50Ms: expect.closeTo(120_000, -3) as number,
      p90Ms: expect.closeTo(240_000, -3) as number,
    });
    const csv = parseCsv((await report('kitchen?format=csv').expect(200)).text);
    expect(csv.find((row) => row.id === r.burger.id)).toMatchObject({
      group: 'dish',
      items: '4',
      p50Ms: String(burger && (burger as unknown as { p50Ms: number }).p50Ms),
    });
  });

  it('adds the hours each staff member clocked in, kitchen staff without orders included', async () => {
    const today = async () => (await report('shift').expect(200)).body.businessDay as string;
    const firstDay = await today();
    await as(t, kitchen.session).post('/api/v1/time-clock/clock-in').expect(201);
    await as(t, waiter.session).post('/api/v1/time-clock/clock-in').expect(201);
    t.clock.advance(90 * 60_000);
    await as(t, kitchen.session).post('/api/v1/time-clock/clock-out').expect(200);
    t.clock.advance(45 * 60_000);
    const lastDay = await today();

    const body = (await report(`staff?from=${firstDay}&to=${lastDay}`).expect(200)).body;
    const rows = body.staff as Array<{ waiterId: string; orders: number; hoursWorked: number }>;
    expect(rows.find((row) => row.waiterId === kitchen.id)).toMatchObject({
      displayName: kitchen.session.user.displayName,
      orders: 0,
      revenue: 0,
      hoursWorked: 1.5,
    });
    // Still clocked in: the open shift counts up to now.
    expect(rows.find((row) => row.waiterId === waiter.id)).toMatchObject({ hoursWorked: 2.25 });
    expect(body.totals.hoursWorked).toBe(3.75);
    const csv = parseCsv((await report(`staff?from=${firstDay}&to=${lastDay}&format=csv`).expect(200)).text);
    expect(csv.find((row) => row.waiterId === kitchen.id)).toMatchObject({ orders: '0', hoursWorked: '1.5' });
    expect(csv.at(-1)).toMatchObject({ waiterId: 'total', hoursWorked: '3.75' });
    await as(t, waiter.session).post('/api/v1/time-clock/clock-out').expect(200);
  });
});
