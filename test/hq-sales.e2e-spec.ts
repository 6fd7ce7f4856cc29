import request from 'supertest';
import { Role } from '../src/common/access/role';
import { addDays } from '../src/orders/business-day';
import { SITE_IDENTITY } from './support/chain-fixture';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { hqMixReports, refundBeforeClose, siteMixReports, zReportsOf } from './support/hq-mix-reports';
import { factories, Restaurant } from './support/factories';
import { ServiceProcess, startService } from './support/processes';
import { connect } from './support/sockets';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

type Method = { id: string; kind: string };
type Order = { id: string; total: number };
type Figures = Record<(typeof FIGURES)[number], number>;
interface HqRow extends Figures {
  key: string | null;
  name: string;
  currency: string;
}
interface HqReport {
  rows: HqRow[];
  totals: Array<Figures & { currency: string }>;
}

const FIGURES = [
  'orders',
  'gross',
  'discounts',
  'serviceCharge',
  'tax',
  'refunds',
  'netSales',
  'tips',
  'averageTicket',
] as const;

/**
 * Orders sold while the link is cut: the 1,000 by default (a minute or two of the suite's time, hence the
 * test's own timeout); HQ_PARTITION_ORDERS sizes it down for a quick run.
 */
const PARTITION_ORDERS = Number(process.env.HQ_PARTITION_ORDERS ?? 1_000);

const figuresOf = (row: Partial<Figures>): Figures =>
  Object.fromEntries(FIGURES.map((name) => [name, row[name] ?? 0])) as Figures;

/**
 * A site's sales reach headquarters: every fact once, in the site's order, across a cut of the link, a kill -9 of
 * headquarters in the middle of the catch-up and a revoked credential; and headquarters' report for the site then
 * equals the site's own, to the cent. Headquarters runs as a process of its own behind a TCP proxy the test cuts;
 * the site runs in the spec's process.
 */
describe('Headquarters and a site: sales upward', () => {
  let hqDatabase: TestDatabase;
  let hq: ServiceProcess;
  let proxy: TcpProxy;
  let site: TestApp;
  let hqAdmin: Session;
  let siteAdmin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cash: Method;
  let card: Method;
  let siteId: string;
  let groupId: string;
  let today: string;

  const hqPort = (service: ServiceProcess) => Number(new URL(service.url).port);

  const startHq = async () => {
    hq = await startService({ DATABASE_URL: hqDatabase.url, POS_ROLE: 'hq' });
    hqAdmin = await loginAdmin(hq);
  };

  beforeAll(async () => {
    hqDatabase = await createTestDatabase();
    [, site] = await Promise.all([
      startHq(),
      startTestApp({
        HQ_CONTACT_SECONDS: '1',
        SERVICE_CHARGE_RATE: '10',
        RESTAURANT_TIMEZONE: 'Europe/Berlin',
      }),
    ]);
    proxy = await startTcpProxy('127.0.0.1', hqPort(hq));
    siteAdmin = await loginAdmin(site);
    const make = factories(site, siteAdmin);
    await make.newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
    r = await make.newRestaurant();
    [waiter, manager] = await Promise.all([newStaff(site, Role.Waiter), newStaff(site, Role.Manager)]);
    const methods = (await as(site, siteAdmin).get('/api/v1/payment-methods').expect(200)).body
      .items as Method[];
    cash = methods.find((method) => method.kind === 'cash')!;
    card = methods.find((method) => method.kind === 'card')!;
    today = (
      (await as(site, manager.session).get('/api/v1/reports/sales').expect(200)).body.period as {
        from: string;
      }
    ).from;

    const group = await as(hq, hqAdmin).post('/api/v1/hq/site-groups').send({ name: 'Berlin' }).expect(201);
    groupId = group.body.id as string;
    const added = await as(hq, hqAdmin)
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, groupIds: [groupId] })
      .expect(201);
    siteId = added.body.site.id as string;
    await as(site, siteAdmin)
      .post('/api/v1/hq-link')
      .send({ url: `http://127.0.0.1:${proxy.port}`, code: added.body.linkCode })
      .expect(201);
  });

  afterAll(async () => {
    await site?.close();
    await proxy?.close();
    hq?.child.kill('SIGTERM');
    await hq?.exited;
    await hqDatabase?.drop();
  });

  async function newOrder(type: 'dine_in' | 'takeaway'): Promise<Order> {
    const response = await as(site, waiter.session)
      .post('/api/v1/orders')
      .send({
        type,
        ...(type === 'dine_in' ? { tableId: r.table.id, guests: 2 } : {}),
        items: [
          { dishId: r.burger.id, variationId: r.burger.variations[1].id, quantity: 1 },
          { dishId: r.beer.id, quantity: 2 },
        ],
      })
      .expect(201);
    return response.body as Order;
  }

  /** Pays an order (card with a tip, or cash) and closes it; answers the payment's id. */
  async function settle(order: Order, method: Method, tip = 0): Promise<string> {
    const current = (await as(site, waiter.session).get(`/api/v1/orders/${order.id}`).expect(200))
      .body as Order;
    const payment = await as(site, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: method.id, amount: current.total, ...(tip ? { tip } : {}) })
      .expect(201);
    await as(site, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return payment.body.id as string;
  }

  /** Orders of every kind the reports count: service charge, tip, cash, refunds before and after a close, a merge, a cancellation. */
  async function sellAMix(): Promise<void> {
    const dineIn = await newOrder('dine_in');
    const paid = await settle(dineIn, card, 300);
    await as(site, manager.session)
      .post(`/api/v1/payments/${paid}/refund`)
      .send({ amount: 550, tip: 100, reason: 'beer spilt' })
      .expect(201);
    await settle(await newOrder('takeaway'), cash);
    const partly = await newOrder('takeaway');
    await refundBeforeClose(site, [waiter.session, manager.session], partly.id, [cash.id, card.id]);
    const [into, from] = [await newOrder('dine_in'), await newOrder('takeaway')];
    await as(site, waiter.session)
      .post(`/api/v1/orders/${into.id}/merge`)
      .send({ fromOrderIds: [from.id] })
      .expect(200);
    await settle(into, card, 150);
    const cancelled = await newOrder('takeaway');
    await as(site, manager.session)
      .patch(`/api/v1/orders/${cancelled.id}/status`)
      .send({ status: 'cancelled', reason: 'guest left' })
      .expect(200);
  }

  const siteReport = async (groupBy = 'day') =>
    (
      await as(site, manager.session)
        .get(`/api/v1/reports/sales?from=${today}&to=${addDays(today, 1)}&groupBy=${groupBy}`)
        .expect(200)
    ).body as { totals: Figures; rows: Array<Figures & { period: string }> };
  const hqReport = async (groupBy: string) =>
    (
      await as(hq, hqAdmin)
        .get(`/api/v1/hq/reports/sales?from=${today}&to=${addDays(today, 1)}&groupBy=${groupBy}`)
        .expect(200)
    ).body as HqReport;
  const liveRow = async () => {
    const board = (await as(hq, hqAdmin).get('/api/v1/hq/live').expect(200)).body as {
      sites: Array<Figures & { siteId: string; businessDay: string | null }>;
    };
    return board.sites.find((row) => row.siteId === siteId)!;
  };
  const hqSales = async () =>
    (await as(hq, hqAdmin).get(`/api/v1/hq/sites/${siteId}`).expect(200)).body.sales as {
      cursor: number;
      pendingBatches: number;
      pendingSince: string | null;
    };
  const hqCursor = async () => (await hqSales()).cursor;
  /** HQ's dish, payment-method and tax reports for the site equal the site's own of the same days. */
  const mixesMatch = async (to = addDays(today, 1)) => {
    const own = await siteMixReports(site, manager.session, today, to);
    expect(await hqMixReports(hq, hqAdmin, siteId, today, to)).toEqual(own);
    return own;
  };

  /** Headquarters' figures for the site, once they equal the site's own: what a manager at HQ reads. */
  async function caughtUp(timeoutMs = 60_000): Promise<Figures> {
    const expected = figuresOf((await siteReport()).totals);
    let seen: Figures | undefined;
    await eventually(
      `HQ's report to equal the site's ${JSON.stringify(expected)} (last seen ${JSON.stringify(seen)})`,
      async () => {
        const row = (await hqReport('site')).rows.find((candidate) => candidate.key === siteId);
        seen = figuresOf(row ?? {});
        return JSON.stringify(seen) === JSON.stringify(expected);
      },
      timeoutMs,
    );
    return expected;
  }

  /**
   * No fact came twice: a sale made now reaches HQ behind everything before it, and then HQ's figures equal the
   * site's exactly (a fact held twice would show as a surplus).
   */
  async function exactlyOnce(): Promise<void> {
    const before = await hqCursor();
    await settle(await newOrder('takeaway'), cash);
    await eventually('the newest sale to reach HQ', async () => (await hqCursor()) > before);
    await caughtUp(5_000);
  }

  it('sends every kind of sale up as it happens; HQ reports them by site, group, day and channel as the site does', async () => {
    const board = await connect(hq, { token: hqAdmin.accessToken });
    await sellAMix();
    const figures = await caughtUp();
    // The live board and its socket show the site's day as its own report does.
    const live = await liveRow();
    expect(live).toMatchObject({ businessDay: today, currency: 'EUR', ...figures });
    await board.until((events) =>
      events.some((event) => event.type === 'hq.site_sales' && event.data.orders === figures.orders),
    );
    const announced = board.received.filter((event) => event.type === 'hq.site_sales');
    expect(announced[announced.length - 1].data).toEqual(live);
    board.close();

    expect(figures.orders).toBe(4);
    expect(figures.refunds).toBe(550);
    expect(figures.serviceCharge).toBeGreaterThan(0);
    expect(figures.tax).toBeGreaterThan(0);
    expect(figures.tips).toBe(300 + 150 - 100);
    const mix = await mixesMatch();
    expect(mix.dishes.length).toBe(2);
    expect(mix.methods.map((row) => `${row.name} ${row.refunds}`)).toEqual(['Card 1', 'Cash 1']);
    expect(mix.taxes.length).toBeGreaterThan(0);

    const byGroup = await hqReport('group');
    expect(byGroup.rows).toEqual([
      expect.objectContaining({ key: groupId, name: 'Berlin', currency: 'EUR', ...figures }),
    ]);
    const byDay = await hqReport('day');
    expect(byDay.rows).toEqual([expect.objectContaining({ key: today, currency: 'EUR', ...figures })]);
    expect(byDay.totals).toEqual([expect.objectContaining({ currency: 'EUR', ...figures })]);
    const byChannel = await hqReport('channel');
    const siteChannels = (await siteReport('channel')).rows.filter(
      (row) => row.orders > 0 || row.refunds > 0,
    );
    expect(byChannel.rows.map((row) => ({ channel: row.key, ...figuresOf(row) }))).toEqual(
      siteChannels.map((row) => ({ channel: row.period, ...figuresOf(row) })),
    );
    await exactlyOnce();
  });

  it(`trades through a cut of ${PARTITION_ORDERS} orders and a day close, then catches up once, across a kill -9 of HQ`, async () => {
    proxy.cut();
    await eventually('the site to notice the cut', async () => {
      const link = (await as(site, siteAdmin).get('/api/v1/hq-link').expect(200)).body as {
        lastProblem: string | null;
      };
      return link.lastProblem?.includes('could not be reached');
    });
    const cursorAtCut = await hqCursor();
    for (let i = 0; i < PARTITION_ORDERS; i += 1) {
      const order = await newOrder(i % 3 === 0 ? 'dine_in' : 'takeaway');
      const payment = await settle(order, i % 2 === 0 ? card : cash, i % 5 === 0 ? 100 : 0);
      if (i % 100 === 0) {
        await as(site, manager.session)
          .post(`/api/v1/payments/${payment}/refund`)
          .send({ amount: 200, reason: 'cold fries' })
          .expect(201);
      }
    }
    await sellAMix();
    await as(site, manager.session).post('/api/v1/business-days/close').send({}).expect(201);
    await settle(await newOrder('takeaway'), cash);
    expect(await hqCursor()).toBe(cursorAtCut);
    // Every sale of the cut has its receipt in an unbroken fiscal chain.
    const journal = await as(site, siteAdmin).get('/api/v1/fiscal/journal/verify').expect(200);
    expect(journal.body).toMatchObject({ ok: true, firstBrokenNumber: null });
    expect(journal.body.checked).toBeGreaterThan(PARTITION_ORDERS);

    // The link returns; headquarters dies by kill -9 in the middle of the catch-up and comes back on a new port.
    proxy.restore();
    const atKill = await eventually(
      'the catch-up to begin',
      async () => {
        const sales = await hqSales();
        return sales.cursor > cursorAtCut && sales;
      },
      30_000,
    );
    const cursorAtKill = atKill.cursor;
    // The site says how far behind it is: batches still waiting, and since when.
    expect(atKill.pendingBatches).toBeGreaterThan(0);
    expect(Date.parse(atKill.pendingSince!)).toBeLessThan(Date.now());
    hq.child.kill('SIGKILL');
    await hq.exited;
    await startHq();
    proxy.retarget(hqPort(hq));

    const figures = await caughtUp(240_000);
    expect(figures.orders).toBe(PARTITION_ORDERS + 4 + 4 + 1 + 1);
    expect((await mixesMatch()).taxesByDay.map((row) => row.businessDay)).toContain(addDays(today, 1));
    const z = await zReportsOf(site, manager.session, hq, hqAdmin, siteId, today);
    expect(z.atHq).toEqual([z.own]);
    expect(z.own).toMatchObject({ businessDay: today, number: 1 });
    expect(await hqSales()).toMatchObject({ pendingBatches: 0, pendingSince: null });
    // The day close began the site's next business day: the live board shows that day's one sale.
    const nextDay = addDays(today, 1);
    const ownReport = await as(site, manager.session)
      .get(`/api/v1/reports/sales?from=${nextDay}&to=${nextDay}`)
      .expect(200);
    expect(figuresOf(ownReport.body.totals as Figures)).toMatchObject({ orders: 1 });
    expect(figuresOf(await liveRow())).toEqual(figuresOf(ownReport.body.totals as Figures));
    expect((await liveRow()).businessDay).toBe(nextDay);
    // The kill fell in the middle of the catch-up: facts were still on their way when it came.
    expect(await hqCursor()).toBeGreaterThan(cursorAtKill);
    await exactlyOnce();
  }, 600_000);

  it('takes sales facts from a site’s credential only', async () => {
    const fact = {
      seq: 1,
      type: 'sale',
      occurredAt: new Date().toISOString(),
      businessDay: today,
      currency: 'EUR',
      channel: 'own',
      figures: {
        orders: 1,
        gross: 1,
        discounts: 0,
        serviceCharge: 0,
        tax: 0,
        refunds: 0,
        netSales: 1,
        tips: 0,
      },
      detail: {},
    };
    const before = await hqCursor();
    const attempts = [
      request(hq.url).post('/api/v1/hq/sales-facts'),
      as(hq, hqAdmin).post('/api/v1/hq/sales-facts'),
      request(hq.url).post('/api/v1/hq/sales-facts').set('X-Site-Credential', 'site_forged'),
    ];
    for (const attempt of attempts) {
      const refused = await attempt.send({ facts: [fact] });
      expect([refused.status, refused.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
    expect(await hqCursor()).toBe(before);
  });

  it('stops sending while its credential is revoked, says so at the site, and sends what waited once linked again', async () => {
    await as(hq, hqAdmin).delete(`/api/v1/hq/sites/${siteId}/credential`).expect(204);
    await eventually('the site to see its link revoked', async () => {
      const link = (await as(site, siteAdmin).get('/api/v1/hq-link').expect(200)).body as { state: string };
      return link.state === 'revoked';
    });
    const cursorAtRevocation = await hqCursor();
    await sellAMix();

    const code = await as(hq, hqAdmin).post(`/api/v1/hq/sites/${siteId}/link-code`).expect(201);
    expect(await hqCursor()).toBe(cursorAtRevocation);
    await as(site, siteAdmin)
      .post('/api/v1/hq-link')
      .send({ url: `http://127.0.0.1:${proxy.port}`, code: code.body.linkCode })
      .expect(201);
    await caughtUp();
    await mixesMatch();
    await exactlyOnce();
  });
});
