import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { as, loginAdmin, NewStaff } from './support/clients';
import { parseCsv } from './support/csv';
import { callApi, OrderDriver, setUpRestaurant } from './support/reconciliation-driver';
import { Ledger, moneyOf, Prep, salesOf as salesOfOrders, taxesOf } from './support/reconciliation-ledger';
import { DAY_ONE, DAY_TWO, half, HOUR_MS, ORDERS } from './support/reconciliation-schedule';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The reconciliation proof: 1,000 orders (RECONCILIATION_ORDERS; 5,000 for the full size) through the HTTP API over two business days in Europe/Berlin,
 * the first of them the 25-hour day of 2026-10-24 whose night the clocks go back (03:00 CEST → 02:00 CET on
 * 2026-10-25). The spec keeps its own ledger of every order, payment, refund, discount, void and preparation
 * time, works every report's figures out from it, and checks each report (JSON and CSV) to the minor unit.
 *
 * Gross sales reconcile with the money: for each business day, the sales report's salesInclTax (what was paid for the
 * day's closed orders and kept) equals the payment-methods report's net summed over methods, where net =
 * received (bill part + change tendered + tips) - refunded - change - tips, because every order is settled on
 * its own business day.
 */

jest.setTimeout(30 * 60_000);

describe('Reports reconcile with what happened, to the minor unit', () => {
  let t: TestApp;
  let driver: OrderDriver;
  let waiters: NewStaff[];
  let managers: NewStaff[];
  const ledger = new Ledger();
  const { orders, movements, voids, preps, refundsAfterClose } = ledger;
  /** The sales figures of these orders, with their refunds after a close (made on the order's day here). */
  const salesOf = (list: typeof orders) =>
    salesOfOrders(
      list,
      refundsAfterClose.filter((refund) => list.includes(refund.order)),
    );
  const timings: Array<{ database: string; report: string; ms: number }> = [];
  const database = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';

  beforeAll(async () => {
    t = await startTestApp({
      RESTAURANT_TIMEZONE: 'Europe/Berlin',
      BUSINESS_DAY_STARTS_AT: '05:00',
      SERVICE_CHARGE_RATE: '10',
      PRICES_INCLUDE_TAX: 'true',
      CURRENCY: 'EUR',
      // Its staff log in once and drive thousands of orders, which on a loaded machine can outlast a 15-minute token.
      ACCESS_TOKEN_TTL_SECONDS: '7200',
    });
    const cast = await setUpRestaurant(t, await loginAdmin(t));
    ({ waiters, managers } = cast);
    driver = new OrderDriver(t, cast, ledger);
    await driver.driveOrders(ORDERS);
  });

  afterAll(async () => {
    if (timings.length > 0) {
      mkdirSync('test-artifacts', { recursive: true });
      writeFileSync(
        join('test-artifacts', `report-timings-${database}.json`),
        `${JSON.stringify({ orders: orders.length, timings }, null, 2)}\n`,
      );
    }
    await t.close();
  });

  async function timed(report: string, path: string): Promise<Record<string, unknown>> {
    const started = performance.now();
    const body = await callApi(t, managers[0].session, 'get', `/reports/${path}`);
    timings.push({ database, report, ms: Math.round((performance.now() - started) * 10) / 10 });
    return body;
  }

  async function csvOf(path: string): Promise<Array<Record<string, string>>> {
    const response = await as(t, managers[0].session).get(
      `/api/v1/reports/${path}${path.includes('?') ? '&' : '?'}format=csv`,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    return parseCsv(response.text);
  }

  /** Every CSV column that the JSON row also has, read back as the JSON's type, must equal it. */
  function expectSameNumbers(csv: Record<string, string>, json: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(json)) {
      if (typeof value === 'number' && key in csv) expect([key, Number(csv[key])]).toEqual([key, value]);
    }
  }

  it('drove the orders it meant to, over both days and the repeated hour', () => {
    expect(orders).toHaveLength(ORDERS);
    expect(new Set(orders.map((o) => o.day))).toEqual(new Set([DAY_ONE, DAY_TWO]));
    expect(orders.some((o) => o.status === 'open')).toBe(true);
    expect(orders.filter((o) => o.status === 'cancelled').length).toBeGreaterThan(0);
    expect(movements.filter((m) => m.kind === 'refund').length).toBeGreaterThan(0);
  });

  it('sales per business day, and gross sales (with tax) = the money kept per day', async () => {
    const report = await timed('sales by day', `sales?from=${DAY_ONE}&to=${DAY_TWO}`);
    const rows = report.rows as Array<Record<string, unknown>>;
    expect(rows.map((row) => row.period)).toEqual([DAY_ONE, DAY_TWO]);
    for (const row of rows) {
      expect(row).toMatchObject(salesOf(orders.filter((o) => o.day === row.businessDay)));
      const money = moneyOf(movements.filter((m) => m.day === row.businessDay));
      expect(row.salesInclTax).toBe(money.net);
    }
    expect(report.totals).toEqual(salesOf(orders));
    // The 25-hour day: from 05:00 CEST to 05:00 CET.
    expect(rows[0]).toMatchObject({ start: '2026-10-24T03:00:00.000Z', end: '2026-10-25T04:00:00.000Z' });
    const csv = await csvOf(`sales?from=${DAY_ONE}&to=${DAY_TWO}`);
    expect(csv.map((row) => row.period)).toEqual([DAY_ONE, DAY_TWO, 'total']);
    rows.forEach((row, i) => expectSameNumbers(csv[i], row));
    expectSameNumbers(csv[2], report.totals as Record<string, unknown>);
  });

  it('sales per local hour, with two rows for the repeated 02:00', async () => {
    const report = await timed('sales by hour', `sales?from=${DAY_ONE}&to=${DAY_TWO}&groupBy=hour`);
    const rows = report.rows as Array<Record<string, unknown> & { start: string; businessDay: string }>;
    expect(rows.filter((row) => row.businessDay === DAY_ONE)).toHaveLength(25);
    expect(rows.filter((row) => row.businessDay === DAY_TWO)).toHaveLength(24);
    const night = rows.filter((row) => String(row.period).startsWith('2026-10-25T02:00'));
    expect(night.map((row) => row.period)).toEqual(['2026-10-25T02:00+02:00', '2026-10-25T02:00+01:00']);
    for (const row of night) expect(row.orders).toBeGreaterThan(0);
    for (const row of rows) {
      const start = Date.parse(row.start);
      const within = (at: number) => at >= start && at < start + HOUR_MS;
      const inHour = salesOfOrders(
        orders.filter((o) => within(o.createdAt)),
        refundsAfterClose.filter((refund) => within(refund.at)),
      );
      expect([row.period, row]).toEqual([row.period, expect.objectContaining(inHour)]);
    }
    expect(report.totals).toEqual(salesOf(orders));
    const csv = await csvOf(`sales?from=${DAY_ONE}&to=${DAY_TWO}&groupBy=hour`);
    expect(csv).toHaveLength(rows.length + 1);
    rows.forEach((row, i) => {
      expect(csv[i].period).toBe(row.period);
      expectSameNumbers(csv[i], row);
    });
  });

  it('dishes and variations: quantity and revenue of the live items of closed orders', async () => {
    const report = await timed('dishes', `dishes?from=${DAY_ONE}&to=${DAY_TWO}`);
    const expected = new Map<string, { quantity: number; revenue: number }>();
    for (const order of orders.filter((o) => o.status === 'closed')) {
      for (const line of order.lines.filter((l) => l.live)) {
        const sums = expected.get(line.variationId) ?? { quantity: 0, revenue: 0 };
        sums.quantity += line.quantity;
        sums.revenue += line.unitPrice * line.quantity;
        expected.set(line.variationId, sums);
      }
    }
    const reported = report.dishes as Array<{
      dishId: string;
      quantity: number;
      revenue: number;
      variations: Array<{ variationId: string; quantity: number; revenue: number }>;
    }>;
    const variations = reported.flatMap((dish) => dish.variations);
    expect(
      new Map(variations.map((v) => [v.variationId, { quantity: v.quantity, revenue: v.revenue }])),
    ).toEqual(expected);
    for (const dish of reported) {
      expect(dish.revenue).toBe(dish.variations.reduce((sum, v) => sum + v.revenue, 0));
    }
    const csv = await csvOf(`dishes?from=${DAY_ONE}&to=${DAY_TWO}`);
    for (const variation of variations) {
      expectSameNumbers(
        csv.find((row) => row.variationId === variation.variationId)!,
        variation,
      );
    }
    expect(csv.find((row) => row.dishName === 'Steak, "dry aged"')).toBeDefined();
    expectSameNumbers(csv.at(-1)!, report.totals as Record<string, unknown>);
  });

  it('staff: orders, revenue, average ticket and tips per waiter', async () => {
    const report = await timed('staff', `staff?from=${DAY_ONE}&to=${DAY_TWO}`);
    const staff = report.staff as Array<Record<string, unknown>>;
    expect(staff).toHaveLength(waiters.length);
    for (const waiter of waiters) {
      const sales = salesOf(orders.filter((o) => o.waiterId === waiter.id));
      const row = staff.find((s) => s.waiterId === waiter.id)!;
      expect(row).toMatchObject({
        orders: sales.orders,
        revenue: sales.salesInclTax,
        averageTicket: sales.averageTicket,
        tips: sales.tips,
      });
    }
    const csv = await csvOf(`staff?from=${DAY_ONE}&to=${DAY_TWO}`);
    for (const row of staff)
      expectSameNumbers(
        csv.find((c) => c.waiterId === row.waiterId)!,
        row,
      );
  });

  it('payment methods per business day: received, refunds, change, tips and net', async () => {
    for (const [label, from, to] of [
      ['payment methods', DAY_ONE, DAY_TWO],
      ['payment methods (day one)', DAY_ONE, DAY_ONE],
      ['payment methods (day two)', DAY_TWO, DAY_TWO],
    ]) {
      const report = await timed(label, `payment-methods?from=${from}&to=${to}`);
      const inRange = movements.filter((m) => m.day >= from && m.day <= to);
      for (const row of report.methods as Array<Record<string, unknown>>) {
        expect(row).toMatchObject(moneyOf(inRange.filter((m) => m.methodId === row.methodId)));
      }
      expect(report.totals).toEqual(moneyOf(inRange));
      const sales = salesOf(orders.filter((o) => o.day >= from && o.day <= to));
      expect((report.totals as { net: number }).net).toBe(sales.salesInclTax);
      const csv = await csvOf(`payment-methods?from=${from}&to=${to}`);
      for (const row of report.methods as Array<Record<string, unknown>>) {
        expectSameNumbers(
          csv.find((c) => c.methodId === row.methodId)!,
          row,
        );
      }
      expectSameNumbers(csv.at(-1)!, report.totals as Record<string, unknown>);
    }
  });

  it('kitchen: preparation times per station and dish, nearest-rank percentiles', async () => {
    const report = await timed('kitchen', `kitchen?from=${DAY_ONE}&to=${DAY_TWO}`);
    const expectedOf = (list: Prep[]) => {
      const sorted = list.map((p) => p.ms).sort((a, b) => a - b);
      const rank = (p: number) => sorted[Math.ceil((p * sorted.length) / 100) - 1];
      return {
        items: sorted.length,
        averageMs: half(
          sorted.reduce((sum, ms) => sum + ms, 0),
          sorted.length,
        ),
        p50Ms: rank(50),
        p90Ms: rank(90),
      };
    };
    const stations = report.stations as Array<Record<string, unknown>>;
    expect(stations).toHaveLength(3);
    for (const row of stations) {
      expect(row).toMatchObject(expectedOf(preps.filter((p) => p.stationId === row.stationId)));
    }
    for (const row of report.dishes as Array<Record<string, unknown>>) {
      expect(row).toMatchObject(expectedOf(preps.filter((p) => p.dishId === row.dishId)));
    }
    const csv = await csvOf(`kitchen?from=${DAY_ONE}&to=${DAY_TWO}`);
    for (const row of stations)
      expectSameNumbers(
        csv.find((c) => c.id === row.stationId)!,
        row,
      );
  });

  it('discounts and voids per staff member', async () => {
    const report = await timed('discounts and voids', `discounts-and-voids?from=${DAY_ONE}&to=${DAY_TWO}`);
    const discounted = orders.filter((o) => o.discount && o.status !== 'cancelled');
    const staffIds = new Set([...discounted.map((o) => o.discount!.by), ...voids.map((v) => v.by)]);
    const byStaff = report.byStaff as Array<Record<string, unknown>>;
    expect(new Set(byStaff.map((row) => row.staffId))).toEqual(staffIds);
    for (const row of byStaff) {
      const theirs = discounted.filter((o) => o.discount!.by === row.staffId);
      const theirVoids = voids.filter((v) => v.by === row.staffId);
      expect(row).toMatchObject({
        discounts: theirs.length,
        discountAmount: theirs.reduce((sum, o) => sum + o.totals.discount, 0),
        voids: theirVoids.length,
        voidedQuantity: theirVoids.reduce((sum, v) => sum + v.quantity, 0),
        voidedValue: theirVoids.reduce((sum, v) => sum + v.value, 0),
      });
    }
    expect(report.discounts).toHaveLength(discounted.length);
    expect(report.voids).toHaveLength(voids.length);
    const csv = await csvOf(`discounts-and-voids?from=${DAY_ONE}&to=${DAY_TWO}`);
    const entries = [...(report.discounts as object[]), ...(report.voids as object[])] as Array<
      Record<string, unknown>
    >;
    expect(csv).toHaveLength(entries.length);
    csv.forEach((row, i) => {
      expect(row.orderId).toBe(entries[i].orderId);
      expect(Number(row.amount)).toBe(row.type === 'discount' ? entries[i].amount : entries[i].value);
    });
  });

  it('the X report of the open day (day two)', async () => {
    const report = await timed('shift (X report)', 'shift');
    const day = orders.filter((o) => o.day === DAY_TWO);
    const money = movements.filter((m) => m.day === DAY_TWO);
    const cash = moneyOf(money.filter((m) => m.methodId === driver.method('cash')));
    const open = day.filter((o) => o.status === 'open');
    const discounted = day.filter((o) => o.discount && o.status !== 'cancelled');
    expect(report).toMatchObject({
      businessDay: DAY_TWO,
      sales: salesOf(day),
      paymentTotals: moneyOf(money),
      cash: {
        in: cash.received,
        out: cash.change + cash.refunded,
        net: cash.received - cash.change - cash.refunded,
      },
      refunds: { count: moneyOf(money).refunds, amount: moneyOf(money).refunded },
      cancelledOrders: day.filter((o) => o.status === 'cancelled').length,
      openOrders: {
        count: open.length,
        total: open.reduce((sum, o) => sum + o.totals.total, 0),
        paid: 0,
        due: open.reduce((sum, o) => sum + o.totals.total, 0),
      },
    });
    expect((report.adjustments as { discounts: number }).discounts).toBe(discounted.length);
    const csv = await csvOf('shift');
    const figure = (section: string, metric: string, name = '') =>
      Number(csv.find((row) => row.section === section && row.metric === metric && row.name === name)!.value);
    expect(figure('sales', 'salesInclTax')).toBe(salesOf(day).salesInclTax);
    expect(figure('sales', 'salesExclTax')).toBe(salesOf(day).salesExclTax);
    expect(figure('payments', 'net', 'total')).toBe(moneyOf(money).net);
    expect(figure('cash', 'out')).toBe(cash.change + cash.refunded);
    expect(figure('openOrders', 'count')).toBe(open.length);
    expect(report.taxes).toEqual(taxRowsOf(day));
  });

  /** The tax report's rows, worked out from the ledger: by day, then highest percent. */
  function taxRowsOf(list: typeof orders) {
    return [...taxesOf(list, refundsAfterClose).values()]
      .sort((a, b) => (a.day === b.day ? b.ppm - a.ppm : a.day < b.day ? -1 : 1))
      .map(({ day, rateId, name, ppm, net, tax }) => ({
        businessDay: day,
        taxRateId: rateId,
        name,
        percent: ppm / 10_000,
        net,
        tax,
        gross: net + tax,
      }));
  }

  it('taxes per business day and rate: the ledger’s rows less refunds, totals equal to the sales report', async () => {
    const report = await timed('taxes', `taxes?from=${DAY_ONE}&to=${DAY_TWO}`);
    const rows = taxRowsOf(orders);
    expect(new Set(rows.map((row) => row.percent))).toEqual(new Set([7, 19]));
    expect(report.rows).toEqual(rows);
    const totals = report.totals as { net: number; tax: number; gross: number };
    const sales = salesOf(orders);
    expect(totals.gross).toBe(sales.salesInclTax);
    expect(totals).toEqual({
      net: sales.salesExclTax,
      tax: rows.reduce((sum, row) => sum + row.tax, 0),
      gross: sales.salesInclTax,
    });
    expect(totals.net).toBe(rows.reduce((sum, row) => sum + row.net, 0));
    // The sales report's tax is net of what refunds after the close gave back, as the ledger is.
    expect(totals.tax).toBe(sales.tax);
    const csv = await csvOf(`taxes?from=${DAY_ONE}&to=${DAY_TWO}`);
    expect(csv.map((row) => row.businessDay)).toEqual([...rows.map((row) => row.businessDay), 'total']);
    rows.forEach((row, i) => expectSameNumbers(csv[i], row));
    expectSameNumbers(csv[rows.length], totals);
  });
});
