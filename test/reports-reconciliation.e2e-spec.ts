import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { parseCsv } from './support/csv';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The reconciliation proof: about 5,000 orders through the HTTP API over two business days in Europe/Berlin,
 * the first of them the 25-hour day of 2026-10-24 whose night the clocks go back (03:00 CEST → 02:00 CET on
 * 2026-10-25). The spec keeps its own ledger of every order, payment, refund, discount, void and preparation
 * time, works every report's figures out from it, and checks each report (JSON and CSV) to the minor unit.
 *
 * Net sales reconcile with the money: for each business day, the sales report's netSales (what was paid for the
 * day's closed orders and kept) equals the payment-methods report's net summed over methods, where net =
 * received (bill part + change tendered + tips) - refunded - change - tips, because every order is settled on
 * its own business day.
 */

const ORDERS = Number(process.env.RECONCILIATION_ORDERS ?? 5000);
const IN_FLIGHT = 12;
const DAY_ONE = '2026-10-24';
const DAY_TWO = '2026-10-25';
const HOUR_MS = 3_600_000;
const TAX_PPM = 70_000;
const SERVICE_PPM = 100_000;
const REASONS = ['dropped it', 'guest changed mind', 'wrong order, "again"', 'cold'];

jest.setTimeout(30 * 60_000);

/** Slot start instants (UTC): each slot's orders are opened then, and settled a few minutes later. */
function slots(): number[] {
  const at = (iso: string) => Date.parse(iso);
  const list: number[] = [];
  // Day one, CEST (UTC+2): 11:05 to 01:05 local, then the night: 02:05 CEST, 02:05 CET, 03:05 and 04:05 CET.
  for (let hour = 9; hour <= 23; hour++) list.push(at(`2026-10-24T${String(hour).padStart(2, '0')}:05:00Z`));
  for (const utc of ['00:05', '01:05', '02:05', '03:05']) list.push(at(`2026-10-25T${utc}:00Z`));
  // Day two, CET (UTC+1): 06:05 to 22:05 local.
  for (let hour = 5; hour <= 21; hour++) list.push(at(`2026-10-25T${String(hour).padStart(2, '0')}:05:00Z`));
  return list;
}

/** A seeded generator per order, so each order's story does not depend on the interleaving. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const half = (numerator: number, denominator: number) =>
  Math.floor((2 * numerator + denominator) / (2 * denominator));

interface Dish {
  id: string;
  name: string;
  stationId: string;
  variations: Array<{ id: string; name: string; price: number }>;
}

interface Line {
  itemId: string;
  dishId: string;
  variationId: string;
  stationId: string;
  unitPrice: number;
  quantity: number;
  live: boolean;
  firedAt: number;
}

interface OrderLedger {
  id: string;
  day: string;
  createdAt: number;
  waiterId: string;
  type: 'dine_in' | 'takeaway' | 'delivery';
  lines: Line[];
  discount: { kind: 'percent' | 'amount'; value: number; by: string } | null;
  status: 'open' | 'closed' | 'cancelled';
  paid: number;
  tips: number;
  /** Refunded after the order closed. */
  refundsAfterClose: number;
  totals: { subtotal: number; discount: number; serviceCharge: number; tax: number; total: number };
}

interface Movement {
  day: string;
  methodId: string;
  kind: 'payment' | 'refund';
  received: number;
  change: number;
  tip: number;
  refunded: number;
}

interface Void {
  by: string;
  quantity: number;
  value: number;
}

interface Prep {
  stationId: string;
  dishId: string;
  ms: number;
}

describe('Reports reconcile with what happened, to the minor unit', () => {
  let t: TestApp;
  let admin: Session;
  let waiters: NewStaff[];
  let managers: NewStaff[];
  let cook: NewStaff;
  let dishes: Dish[];
  let tables: string[];
  let methods: Array<{ id: string; name: string; kind: string }>;
  const orders: OrderLedger[] = [];
  const movements: Movement[] = [];
  const voids: Void[] = [];
  const preps: Prep[] = [];
  const timings: Array<{ database: string; report: string; ms: number }> = [];
  const database = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';

  /** Moves the test clock to `instant` (forwards or back). */
  const moveClockTo = (instant: number) => t.clock.advance(instant - t.clock.now().getTime());

  async function call(
    session: Session,
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    body?: object,
  ): Promise<Record<string, unknown>> {
    const response = await as(t, session)[method](`/api/v1${path}`).send(body);
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`${method.toUpperCase()} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as Record<string, unknown>;
  }

  beforeAll(async () => {
    t = await startTestApp({
      RESTAURANT_TIMEZONE: 'Europe/Berlin',
      BUSINESS_DAY_STARTS_AT: '05:00',
      SERVICE_CHARGE_RATE: '10',
      TAX_RATE: '7',
      PRICES_INCLUDE_TAX: 'true',
      CURRENCY: 'EUR',
    });
    admin = await loginAdmin(t);
    const make = factories(t, admin);
    const stations = await Promise.all(['Grill', 'Bar', 'Cold'].map((name) => make.newStation(name)));
    const category = await make.newCategory('Everything');
    const menu: Array<[string, number, Array<[string, number]>]> = [
      [
        'Burger',
        0,
        [
          ['Regular', 1250],
          ['Double', 1690],
        ],
      ],
      [
        'Steak, "dry aged"',
        0,
        [
          ['300 g', 2890],
          ['500 g', 4450],
        ],
      ],
      ['Fries', 0, [['Regular', 455]]],
      [
        'Beer',
        1,
        [
          ['Small', 390],
          ['Large', 575],
        ],
      ],
      ['Lemonade', 1, [['Regular', 333]]],
      [
        'Salad',
        2,
        [
          ['Side', 615],
          ['Main', 1105],
        ],
      ],
    ];
    dishes = [];
    for (const [name, station, variations] of menu) {
      const dish = await make.newDish({
        name,
        categoryId: category.id,
        stationId: stations[station].id,
        variations: variations.map(([variation, price]) => ({ name: variation, price })),
      });
      dishes.push({ ...dish, stationId: stations[station].id });
    }
    tables = [];
    for (let i = 0; i < 20; i++) tables.push((await make.newTable(`R${i}`)).id);
    await call(admin, 'post', '/payment-methods', { name: 'Voucher', kind: 'other' });
    methods = (await call(admin, 'get', '/payment-methods')).items as typeof methods;
    waiters = await Promise.all([0, 1, 2, 3].map(() => newStaff(t, Role.Waiter)));
    managers = await Promise.all([0, 1].map(() => newStaff(t, Role.Manager)));
    cook = await newStaff(t, Role.Kitchen);

    const starts = slots();
    const perSlot = Math.ceil(ORDERS / starts.length);
    let index = 0;
    for (const [slot, start] of starts.entries()) {
      moveClockTo(start);
      const day = slot < 19 ? DAY_ONE : DAY_TWO;
      const last = slot === starts.length - 1;
      const stories = Array.from({ length: Math.min(perSlot, ORDERS - index) }, () => index++).map(
        (n, position) => ({
          n,
          // One in ten of the last slot's orders stays open: the X report's open orders.
          leaveOpen: last && position % 10 === 0,
          rnd: random(n + 1),
          order: undefined as OrderLedger | undefined,
        }),
      );
      await inPool(stories, async (story) => {
        story.order = await openOrder(story.rnd, day);
      });
      // Settled 3 to 20 minutes later, in the same local hour and business day.
      t.clock.advance((3 + (slot % 18)) * 60_000);
      await inPool(stories, (story) => settle(story.rnd, story.order!, story.leaveOpen));
    }
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

  async function inPool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < items.length) await work(items[next++]);
      }),
    );
  }

  const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

  /**
   * The ledger's own totals, written from API.md's rule rather than the server's code: per unit of each live line a
   * percent discount, the service charge on the rest (dine-in) and the tax contained in both, each rounded halves
   * up; × quantity; summed. An amount discount comes off the sums with its own service charge and tax, capped.
   */
  function totalsOf(order: OrderLedger): OrderLedger['totals'] {
    const percent = order.discount?.kind === 'percent' ? Math.round(order.discount.value * 10_000) : 0;
    const servicePpm = order.type === 'dine_in' ? SERVICE_PPM : 0;
    const tax = (amount: number) => half(amount * TAX_PPM, 1_000_000 + TAX_PPM);
    const sums = { subtotal: 0, discount: 0, serviceCharge: 0, tax: 0 };
    for (const line of order.lines.filter((l) => l.live)) {
      const discount = half(line.unitPrice * percent, 1_000_000);
      const service = half((line.unitPrice - discount) * servicePpm, 1_000_000);
      sums.subtotal += line.unitPrice * line.quantity;
      sums.discount += discount * line.quantity;
      sums.serviceCharge += service * line.quantity;
      sums.tax += tax(line.unitPrice - discount + service) * line.quantity;
    }
    if (order.discount?.kind === 'amount') {
      const amount = Math.min(order.discount.value, sums.subtotal);
      const service = half(amount * servicePpm, 1_000_000);
      sums.discount += amount;
      sums.tax -= Math.min(tax(amount + service), sums.tax);
      sums.serviceCharge -= Math.min(service, sums.serviceCharge);
    }
    return { ...sums, total: sums.subtotal - sums.discount + sums.serviceCharge };
  }

  /** Recomputes the ledger's totals and checks the server agrees, so both start from the same order. */
  function follow(order: OrderLedger, body: Record<string, unknown>): void {
    order.totals = totalsOf(order);
    expect({
      subtotal: body.subtotal,
      discount: body.discount,
      serviceCharge: body.serviceCharge,
      tax: body.tax,
      total: body.total,
    }).toEqual(order.totals);
  }

  async function openOrder(rnd: () => number, day: string): Promise<OrderLedger> {
    const waiter = pick(rnd, waiters);
    const type = pick(rnd, ['dine_in', 'dine_in', 'takeaway', 'delivery'] as const);
    const wanted = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => {
      const dish = pick(rnd, dishes);
      const variation = pick(rnd, dish.variations);
      return { dish, variation, quantity: 1 + Math.floor(rnd() * 3) };
    });
    const body = await call(waiter.session, 'post', '/orders', {
      type,
      tableId: type === 'dine_in' ? pick(rnd, tables) : undefined,
      items: wanted.map((w) => ({ dishId: w.dish.id, variationId: w.variation.id, quantity: w.quantity })),
    });
    const items = body.items as Array<{ id: string; firedAt: string }>;
    const order: OrderLedger = {
      id: String(body.id),
      day: String(body.businessDay),
      createdAt: Date.parse(String(body.createdAt)),
      waiterId: waiter.id,
      type,
      lines: wanted.map((w, i) => ({
        itemId: items[i].id,
        dishId: w.dish.id,
        variationId: w.variation.id,
        stationId: w.dish.stationId,
        unitPrice: w.variation.price,
        quantity: w.quantity,
        live: true,
        firedAt: Date.parse(items[i].firedAt),
      })),
      discount: null,
      status: 'open',
      paid: 0,
      tips: 0,
      refundsAfterClose: 0,
      totals: { subtotal: 0, discount: 0, serviceCharge: 0, tax: 0, total: 0 },
    };
    expect(order.day).toBe(day);
    follow(order, body);
    orders.push(order);

    if (rnd() < 0.2) {
      const manager = pick(rnd, managers);
      const percent = rnd() < 0.6;
      const value = percent
        ? pick(rnd, [5, 10, 12.5, 15])
        : Math.min(pick(rnd, [100, 250, 500]), order.totals.subtotal);
      order.discount = { kind: percent ? 'percent' : 'amount', value, by: manager.id };
      follow(
        order,
        await call(manager.session, 'post', `/orders/${order.id}/discount`, {
          kind: order.discount.kind,
          value,
          reason: pick(rnd, ['birthday', 'regular, "VIP"', 'complaint']),
        }),
      );
    }
    const voidRoll = rnd();
    if (order.lines.length >= 2 && voidRoll < 0.17) {
      const line = order.lines[order.lines.length - 1];
      if (voidRoll < 0.12) {
        // The kitchen started it: a manager voids it, with a reason.
        await call(cook.session, 'patch', `/orders/${order.id}/items/${line.itemId}/status`, {
          status: 'in_progress',
        });
        await voidLine(order, line, pick(rnd, managers), pick(rnd, REASONS));
      } else {
        await voidLine(
          order,
          line,
          waiters.find((w) => w.id === order.waiterId)!,
          undefined,
        );
      }
    }
    return order;
  }

  async function voidLine(order: OrderLedger, line: Line, by: NewStaff, reason: string | undefined) {
    const body = await call(
      by.session,
      'delete',
      `/orders/${order.id}/items/${line.itemId}`,
      reason ? { reason } : {},
    );
    line.live = false;
    voids.push({ by: by.id, quantity: line.quantity, value: line.unitPrice * line.quantity });
    follow(order, body);
  }

  async function pay(order: OrderLedger, methodId: string, amount: number, tip = 0) {
    const method = methods.find((m) => m.id === methodId)!;
    const body = await call(
      pick(random(order.createdAt), waiters).session,
      'post',
      `/orders/${order.id}/payments`,
      {
        methodId,
        amount,
        tip,
      },
    );
    const applied = Number(body.amount);
    expect(Number(body.change)).toBe(method.kind === 'cash' ? amount - applied : 0);
    order.paid += applied;
    order.tips += tip;
    movements.push({
      day: order.day,
      methodId,
      kind: 'payment',
      received: amount + tip,
      change: amount - applied,
      tip,
      refunded: 0,
    });
    return { id: String(body.id), amount: applied, methodId };
  }

  async function refund(order: OrderLedger, payment: { id: string; methodId: string }, amount: number) {
    await call(
      pick(random(order.createdAt + 1), managers).session,
      'post',
      `/payments/${payment.id}/refund`,
      {
        amount,
        reason: 'returned',
      },
    );
    order.paid -= amount;
    if (order.status === 'closed') order.refundsAfterClose += amount;
    movements.push({
      day: order.day,
      methodId: payment.methodId,
      kind: 'refund',
      received: 0,
      change: 0,
      tip: 0,
      refunded: amount,
    });
  }

  const method = (kind: string) => methods.find((m) => m.kind === kind)!.id;

  async function settle(rnd: () => number, order: OrderLedger, leaveOpen: boolean): Promise<void> {
    const live = order.lines.filter((line) => line.live);
    if (rnd() < 0.5 && live.length > 0) {
      for (const line of live) {
        const body = await call(cook.session, 'patch', `/orders/${order.id}/items/${line.itemId}/status`, {
          status: 'ready',
        });
        const item = (body.items as Array<{ id: string; readyAt: string }>).find(
          (i) => i.id === line.itemId,
        )!;
        preps.push({
          stationId: line.stationId,
          dishId: line.dishId,
          ms: Date.parse(item.readyAt) - line.firedAt,
        });
      }
    }
    if (leaveOpen) return;
    const manager = pick(rnd, managers);
    const roll = rnd();
    if (roll < 0.06 || order.totals.total === 0) {
      await call(manager.session, 'patch', `/orders/${order.id}/status`, {
        status: 'cancelled',
        reason: 'guest left',
      });
      order.status = 'cancelled';
      return;
    }
    if (roll < 0.09) {
      // Paid in part, given back, then cancelled.
      const payment = await pay(order, method('card'), Math.max(1, Math.floor(order.totals.total / 2)));
      await refund(order, payment, payment.amount);
      await call(manager.session, 'patch', `/orders/${order.id}/status`, {
        status: 'cancelled',
        reason: 'walked out',
      });
      order.status = 'cancelled';
      return;
    }
    if (roll < 0.13 && live.length >= 2) {
      // Paid in full, then an item voided: the overpayment is refunded before the close.
      const payment = await pay(order, method('card'), order.totals.total);
      await voidLine(order, live[0], manager, pick(rnd, REASONS));
      const over = order.paid - order.totals.total;
      if (over > 0) await refund(order, payment, over);
      await close(rnd, order);
      return;
    }
    const taken = await splitTender(rnd, order);
    await close(rnd, order);
    if (rnd() < 0.1) {
      // Money given back after the close: the sales report's refunds.
      const payment = pick(rnd, taken);
      await refund(order, payment, Math.min(payment.amount, 100 + Math.floor(rnd() * 400)));
    }
  }

  async function close(rnd: () => number, order: OrderLedger): Promise<void> {
    await call(pick(rnd, waiters).session, 'patch', `/orders/${order.id}/status`, { status: 'closed' });
    order.status = 'closed';
  }

  /** One to three tenders; the last in cash is rounded up to a note, so it gives change; card tips now and then. */
  async function splitTender(
    rnd: () => number,
    order: OrderLedger,
  ): Promise<Array<{ id: string; amount: number; methodId: string }>> {
    const parts = 1 + Math.floor(rnd() * 3);
    const taken: Array<{ id: string; amount: number; methodId: string }> = [];
    for (let part = 1; part <= parts; part++) {
      const due = order.totals.total - order.paid;
      if (due <= 0) break;
      const amount = part === parts ? due : Math.max(1, Math.floor(due * rnd()));
      const kind = pick(rnd, ['cash', 'card', 'card', 'other']);
      if (kind === 'cash') {
        taken.push(await pay(order, method('cash'), part === parts ? Math.ceil(amount / 500) * 500 : amount));
      } else {
        taken.push(await pay(order, method(kind), amount, kind === 'card' ? pick(rnd, [0, 0, 100, 250]) : 0));
      }
    }
    return taken;
  }

  // ------------------------------------------------------------------ the reports, from the ledger

  async function timed(report: string, path: string): Promise<Record<string, unknown>> {
    const started = performance.now();
    const body = await call(managers[0].session, 'get', `/reports/${path}`);
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

  function salesOf(list: OrderLedger[]) {
    const closed = list.filter((o) => o.status === 'closed');
    const sum = (f: (o: OrderLedger) => number) => closed.reduce((total, o) => total + f(o), 0);
    const netSales = sum((o) => o.paid);
    return {
      orders: closed.length,
      gross: sum((o) => o.totals.subtotal),
      discounts: sum((o) => o.totals.discount),
      serviceCharge: sum((o) => o.totals.serviceCharge),
      tax: sum((o) => o.totals.tax),
      refunds: sum((o) => o.refundsAfterClose),
      netSales,
      tips: sum((o) => o.tips),
      averageTicket: closed.length ? half(netSales, closed.length) : 0,
    };
  }

  function moneyOf(list: Movement[]) {
    const sum = (f: (m: Movement) => number) => list.reduce((total, m) => total + f(m), 0);
    const received = sum((m) => m.received);
    const refunded = sum((m) => m.refunded);
    const change = sum((m) => m.change);
    const tips = sum((m) => m.tip);
    return {
      payments: list.filter((m) => m.kind === 'payment').length,
      received,
      refunds: list.filter((m) => m.kind === 'refund').length,
      refunded,
      change,
      tips,
      net: received - refunded - change - tips,
    };
  }

  it('drove the orders it meant to, over both days and the repeated hour', () => {
    expect(orders).toHaveLength(ORDERS);
    expect(new Set(orders.map((o) => o.day))).toEqual(new Set([DAY_ONE, DAY_TWO]));
    expect(orders.some((o) => o.status === 'open')).toBe(true);
    expect(orders.filter((o) => o.status === 'cancelled').length).toBeGreaterThan(0);
    expect(movements.filter((m) => m.kind === 'refund').length).toBeGreaterThan(0);
  });

  it('sales per business day, and net sales = the money kept per day', async () => {
    const report = await timed('sales by day', `sales?from=${DAY_ONE}&to=${DAY_TWO}`);
    const rows = report.rows as Array<Record<string, unknown>>;
    expect(rows.map((row) => row.period)).toEqual([DAY_ONE, DAY_TWO]);
    for (const row of rows) {
      expect(row).toMatchObject(salesOf(orders.filter((o) => o.day === row.businessDay)));
      const money = moneyOf(movements.filter((m) => m.day === row.businessDay));
      expect(row.netSales).toBe(money.net);
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
      const inHour = orders.filter((o) => o.createdAt >= start && o.createdAt < start + HOUR_MS);
      expect([row.period, row]).toEqual([row.period, expect.objectContaining(salesOf(inHour))]);
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
        revenue: sales.netSales,
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
      expect((report.totals as { net: number }).net).toBe(sales.netSales);
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
    const cash = moneyOf(money.filter((m) => m.methodId === method('cash')));
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
    expect(figure('sales', 'netSales')).toBe(salesOf(day).netSales);
    expect(figure('payments', 'net', 'total')).toBe(moneyOf(money).net);
    expect(figure('cash', 'out')).toBe(cash.change + cash.refunded);
    expect(figure('openOrders', 'count')).toBe(open.length);
  });
});
