import { Role } from '../../src/common/access/role';
import { as, newStaff, NewStaff, Session } from './clients';
import { factories } from './factories';
import { Dish, Ledger, Line, OrderLedger, totalsOf } from './reconciliation-ledger';
import { DAY_ONE, DAY_TWO, inPool, pick, random, REASONS, slots } from './reconciliation-schedule';
import { TestApp } from './test-app';

/** The reconciliation spec's HTTP driver: sets the restaurant up, then drives the orders and records them. */

/** The restaurant the orders are placed in, and the staff who place and settle them. */
export interface ReconciliationCast {
  waiters: NewStaff[];
  managers: NewStaff[];
  cook: NewStaff;
  dishes: Dish[];
  tables: string[];
  methods: Array<{ id: string; name: string; kind: string }>;
}

type Payment = { id: string; amount: number; methodId: string };

/** Calls the API as `session`; anything but 200/201 fails the run. */
export async function callApi(
  t: TestApp,
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

/**
 * Three stations, six dishes (food at the default 7 %, the bar's drinks at 19 %), twenty tables, a voucher method,
 * four waiters, two managers and a cook.
 */
export async function setUpRestaurant(t: TestApp, admin: Session): Promise<ReconciliationCast> {
  const make = factories(t, admin);
  const rates = await Promise.all(
    [
      { name: 'VAT 7 %', percent: 7, isDefault: true },
      { name: 'VAT 19 %', percent: 19 },
    ].map((rate) => callApi(t, admin, 'post', '/tax-rates', rate)),
  );
  const [food, drinks] = rates.map((rate) => ({
    id: String(rate.id),
    name: String(rate.name),
    ppm: Number(rate.percent) * 10_000,
  }));
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
  const dishes: Dish[] = [];
  for (const [name, station, variations] of menu) {
    const rate = station === 1 ? drinks : food;
    const dish = await make.newDish({
      name,
      categoryId: category.id,
      stationId: stations[station].id,
      variations: variations.map(([variation, price]) => ({ name: variation, price })),
      taxRateIds: rate === food ? [] : [rate.id],
    });
    dishes.push({ ...dish, stationId: stations[station].id, rate });
  }
  const tables: string[] = [];
  for (let i = 0; i < 20; i++) tables.push((await make.newTable(`R${i}`)).id);
  await callApi(t, admin, 'post', '/payment-methods', { name: 'Voucher', kind: 'other' });
  const methods = (await callApi(t, admin, 'get', '/payment-methods')).items as ReconciliationCast['methods'];
  const waiters = await Promise.all([0, 1, 2, 3].map(() => newStaff(t, Role.Waiter)));
  const managers = await Promise.all([0, 1].map(() => newStaff(t, Role.Manager)));
  const cook = await newStaff(t, Role.Kitchen);
  return { waiters, managers, cook, dishes, tables, methods };
}

/** Places and settles orders through the API, writing each step into the ledger as the server confirms it. */
export class OrderDriver {
  constructor(
    private readonly t: TestApp,
    private readonly cast: ReconciliationCast,
    private readonly ledger: Ledger,
  ) {}

  /** The id of the payment method of this kind. */
  method(kind: string): string {
    return this.cast.methods.find((m) => m.kind === kind)!.id;
  }

  /** Drives `count` orders over the slots, IN_FLIGHT at a time. */
  async driveOrders(count: number): Promise<void> {
    const starts = slots();
    const perSlot = Math.ceil(count / starts.length);
    let index = 0;
    for (const [slot, start] of starts.entries()) {
      this.moveClockTo(start);
      const day = slot < 19 ? DAY_ONE : DAY_TWO;
      const last = slot === starts.length - 1;
      const stories = Array.from({ length: Math.min(perSlot, count - index) }, () => index++).map(
        (n, position) => ({
          n,
          // One in ten of the last slot's orders stays open: the X report's open orders.
          leaveOpen: last && position % 10 === 0,
          rnd: random(n + 1),
          order: undefined as OrderLedger | undefined,
        }),
      );
      await inPool(stories, async (story) => {
        story.order = await this.openOrder(story.rnd, day);
      });
      // Settled 3 to 20 minutes later, in the same local hour and business day.
      this.t.clock.advance((3 + (slot % 18)) * 60_000);
      await inPool(stories, (story) => this.settle(story.rnd, story.order!, story.leaveOpen));
    }
  }

  /** Moves the test clock to `instant` (forwards or back). */
  private moveClockTo(instant: number): void {
    this.t.clock.advance(instant - this.t.clock.now().getTime());
  }

  private call(
    session: Session,
    method: 'get' | 'post' | 'patch' | 'delete',
    path: string,
    body?: object,
  ): Promise<Record<string, unknown>> {
    return callApi(this.t, session, method, path, body);
  }

  /** Recomputes the ledger's totals and checks the server agrees, so both start from the same order. */
  private follow(order: OrderLedger, body: Record<string, unknown>): void {
    order.totals = totalsOf(order);
    const { taxRows, ...totals } = order.totals;
    const rows = body.taxes as Array<{ taxRateId: string; net: number; tax: number }>;
    expect({
      subtotal: body.subtotal,
      discount: body.discount,
      serviceCharge: body.serviceCharge,
      tax: body.tax,
      total: body.total,
      taxes: rows.map(({ taxRateId, net, tax }) => ({ taxRateId, net, tax })),
    }).toEqual({
      ...totals,
      taxes: taxRows.map(({ rateId, net, tax }) => ({ taxRateId: rateId, net, tax })),
    });
  }

  private async openOrder(rnd: () => number, day: string): Promise<OrderLedger> {
    const { waiters, managers, cook, dishes, tables } = this.cast;
    const waiter = pick(rnd, waiters);
    const type = pick(rnd, ['dine_in', 'dine_in', 'takeaway', 'delivery'] as const);
    const wanted = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => {
      const dish = pick(rnd, dishes);
      const variation = pick(rnd, dish.variations);
      return { dish, variation, quantity: 1 + Math.floor(rnd() * 3) };
    });
    const body = await this.call(waiter.session, 'post', '/orders', {
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
        rate: w.dish.rate,
      })),
      discount: null,
      status: 'open',
      paid: 0,
      tips: 0,
      refundsAfterClose: 0,
      totals: { subtotal: 0, discount: 0, serviceCharge: 0, tax: 0, total: 0, taxRows: [] },
    };
    expect(order.day).toBe(day);
    this.follow(order, body);
    this.ledger.orders.push(order);

    if (rnd() < 0.2) {
      const manager = pick(rnd, managers);
      const percent = rnd() < 0.6;
      const value = percent
        ? pick(rnd, [5, 10, 12.5, 15])
        : Math.min(pick(rnd, [100, 250, 500]), order.totals.subtotal);
      order.discount = { kind: percent ? 'percent' : 'amount', value, by: manager.id };
      this.follow(
        order,
        await this.call(manager.session, 'post', `/orders/${order.id}/discount`, {
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
        await this.call(cook.session, 'patch', `/orders/${order.id}/items/${line.itemId}/status`, {
          status: 'in_progress',
        });
        await this.voidLine(order, line, pick(rnd, managers), pick(rnd, REASONS));
      } else {
        await this.voidLine(
          order,
          line,
          waiters.find((w) => w.id === order.waiterId)!,
          undefined,
        );
      }
    }
    return order;
  }

  private async voidLine(order: OrderLedger, line: Line, by: NewStaff, reason: string | undefined) {
    const body = await this.call(
      by.session,
      'delete',
      `/orders/${order.id}/items/${line.itemId}`,
      reason ? { reason } : {},
    );
    this.ledger.recordVoid(line, by.id);
    this.follow(order, body);
  }

  private async pay(order: OrderLedger, methodId: string, amount: number, tip = 0): Promise<Payment> {
    const method = this.cast.methods.find((m) => m.id === methodId)!;
    const body = await this.call(
      pick(random(order.createdAt), this.cast.waiters).session,
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
    this.ledger.recordPayment(order, methodId, amount, applied, tip);
    return { id: String(body.id), amount: applied, methodId };
  }

  private async refund(order: OrderLedger, payment: { id: string; methodId: string }, amount: number) {
    await this.call(
      pick(random(order.createdAt + 1), this.cast.managers).session,
      'post',
      `/payments/${payment.id}/refund`,
      {
        amount,
        reason: 'returned',
      },
    );
    this.ledger.recordRefund(order, payment.methodId, amount, this.t.clock.now().getTime());
  }

  private async settle(rnd: () => number, order: OrderLedger, leaveOpen: boolean): Promise<void> {
    const live = order.lines.filter((line) => line.live);
    if (rnd() < 0.5 && live.length > 0) {
      for (const line of live) {
        const body = await this.call(
          this.cast.cook.session,
          'patch',
          `/orders/${order.id}/items/${line.itemId}/status`,
          { status: 'ready' },
        );
        const item = (body.items as Array<{ id: string; readyAt: string }>).find(
          (i) => i.id === line.itemId,
        )!;
        this.ledger.preps.push({
          stationId: line.stationId,
          dishId: line.dishId,
          ms: Date.parse(item.readyAt) - line.firedAt,
        });
      }
    }
    if (leaveOpen) return;
    const manager = pick(rnd, this.cast.managers);
    const roll = rnd();
    if (roll < 0.06 || order.totals.total === 0) {
      await this.call(manager.session, 'patch', `/orders/${order.id}/status`, {
        status: 'cancelled',
        reason: 'guest left',
      });
      order.status = 'cancelled';
      return;
    }
    if (roll < 0.09) {
      // Paid in part, given back, then cancelled.
      const payment = await this.pay(
        order,
        this.method('card'),
        Math.max(1, Math.floor(order.totals.total / 2)),
      );
      await this.refund(order, payment, payment.amount);
      await this.call(manager.session, 'patch', `/orders/${order.id}/status`, {
        status: 'cancelled',
        reason: 'walked out',
      });
      order.status = 'cancelled';
      return;
    }
    if (roll < 0.13 && live.length >= 2) {
      // Paid in full, then an item voided: the overpayment is refunded before the close.
      const payment = await this.pay(order, this.method('card'), order.totals.total);
      await this.voidLine(order, live[0], manager, pick(rnd, REASONS));
      const over = order.paid - order.totals.total;
      if (over > 0) await this.refund(order, payment, over);
      await this.close(rnd, order);
      return;
    }
    const taken = await this.splitTender(rnd, order);
    await this.close(rnd, order);
    if (rnd() < 0.1) {
      // Money given back after the close: the sales report's refunds.
      const payment = pick(rnd, taken);
      await this.refund(order, payment, Math.min(payment.amount, 100 + Math.floor(rnd() * 400)));
    }
  }

  private async close(rnd: () => number, order: OrderLedger): Promise<void> {
    await this.call(pick(rnd, this.cast.waiters).session, 'patch', `/orders/${order.id}/status`, {
      status: 'closed',
    });
    order.status = 'closed';
  }

  /** One to three tenders; the last in cash is rounded up to a note, so it gives change; card tips now and then. */
  private async splitTender(rnd: () => number, order: OrderLedger): Promise<Payment[]> {
    const parts = 1 + Math.floor(rnd() * 3);
    const taken: Payment[] = [];
    for (let part = 1; part <= parts; part++) {
      const due = order.totals.total - order.paid;
      if (due <= 0) break;
      const amount = part === parts ? due : Math.max(1, Math.floor(due * rnd()));
      const kind = pick(rnd, ['cash', 'card', 'card', 'other']);
      if (kind === 'cash') {
        taken.push(
          await this.pay(order, this.method('cash'), part === parts ? Math.ceil(amount / 500) * 500 : amount),
        );
      } else {
        taken.push(
          await this.pay(order, this.method(kind), amount, kind === 'card' ? pick(rnd, [0, 0, 100, 250]) : 0),
        );
      }
    }
    return taken;
  }
}
