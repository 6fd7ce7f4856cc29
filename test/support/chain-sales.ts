import request from 'supertest';
import { Role } from '../../src/common/access/role';
import { addDays } from '../../src/orders/business-day';
import { SITE_IDENTITY } from './chain-sites';
import { as, newStaff, Server, Session } from './clients';
import { factories, Restaurant } from './factories';
import { connect } from './sockets';
import { eventually } from './webhook-receiver';

export type Method = { id: string; kind: string };
export type Order = { id: string; total: number; items: Array<{ id: string }> };

export const FIGURES = [
  'orders',
  'itemSales',
  'discounts',
  'serviceCharge',
  'refunds',
  'tax',
  'salesExclTax',
  'salesInclTax',
  'tips',
  'averageTicket',
] as const;
export type Figures = Record<(typeof FIGURES)[number], number>;

export interface HqRow extends Figures {
  key: string | null;
  name: string;
  currency: string;
}

export interface HqReport {
  rows: HqRow[];
  totals: Array<Figures & { currency: string }>;
}

export const figuresOf = (row: Partial<Figures>): Figures =>
  Object.fromEntries(FIGURES.map((name) => [name, row[name] ?? 0])) as Figures;

/** A site's till for a chain spec: a small restaurant with a default VAT, a waiter, a manager, cash and card. */
export interface Till {
  site: Server;
  waiter: Session;
  manager: Session;
  restaurant: Restaurant;
  cash: Method;
  card: Method;
  /** The business day the site trades in (its sales report's default period). */
  today: string;
}

export async function openTill(site: Server, admin: Session): Promise<Till> {
  const make = factories(site, admin);
  await make.newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
  const restaurant = await make.newRestaurant();
  const [waiter, manager] = await Promise.all([newStaff(site, Role.Waiter), newStaff(site, Role.Manager)]);
  const methods = (await as(site, admin).get('/api/v1/payment-methods').expect(200)).body.items as Method[];
  const report = await as(site, manager.session).get('/api/v1/reports/sales').expect(200);
  return {
    site,
    waiter: waiter.session,
    manager: manager.session,
    restaurant,
    cash: methods.find((method) => method.kind === 'cash')!,
    card: methods.find((method) => method.kind === 'card')!,
    today: (report.body.period as { from: string }).from,
  };
}

/** A double burger and two beers, at the restaurant's table or to take away. */
export async function newOrder(till: Till, type: 'dine_in' | 'takeaway'): Promise<Order> {
  const { restaurant: r } = till;
  const response = await as(till.site, till.waiter)
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
export async function settle(till: Till, order: Order, method: Method, tip = 0): Promise<string> {
  const current = (await as(till.site, till.waiter).get(`/api/v1/orders/${order.id}`).expect(200))
    .body as Order;
  const payment = await as(till.site, till.waiter)
    .post(`/api/v1/orders/${order.id}/payments`)
    .send({ methodId: method.id, amount: current.total, ...(tip ? { tip } : {}) })
    .expect(201);
  await as(till.site, till.waiter)
    .patch(`/api/v1/orders/${order.id}/status`)
    .send({ status: 'closed' })
    .expect(200);
  return payment.body.id as string;
}

/**
 * A cook's screen at the site, following the orders of a stretch of trading (a cut of the link, say). `bump` marks
 * an order's items ready; `showedEachOnce` bumps one more order as a marker and, once the screen has it (events
 * arrive in order), checks the screen showed every order placed since, once and in order, and every bump.
 */
export async function kitchenAt(till: Till) {
  const cook = await newStaff(till.site, Role.Kitchen);
  const screen = await connect(till.site, { token: cook.session.accessToken });
  /** The items bumped, by order. */
  const bumped = new Map<string, number>();
  const bump = async (order: Order) => {
    for (const item of order.items) {
      await as(till.site, cook.session)
        .patch(`/api/v1/orders/${order.id}/items/${item.id}/status`)
        .send({ status: 'ready' })
        .expect(200);
    }
    bumped.set(order.id, order.items.length);
  };
  return {
    bump,
    /** Places, bumps and settles the marker: one more sale. */
    showedEachOnce: async (placed: string[]) => {
      const marker = await newOrder(till, 'takeaway');
      const bumpedBefore = new Map(bumped);
      await bump(marker);
      const shown = await screen.receivedBefore(
        (event) => event.type === 'order.item_status_changed' && event.data.id === marker.id,
      );
      await settle(till, marker, till.cash);
      screen.close();
      const ofThem = new Set(placed);
      const created = shown.filter(
        (event) => event.type === 'order.created' && ofThem.has(event.data.id as string),
      );
      expect(created.map((event) => event.data.id)).toEqual(placed);
      const bumps = shown.filter(
        (event) => event.type === 'order.item_status_changed' && bumpedBefore.has(event.data.id as string),
      );
      expect(bumps).toHaveLength([...bumpedBefore.values()].reduce((sum, items) => sum + items, 0));
    },
  };
}

/**
 * One site's sales as headquarters reports them, next to the site's own report of its days `today` and the next.
 * `hq` answers the headquarters to ask and a manager's or admin's session there: a getter, since a spec restarts
 * headquarters or turns to another of its instances.
 */
export function salesAtHq(till: Till, siteId: string, hq: () => { server: Server; session: Session }) {
  const period = () => `from=${till.today}&to=${addDays(till.today, 1)}`;
  const atHq = () => as(hq().server, hq().session);
  const sales = {
    siteReport: async (groupBy = 'day') =>
      (
        await as(till.site, till.manager)
          .get(`/api/v1/reports/sales?${period()}&groupBy=${groupBy}`)
          .expect(200)
      ).body as { totals: Figures; rows: Array<Figures & { period: string }> },
    hqReport: async (groupBy: string) =>
      (await atHq().get(`/api/v1/hq/reports/sales?${period()}&groupBy=${groupBy}`).expect(200))
        .body as HqReport,
    /** The site's row of the live board. */
    liveRow: async () => {
      const board = (await atHq().get('/api/v1/hq/live').expect(200)).body as {
        sites: Array<Figures & { siteId: string; businessDay: string | null }>;
      };
      return board.sites.find((row) => row.siteId === siteId)!;
    },
    hqSales: async () =>
      (await atHq().get(`/api/v1/hq/sites/${siteId}`).expect(200)).body.sales as {
        cursor: number;
        pendingBatches: number;
        pendingSince: string | null;
      },
    hqCursor: async () => (await sales.hqSales()).cursor,
    /** Headquarters' figures for the site, once they equal the site's own: what a manager at HQ reads. */
    caughtUp: async (timeoutMs = 60_000): Promise<Figures> => {
      const expected = figuresOf((await sales.siteReport()).totals);
      let seen: Figures | undefined;
      await eventually(
        `HQ's report to equal the site's ${JSON.stringify(expected)} (last seen ${JSON.stringify(seen)})`,
        async () => {
          const row = (await sales.hqReport('site')).rows.find((candidate) => candidate.key === siteId);
          seen = figuresOf(row ?? {});
          return JSON.stringify(seen) === JSON.stringify(expected);
        },
        timeoutMs,
      );
      return expected;
    },
    /**
     * No fact came twice: a sale made now reaches HQ behind everything before it, and then HQ's figures equal the
     * site's exactly (a fact held twice would show as a surplus).
     */
    exactlyOnce: async (): Promise<void> => {
      const before = await sales.hqCursor();
      await settle(till, await newOrder(till, 'takeaway'), till.cash);
      await eventually('the newest sale to reach HQ', async () => (await sales.hqCursor()) > before);
      await sales.caughtUp(5_000);
    },
  };
  return sales;
}

/** A sale of 9.00 with 1.44 VAT included, as a site's fact producer describes one: what tests send by hand. */
export const saleFact = (seq: number, businessDay: string, occurredAt = new Date().toISOString()) => ({
  seq,
  type: 'sale',
  occurredAt,
  businessDay,
  currency: 'EUR',
  channel: 'own',
  orderId: null,
  figures: {
    orders: 1,
    gross: 900,
    discounts: 0,
    serviceCharge: 0,
    tax: 144,
    refunds: 0,
    netSales: 900,
    tips: 0,
  },
  detail: {},
  mix: {
    dishes: [{ name: 'Burger', variationName: '', quantity: 1, revenue: 900, priceRuleDiscount: 0 }],
    modifiers: [],
    payments: [],
    taxes: [{ name: 'VAT', percent: 19, net: 756, tax: 144, gross: 900 }],
  },
});

/** A site of headquarters whose facts a test sends by hand, with the credential a site's link would get. */
export async function handSentSite(hq: Server, hqAdmin: Session, name: string) {
  const added = await as(hq, hqAdmin)
    .post('/api/v1/hq/sites')
    .send({ ...SITE_IDENTITY, name, groupIds: [] })
    .expect(201);
  const id = added.body.site.id as string;
  const linkWith = async (code: string) =>
    (await request(hq.url).post('/api/v1/hq/link').send({ code }).expect(200)).body.credential as string;
  let credential = await linkWith(added.body.linkCode as string);
  const sales = async () =>
    (await as(hq, hqAdmin).get(`/api/v1/hq/sites/${id}`).expect(200)).body.sales as {
      cursor: number;
      refusal: string | null;
      refusedAt: string | null;
    };
  return {
    id,
    send: (body: object) =>
      request(hq.url).post('/api/v1/hq/sales-facts').set('X-Site-Credential', credential).send(body),
    /** Linked again, as a site on a replaced database is: a new code, a new credential. */
    linkAgain: async () => {
      const code = await as(hq, hqAdmin).post(`/api/v1/hq/sites/${id}/link-code`).expect(201);
      credential = await linkWith(code.body.linkCode as string);
    },
    /** What headquarters shows of the site's sales (GET /hq/sites/{id}). */
    sales,
    cursor: async () => (await sales()).cursor,
  };
}
