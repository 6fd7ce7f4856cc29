/**
 * The tonight scenario of `npm run bench` (the service only): orders as an evening's service has them, beside the
 * plain ones of the throughput scenario. Before the load it gives the 15 dishes that orders name two tax rates (a
 * reduced rate on food, the standard rate on the bar's drinks), adds a loyalty programme and a few customers; the
 * Happy hour rule of the menu by the clock (bench-menu-clock.ts) prices the 3 Specials, which orders name too. Then
 * `--clients` waiters, closed loop, take each order through its service life while `--sockets` listen (the rush of
 * the throughput scenario): created with an Idempotency-Key, every fourth given a customer, paid in full in cash
 * with an Idempotency-Key, closed, which issues its receipt. It runs after the other scenarios: the rates it gives
 * the dishes would tax their orders.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Api, createApi } from './bench-http';
import { DRINKS_STATION, percentile, round1 } from './bench-lib';
import { closedLoop, finishRush, openRush, Rush, rushCpuMeter, sendOrder } from './bench-rush';
import type { ScenarioContext } from './bench-scenarios';
import { cashMethodId, orderBody, pick, Restaurant } from './bench-targets';

const FOOD_RATE = { name: 'VAT 7 % (food)', percent: 7 };
const DRINKS_RATE = { name: 'VAT 19 % (drinks)', percent: 19 };
const CUSTOMERS = 8;
/** One order in this many gets a customer. */
const CUSTOMER_EVERY = 4;
/** Points per currency unit paid, so that an order with a customer earns at its close. */
const POINTS_PER_UNIT = 1;

type Dish = Restaurant['dishes'][number];

/** What the scenario set up: the dishes by rate, the customers, and how the waiters pay. */
interface TonightSetup {
  food: Dish[];
  drinks: Dish[];
  customerIds: string[];
  cashMethodId: string;
}

/** An order as the service answers it, as far as the scenario checks it. */
interface OrderReply {
  id: string;
  due: number;
  items: Array<{ priceRuleId: string | null; taxes: Array<{ taxRateId: string }> }>;
  customer: { id: string } | null;
}

/** The requests after each order's creation, timed, and what the orders turned out to carry. */
class TonightTally {
  readonly attachMs: number[] = [];
  readonly payMs: number[] = [];
  readonly closeMs: number[] = [];
  orders = 0;
  lines = 0;
  /** Lines a price rule priced (`priceRuleId` set). */
  ruledLines = 0;
  /** Orders whose lines carry two tax rates or more. */
  mixedRateOrders = 0;
  withCustomer = 0;
  completed = 0;

  /** Counts a created order; answers how many were created so far. */
  created(order: OrderReply): number {
    this.orders += 1;
    this.lines += order.items.length;
    this.ruledLines += order.items.filter((item) => item.priceRuleId !== null).length;
    const rates = new Set(order.items.flatMap((item) => item.taxes.map((tax) => tax.taxRateId)));
    if (rates.size >= 2) this.mixedRateOrders += 1;
    return this.orders;
  }
}

export async function tonight({ servers, restaurant, options }: ScenarioContext) {
  const admin = restaurant.adminToken;
  if (!admin) throw new Error('the tonight scenario needs an admin: the service only');
  const setupApi = createApi(servers[0].baseUrl);
  const setup = await setUp(setupApi, admin, restaurant);
  const receiptsBefore = await countReceipts(setupApi, admin);
  const rush = await openRush(servers, restaurant, options.sockets);
  const apis = servers.map((server) => createApi(server.baseUrl));
  const tally = new TonightTally();
  const cpu = rushCpuMeter(servers, rush);
  const wallMs = await closedLoop(apis, restaurant.clientTokens, options.seconds, (api, token) =>
    serve(rush, setup, tally, api, token),
  );
  const cores = cpu.stop();
  const deliveries = await finishRush(rush);
  const receipts = (await countReceipts(setupApi, admin)) - receiptsBefore;
  const { log } = rush;
  return {
    completed: tally.completed,
    completedPerSecond: round1(tally.completed / (wallMs / 1000)),
    created: log.created,
    createP50Ms: percentile(log.latenciesMs, 50),
    createP99Ms: percentile(log.latenciesMs, 99),
    attachP50Ms: percentile(tally.attachMs, 50),
    attachP99Ms: percentile(tally.attachMs, 99),
    payP50Ms: percentile(tally.payMs, 50),
    payP99Ms: percentile(tally.payMs, 99),
    closeP50Ms: percentile(tally.closeMs, 50),
    closeP99Ms: percentile(tally.closeMs, 99),
    lines: tally.lines,
    ruledLines: tally.ruledLines,
    mixedRateOrders: tally.mixedRateOrders,
    withCustomer: tally.withCustomer,
    receipts,
    errors: log.errors,
    ...deliveries,
    cores,
  };
}

/**
 * The evening's menu, customers and loyalty programme: the two rates on the ordered dishes (the bar's at the
 * standard rate, the others reduced), the dishes a price rule prices (as GET /menu shows them) among them.
 */
async function setUp(api: Api, admin: string, restaurant: Restaurant): Promise<TonightSetup> {
  const post = (path: string, body: object) => api.must<{ id: string }>(201, 'POST', path, admin, body);
  const foodRate = await post('/api/v1/tax-rates', FOOD_RATE);
  const drinksRate = await post('/api/v1/tax-rates', DRINKS_RATE);
  const stations = await api.must<{ items: Array<{ id: string; name: string }> }>(
    200,
    'GET',
    '/api/v1/stations?perPage=100',
    admin,
  );
  const bar = stations.items.find((station) => station.name === DRINKS_STATION);
  if (!bar) throw new Error(`tonight: no station ${DRINKS_STATION}`);
  const ruled = await ruledDishes(api);
  if (ruled.length === 0) throw new Error('tonight: no dish on the menu is priced by a rule');
  const dishes = [...restaurant.dishes, ...ruled];
  const isDrink = (dish: Dish) => dish.stationId === bar.id;
  for (const dish of dishes) {
    const taxRateIds = [isDrink(dish) ? drinksRate.id : foodRate.id];
    await api.must(200, 'PATCH', `/api/v1/dishes/${dish.id}`, admin, { taxRateIds });
  }
  await api.must(200, 'PUT', '/api/v1/loyalty', admin, { pointsPerUnit: POINTS_PER_UNIT, rewards: [] });
  const customerIds: string[] = [];
  for (let i = 1; i <= CUSTOMERS; i++) {
    customerIds.push((await post('/api/v1/customers', { name: `Bench guest ${i}` })).id);
  }
  return {
    food: dishes.filter((dish) => !isDrink(dish)),
    drinks: dishes.filter(isDrink),
    customerIds,
    cashMethodId: await cashMethodId(api, admin),
  };
}

/** The dishes of GET /menu with a variation a price rule prices now. */
async function ruledDishes(api: Api): Promise<Dish[]> {
  const menu = await api.must<{
    categories: Array<{
      dishes: Array<{ id: string; stationId: string; variations: Array<{ priceRuleId?: string | null }> }>;
    }>;
  }>(200, 'GET', '/api/v1/menu');
  return menu.categories
    .flatMap((category) => category.dishes)
    .filter((dish) => dish.variations.some((variation) => typeof variation.priceRuleId === 'string'))
    .map(({ id, stationId }) => ({ id, stationId }));
}

async function countReceipts(api: Api, admin: string): Promise<number> {
  return (await api.must<{ total: number }>(200, 'GET', '/api/v1/receipts?perPage=1', admin)).total;
}

/** A food dish, a drink and one more of either: every order has lines at both rates. */
function eveningOrder(restaurant: Restaurant, setup: TonightSetup) {
  const either = pick([setup.food, setup.drinks]);
  return orderBody(restaurant, [pick(setup.food), pick(setup.drinks), pick(either)]);
}

/**
 * One order's service life, as the waiter's tablet goes through it: created, every fourth given a customer, paid
 * in full in cash, closed. A step that fails counts as an error by step and status, and the order is left there.
 */
async function serve(rush: Rush, setup: TonightSetup, tally: TonightTally, api: Api, token: string) {
  const body = eveningOrder(rush.restaurant, setup);
  const order = (await sendOrder(rush, api, token, performance.now(), body)) as OrderReply | null;
  if (!order) return;
  const path = `/api/v1/orders/${order.id}`;
  if (tally.created(order) % CUSTOMER_EVERY === 0) {
    const customerId = pick(setup.customerIds);
    const attached = await timed<OrderReply>(rush, 'attach', tally.attachMs, 200, () =>
      api.call('POST', `${path}/customer`, token, { customerId }),
    );
    if (!attached) return;
    if (attached.customer?.id === customerId) tally.withCustomer += 1;
  }
  const payment = { methodId: setup.cashMethodId, amount: order.due };
  const paid = await timed(rush, 'pay', tally.payMs, 201, () =>
    api.call('POST', `${path}/payments`, token, payment, { 'Idempotency-Key': randomUUID() }),
  );
  if (!paid) return;
  const closed = await timed(rush, 'close', tally.closeMs, 200, () =>
    api.call('PATCH', `${path}/status`, token, { status: 'closed' }),
  );
  if (closed) tally.completed += 1;
}

/** Makes a request, keeps its latency when it answers `expected` and its failure otherwise; answers its body. */
async function timed<T = unknown>(
  rush: Rush,
  name: string,
  samples: number[],
  expected: number,
  call: () => ReturnType<Api['call']>,
): Promise<T | null> {
  const sentAt = performance.now();
  try {
    const reply = await call();
    if (reply.status !== expected) {
      rush.log.fail(`${name} ${reply.status}`);
      return null;
    }
    samples.push(performance.now() - sentAt);
    return reply.body as T;
  } catch (error) {
    rush.log.fail(`${name} ${(error as { code?: string }).code ?? 'network'}`);
    return null;
  }
}
