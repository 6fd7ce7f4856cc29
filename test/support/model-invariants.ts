import type { Json } from './menu-fixture';
import { addDays, Model, ModelOrder } from './model-state';
import { checkPeople } from './model-people-invariants';
import { SERVICE_CHARGE_PERCENT, World } from './model-world';

/**
 * What must hold after every step of the model-based spec, checked against the model and the app's own reads:
 * money, tax rows, gift-card and loyalty ledgers, receipts, Z reports and the sales and tax reports.
 */

const sum = <T>(list: readonly T[], of: (each: T) => number): number =>
  list.reduce((all, each) => all + of(each), 0);
/** The sum of one field over rows the app answered. */
const total = (rows: Json[], key: string): number =>
  rows.reduce<number>((all, row: Json) => all + Number(row[key]), 0);

/** Half up, as the money module rounds a percentage. */
const percentOf = (amount: number, percent: number) => Math.floor((amount * percent + 50) / 100);

class Failures {
  readonly found: string[] = [];
  expect(condition: boolean, message: () => string): void {
    if (!condition) this.found.push(message());
  }
}

/** Every page of a list, up to `until` saying the rest is older than what is wanted. */
async function allPages(world: World, path: string, until: (item: Json) => boolean = () => false) {
  const items: Json[] = [];
  for (let page = 1; ; page++) {
    const body = await world.read(`${path}${path.includes('?') ? '&' : '?'}page=${page}&perPage=100`);
    items.push(...(body.items ?? body.activities));
    if (page >= body.pages || (body.items as Json[]).some(until)) return { body, items };
  }
}

export async function checkInvariants(model: Model, world: World): Promise<void> {
  const failures = new Failures();
  const orders = await Promise.all(model.orders.map((o) => world.read(`/orders/${o.id}`)));
  model.orders.forEach((order, i) => checkOrder(failures, model, world, order, orders[i]));
  await checkCards(failures, model, world);
  await checkLoyalty(failures, model, world);
  await checkReceipts(failures, model, world);
  await checkDays(failures, model, world);
  await checkDevices(failures, world);
  await checkPeople((condition, message) => failures.expect(condition, message), model, world);
  if (failures.found.length > 0) throw new Error(`invariants broken:\n  ${failures.found.join('\n  ')}`);
}

function checkOrder(f: Failures, model: Model, world: World, order: ModelOrder, app: Json): void {
  const at = `order ${order.id.slice(0, 8)} (${order.kind}, ${app.status})`;
  const status = ['closed', 'cancelled'].includes(app.status) ? app.status : 'open';
  f.expect(status === order.status, () => `${at}: the model has it ${order.status}`);
  f.expect(app.businessDay === order.day, () => `${at}: on ${app.businessDay}, the model says ${order.day}`);
  const paid = model.paidOn(order.id);
  f.expect(app.paid === paid, () => `${at}: paid ${app.paid}, its payments less refunds are ${paid}`);
  f.expect(app.paid >= 0, () => `${at}: paid ${app.paid} is negative`);
  if (order.status === 'open') {
    f.expect(app.due === Math.max(0, app.total - app.paid), () => `${at}: due ${app.due} of ${app.total}`);
  }
  const rows = app.taxes as Json[];
  f.expect(
    total(rows, 'gross') === app.total && total(rows, 'tax') === app.tax,
    () => `${at}: tax rows ${JSON.stringify(rows)} do not add up to total ${app.total}, tax ${app.tax}`,
  );
  // An even split's parts hold shares of the money, not lines: their rows come with the shares.
  order.shareGroup = (app.shares as Json[]).length > 0 ? (order.shareGroup ?? order.id) : null;
  if (order.shareGroup) return;
  const dineIn = app.type === 'dine_in';
  const live = (app.items as Json[]).filter((i) => i.status !== 'cancelled');
  // Splits and moves carry allocated cents along, so a dine-in order may be a cent per line off its own percent.
  const charge = dineIn ? percentOf(app.subtotal - app.discount, SERVICE_CHARGE_PERCENT) : 0;
  const slack = dineIn ? live.length : 0;
  if (order.status === 'open') {
    f.expect(
      Math.abs(app.serviceCharge - charge) <= slack,
      () => `${at}: service charge ${app.serviceCharge}, expected ${charge} (±${slack})`,
    );
  }
  for (const item of live) {
    const dish = world.dishes.find((d) => d.id === item.dishId);
    const rates = (item.taxes as Json[]).map((t: Json) => String(t.taxRateId));
    const expected = dish ? [dineIn ? dish.rates.dineIn : dish.rates.away] : rates;
    f.expect(
      JSON.stringify(rates) === JSON.stringify(expected),
      () =>
        `${at}: item ${item.name} taxed by ${rates.join()}, expected ${expected.join()} on a ${app.type} order`,
    );
  }
}

async function checkCards(f: Failures, model: Model, world: World): Promise<void> {
  for (const card of model.cards) {
    const { balance } = await world.read(`/gift-cards/${card.id}`);
    const { items } = await allPages(world, `/gift-cards/${card.id}/activities`);
    const at = `gift card ${card.id.slice(0, 8)}`;
    f.expect(balance === card.balance, () => `${at}: balance ${balance}, the model says ${card.balance}`);
    f.expect(total(items, 'amount') === balance, () => `${at}: its activities do not sum to ${balance}`);
    f.expect(
      items.every((a) => a.balanceAfter >= 0),
      () => `${at}: a balance went below 0`,
    );
  }
}

/**
 * Points equal their ledger and never go below 0; a reward's points come back when a person cancels its order
 * (they may when its line is voided), never otherwise: not by a merge.
 */
async function checkLoyalty(f: Failures, model: Model, world: World): Promise<void> {
  for (const customer of model.customers.filter((c) => !c.erased)) {
    const { body, items } = await allPages(world, `/customers/${customer.id}/loyalty`);
    const at = `customer ${customer.id.slice(0, 8)}`;
    f.expect(body.points >= 0, () => `${at}: ${body.points} points`);
    f.expect(
      total(items, 'points') === body.points,
      () => `${at}: the ledger does not sum to ${body.points}`,
    );
    f.expect(
      items.every((a) => a.balanceAfter >= 0),
      () => `${at}: a balance went below 0`,
    );
    const rewards = model.rewards.filter((r) => r.customerId === customer.id);
    const restored = total(
      items.filter((a) => a.type === 'restore'),
      'points',
    );
    const must = sum(
      rewards.filter((r) => r.returned === 'cancelled'),
      (r) => r.points,
    );
    const may =
      must +
      sum(
        rewards.filter((r) => r.returned === 'voided'),
        (r) => r.points,
      );
    f.expect(
      restored >= must && restored <= may,
      () =>
        `${at}: ${restored} points restored; rewards given back: ${must} (up to ${may} with voided lines)`,
    );
  }
}

/**
 * Exactly one sale receipt per closed order, none for any other, and its receipts' tips are what its payments kept
 * (a tip given back before the close is not on the sale); each receipt fiscally recorded, signed at most once (its
 * own transaction number), and the unit's signed transactions numbered without a gap.
 */
async function checkReceipts(f: Failures, model: Model, world: World): Promise<void> {
  const since = `${model.firstDay}T00:00:00.000Z`;
  const { items } = await allPages(world, `/receipts?from=${since}`);
  const numbers = items.flatMap((r): number[] =>
    r.fiscal?.state === 'signed' ? [Number(r.fiscal.transactionNumber)] : [],
  );
  f.expect(
    new Set(numbers).size === numbers.length,
    () => `receipts share transaction numbers: ${numbers.join()}`,
  );
  for (const receipt of items) {
    f.expect(receipt.fiscal !== null, () => `receipt ${receipt.number}: not recorded for fiscal signing`);
  }
  await checkSignedTransactions(f, world);
  await checkAborts(f, model, world);
  for (const order of model.orders) {
    const sales = items.filter((r) => r.kind === 'sale' && r.orderId === order.id).length;
    const expected = order.status === 'closed' ? 1 : 0;
    f.expect(
      sales === expected,
      () => `order ${order.id.slice(0, 8)} (${order.status}): ${sales} sale receipts`,
    );
    if (order.status !== 'closed') continue;
    const tips = total(
      items.filter((r) => r.orderId === order.id),
      'tips',
    );
    f.expect(
      tips === model.tipsOn(order.id),
      () =>
        `order ${order.id.slice(0, 8)}: its receipts show ${tips} of tips, its payments ${model.tipsOn(order.id)}`,
    );
  }
}

/**
 * What the unit signed, in its order: numbered 1 to n without a gap, each signature counted after the last one's.
 * Counted by the database, one statement however many were signed.
 */
async function checkSignedTransactions(f: Failures, world: World): Promise<void> {
  const [row] = await world.t.dataSource.query<Array<Record<string, number | string | null>>>(
    `SELECT COUNT(*) AS signed, COUNT(DISTINCT n) AS numbers, MIN(n) AS first, MAX(n) AS last,
       SUM(CASE WHEN step <= 0 THEN 1 ELSE 0 END) AS backwards
     FROM (SELECT transaction_number AS n,
             signature_counter - LAG(signature_counter) OVER (ORDER BY transaction_number) AS step
           FROM fiscal_transactions WHERE state = 'signed') signed`,
  );
  const [signed, numbers, first, last, backwards] = [
    row.signed,
    row.numbers,
    row.first,
    row.last,
    row.backwards,
  ].map(Number);
  f.expect(
    signed === 0 || (first === 1 && last === signed && numbers === signed),
    () =>
      `signed transactions: ${signed}, numbered ${first} to ${last} (${numbers} numbers): a gap or a repeat`,
  );
  f.expect(!backwards, () => `${backwards} signature counters not after the one before`);
}

/**
 * A Vorgang ends once: each order the kitchen had lines of (it has a fiscal ledger) that ended cancelled (by a
 * cancel or a merge) has its one AVBelegabbruch, and no order that did not end so has one.
 */
async function checkAborts(f: Failures, model: Model, world: World): Promise<void> {
  const rows = await world.t.dataSource.query<Array<{ order_id: string; aborts: number | string }>>(
    `SELECT ledger.order_id, COUNT(abort.id) AS aborts
     FROM fiscal_order_ledgers ledger
     LEFT JOIN fiscal_transactions abort ON abort.subject = 'abort:' || ledger.order_id
     GROUP BY ledger.order_id`,
  );
  const aborts = new Map(rows.map((row) => [row.order_id, Number(row.aborts)]));
  for (const order of model.orders) {
    if (!aborts.has(order.id)) continue;
    const expected = order.status === 'cancelled' ? 1 : 0;
    f.expect(
      aborts.get(order.id) === expected,
      () => `order ${order.id.slice(0, 8)} (${order.status}): ${aborts.get(order.id)} AVBelegabbruch`,
    );
  }
}

/** Each tablet's outbox state counts the keyed writes it applied, replays and refusals not. */
async function checkDevices(f: Failures, world: World): Promise<void> {
  for (const [device, writes] of world.deviceWrites) {
    const state = await world.read(`/devices/${device}/outbox-state`);
    f.expect(
      state.writesApplied === writes,
      () => `${device}: ${state.writesApplied} writes, sent ${writes}`,
    );
  }
}

/**
 * Per business day of the run: what the tax ledger must hold (closed orders' totals, less refunds of closed orders
 * booked on the day they happened), the Z report of a closed day, and the sales report's totals.
 */
async function checkDays(f: Failures, model: Model, world: World): Promise<void> {
  const closed = model.orders.filter((o) => o.status === 'closed');
  const last = model.salesDay;
  const grossOf = (day: string) =>
    sum(
      closed.filter((o) => o.day === day),
      (o) => o.closedTotal,
    ) - (model.saleRefunds.get(day) ?? 0);
  const taxes = await world.read(`/reports/taxes?from=${model.firstDay}&to=${last}`);
  for (let day = model.firstDay; day <= last; day = addDays(day, 1)) {
    const reported = total(
      (taxes.rows as Json[]).filter((r) => r.businessDay === day),
      'gross',
    );
    f.expect(
      reported === grossOf(day),
      () => `tax report ${day}: gross ${reported}, expected ${grossOf(day)}`,
    );
  }
  const kept = sum(closed, (o) => model.paidOn(o.id));
  const sales = await world.read(`/reports/sales?from=${model.firstDay}&to=${last}`);
  f.expect(
    sales.totals.orders === closed.length && sales.totals.salesInclTax === kept,
    () =>
      `sales report: ${sales.totals.orders} orders, ${sales.totals.salesInclTax} gross; the model: ${closed.length}, ${kept}`,
  );
  f.expect(taxes.totals.gross === kept, () => `tax report: gross ${taxes.totals.gross}, kept ${kept}`);
  for (const day of model.closedDays) {
    const z = (await world.read(`/business-days/${day}/z-report`)).report;
    const count = closed.filter((o) => o.day === day).length;
    const gross = total(z.taxes as Json[], 'gross');
    // A refund counts as a sales refund only once its order closed (docs/rules.md): before, no sale was made.
    const refunded = model.saleRefunds.get(day) ?? 0;
    f.expect(
      z.sales.orders === count && gross === grossOf(day) && z.sales.refunds === refunded,
      () =>
        `Z report ${day}: ${z.sales.orders} orders, gross ${gross}, sales refunds ${z.sales.refunds}; ` +
        `the model: ${count}, ${grossOf(day)}, ${refunded}`,
    );
  }
}
