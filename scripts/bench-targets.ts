/**
 * The two servers `npm run bench` measures, behind one interface: the service (src/main.js as built, seeded with a
 * restaurant over its REST API) and the bare baseline (scripts/bench-bare.ts). Each has a fresh database of its
 * own and is started afresh for every scenario.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { BenchDatabase, createDatabase } from './bench-database';
import { Api, createApi } from './bench-http';
import { cleanups, DISH_PRICE, DISHES_PER_STATION, STATIONS } from './bench-lib';
import { Server, startServer } from './bench-servers';
import { seedMenuByTheClock, SeededDish } from './bench-menu-clock';
import { BARE_TABLES, OrderTables, SERVICE_TABLES } from './bench-prefill';

export type TargetName = 'service' | 'bare';

export interface TargetOptions {
  database: string | null;
  /** The service's REDIS_URL: with several instances, how they learn of each other's commits. */
  redis: string | null;
  /** Service processes on the one database; the bare baseline is always one. */
  instances: number;
  tables: number;
  clients: number;
  kitchens: number;
  sqliteSynchronous: string;
  /** Posting clients send orders with an API key each (X-API-Key) instead of a waiter's bearer token. */
  apiKeys: boolean;
  /** The service's dishes offer a modifier group, and every order line chooses 1 or 2 of its options. */
  modifiers: boolean;
  /** Where the service's webhook subscription to every order event sends its deliveries; null: no subscription. */
  webhookUrl: string | null;
  /** The port of a network printer on 127.0.0.1 that prints every station's kitchen tickets; null: no printer. */
  kitchenPrinterPort: number | null;
}

/**
 * The options of one service process for a measuring script: no Redis, webhook or printer, 20 tables, one client,
 * no kitchen screen, `synchronous=FULL`, waiters' tokens and plain lines, unless `options` say otherwise.
 */
export function oneServiceOptions(options: Partial<TargetOptions>): TargetOptions {
  return {
    database: null,
    redis: null,
    instances: 1,
    tables: 20,
    clients: 1,
    kitchens: 0,
    sqliteSynchronous: 'FULL',
    apiKeys: false,
    modifiers: false,
    webhookUrl: null,
    kitchenPrinterPort: null,
    ...options,
  };
}

/** What the scenarios need to know of a seeded server. */
export interface Restaurant {
  dishes: Array<{ id: string; stationId: string }>;
  /** The options of the modifier group every dish offers; empty when orders carry no modifiers. */
  modifierOptionIds: string[];
  tableIds: string[];
  /** One credential per posting client: a bearer token, or an API key (`pos_...`). */
  clientTokens: string[];
  /** Kitchen screens, one station each, round robin over the stations. */
  kitchenScreens: Array<{ auth: object; stationId: string }>;
  /** The handshake of the i-th passive socket (waiters and managers on the service). */
  crowdAuth(i: number): object;
  /** The service shows a screen only orders with items for its station; the bare baseline sends every order. */
  screensFilterByStation: boolean;
  /** An admin's bearer token, for scenarios that set up more (null on the bare baseline, which has no admin). */
  adminToken: string | null;
}

export interface Target {
  name: TargetName;
  database: BenchDatabase;
  tables: OrderTables;
  /** How many processes serve a scenario, on the one database. */
  instances: number;
  /** Starts a fresh server process on this target's database. */
  start(): Promise<Server>;
  /** Seeds a restaurant on a started server, once per database. */
  prepare(server: Server): Promise<Restaurant>;
  /** Has the server write one order to clone for --prefill; answers its id. */
  templateOrder(server: Server, restaurant: Restaurant): Promise<string>;
}

export async function createTarget(name: TargetName, options: TargetOptions): Promise<Target> {
  const database = await createDatabase(options.database);
  cleanups.push(() => database.drop());
  return name === 'service' ? serviceTarget(database, options) : bareTarget(database, options);
}

const GUESTS = 2;
const ORDER_EVENTS = [
  'order.created',
  'order.updated',
  'order.status_changed',
  'order.item_status_changed',
  'order.paid',
  'order.fired',
];
const ITEMS_PER_ORDER = 3;
/** libuv's thread pool, where scrypt runs: staff are seeded this many at a time. */
const SCRYPT_THREADS = 4;

export const pick = <T>(items: T[]): T => items[randomInt(items.length)];

/** A dine-in order at a random table, as a waiter's tablet sends it: of 3 random dishes unless told which. */
export function orderBody(
  restaurant: Restaurant,
  dishes = Array.from({ length: ITEMS_PER_ORDER }, () => pick(restaurant.dishes)),
) {
  return {
    dishes,
    body: {
      type: 'dine_in',
      tableId: pick(restaurant.tableIds),
      guests: GUESTS,
      items: dishes.map((dish) => ({ dishId: dish.id, quantity: 1, ...modifiersOf(restaurant) })),
    },
  };
}

/** 1 or 2 distinct options of the dishes' modifier group, when they offer one. */
function modifiersOf(restaurant: Restaurant): { modifiers?: Array<{ optionId: string }> } {
  const options = restaurant.modifierOptionIds;
  if (options.length === 0) return {};
  const first = randomInt(options.length);
  const chosen =
    randomInt(2) === 0 ? [first] : [first, (first + 1 + randomInt(options.length - 1)) % options.length];
  return { modifiers: chosen.map((i) => ({ optionId: options[i] })) };
}

const roundRobinScreens = (count: number, stationIds: string[], auth: (i: number) => object) =>
  Array.from({ length: count }, (_, i) => {
    const stationId = stationIds[i % stationIds.length];
    return { auth: { ...auth(i), stations: [stationId] }, stationId };
  });

// ---------------------------------------------------------------- the service

function serviceTarget(database: BenchDatabase, options: TargetOptions): Target {
  const adminPassword = randomBytes(16).toString('hex');
  // The same secrets on every start, so tokens issued by the seeding start stay valid on the later ones.
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: options.redis ?? undefined, // undefined: not passed on, even when this process has one
    JWT_SECRET: randomBytes(32).toString('hex'),
    PIN_PEPPER: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: adminPassword,
    // The bench's receiver listens on loopback.
    WEBHOOK_ALLOW_PRIVATE: options.webhookUrl ? 'true' : undefined,
  };
  let adminToken = '';
  return {
    name: 'service',
    database,
    tables: SERVICE_TABLES,
    instances: options.instances,
    start: () => startServer('src/main.js', env),
    prepare: async (server) => {
      const api = createApi(server.baseUrl);
      adminToken = await login(api, 'admin', adminPassword);
      if (options.webhookUrl) {
        await api.must(201, 'POST', '/api/v1/webhooks', adminToken, {
          url: options.webhookUrl,
          events: ORDER_EVENTS,
        });
      }
      return seedService(api, adminToken, options);
    },
    templateOrder: (server, restaurant) => closedOrder(createApi(server.baseUrl), adminToken, restaurant),
  };
}

async function login(api: Api, username: string, password: string): Promise<string> {
  const reply = await api.must<{ accessToken: string }>(200, 'POST', '/api/v1/auth/login', undefined, {
    username,
    password,
  });
  return reply.accessToken;
}

/**
 * Tables, 3 stations × 4 dishes (the dishes orders name), the menu by the clock around them (bench-menu-clock.ts),
 * and staff: a waiter per client, a kitchen user per screen, a manager.
 */
async function seedService(api: Api, admin: string, options: TargetOptions): Promise<Restaurant> {
  const post = <T = { id: string }>(path: string, body: object) =>
    api.must<T>(201, 'POST', path, admin, body);

  const location = await post('/api/v1/locations', { name: 'Dining room' });
  const tableIds: string[] = [];
  for (let i = 1; i <= options.tables; i++) {
    tableIds.push((await post('/api/v1/tables', { name: `T${i}`, locationId: location.id, seats: 4 })).id);
  }
  const category = await post('/api/v1/categories', { name: 'Mains' });
  const sauce = options.modifiers ? await seedModifierGroup(post) : null;
  const stationIds: string[] = [];
  for (const name of STATIONS) stationIds.push((await post('/api/v1/stations', { name })).id);
  if (options.kitchenPrinterPort) {
    await post('/api/v1/printers', {
      name: 'Kitchen',
      kind: 'kitchen',
      widthChars: 42,
      connection: { type: 'tcp', host: '127.0.0.1', port: options.kitchenPrinterPort },
      stationIds,
    });
  }
  const modifierGroupIds = sauce ? [sauce.id] : [];
  const dishesByStation: SeededDish[][] = [];
  for (const [index, stationId] of stationIds.entries()) {
    const ofStation: SeededDish[] = [];
    for (let i = 1; i <= DISHES_PER_STATION; i++) {
      const name = `${STATIONS[index]} dish ${i}`;
      const body = { name, categoryId: category.id, stationId, price: DISH_PRICE, modifierGroupIds };
      ofStation.push(await post<SeededDish>('/api/v1/dishes', body));
    }
    dishesByStation.push(ofStation);
  }
  await seedMenuByTheClock(post, { categoryId: category.id, stationIds, dishesByStation, modifierGroupIds });
  // Passwords are hashed with scrypt, which is slow on purpose and runs on libuv's four threads: create and log in
  // the staff four at a time (all at once, each request waited behind the others past the client's timeout when
  // other work loaded the machine).
  const staff = async (role: 'waiter' | 'kitchen' | 'manager', count: number) => {
    const tokens: string[] = [];
    for (let first = 0; first < count; first += SCRYPT_THREADS) {
      const batch = Array.from({ length: Math.min(SCRYPT_THREADS, count - first) }, async (_, offset) => {
        const i = first + offset;
        const username = `bench-${role}-${i + 1}`;
        const password = randomBytes(12).toString('hex');
        await post('/api/v1/users', { username, displayName: `${role} ${i + 1}`, role, password });
        return login(api, username, password);
      });
      tokens.push(...(await Promise.all(batch)));
    }
    return tokens;
  };
  const waiterTokens = await staff('waiter', options.clients);
  const kitchenTokens = await staff('kitchen', options.kitchens);
  const managerTokens = await staff('manager', 1);
  const floorTokens = [...waiterTokens, ...managerTokens];
  const apiKeys = options.apiKeys
    ? await Promise.all(
        waiterTokens.map(async (_, i) => {
          const body = { name: `bench client ${i + 1}`, scopes: ['orders:write'], rateLimitPerMinute: null };
          return (await post<{ key: string }>('/api/v1/api-keys', body)).key;
        }),
      )
    : null;
  return {
    dishes: dishesByStation.flat().map(({ id, stationId }) => ({ id, stationId })),
    modifierOptionIds: sauce?.optionIds ?? [],
    tableIds,
    clientTokens: apiKeys ?? waiterTokens,
    kitchenScreens: roundRobinScreens(options.kitchens, stationIds, (i) => ({ token: kitchenTokens[i] })),
    crowdAuth: (i) => ({ token: floorTokens[i % floorTokens.length] }),
    screensFilterByStation: true,
    adminToken: admin,
  };
}

/** A "Sauce" group (choose 1 or 2 of 3 options, two of them priced) for every dish to offer. */
async function seedModifierGroup(
  post: (path: string, body: object) => Promise<unknown>,
): Promise<{ id: string; optionIds: string[] }> {
  const group = (await post('/api/v1/modifier-groups', {
    name: 'Sauce',
    minChoices: 1,
    maxChoices: 2,
    options: [
      { name: 'Ketchup', priceDelta: 0 },
      { name: 'Aioli', priceDelta: 50 },
      { name: 'Truffle', priceDelta: 150 },
    ],
  })) as { id: string; options: Array<{ id: string }> };
  return { id: group.id, optionIds: group.options.map((option) => option.id) };
}

interface OrderView {
  id: string;
  total: number;
  items: Array<{ id: string }>;
}

/** An order through its whole life, as most orders of a restaurant's history are: cooked, served, paid, closed. */
async function closedOrder(api: Api, admin: string, restaurant: Restaurant): Promise<string> {
  const order = await api.must<OrderView>(201, 'POST', '/api/v1/orders', admin, orderBody(restaurant).body);
  const path = `/api/v1/orders/${order.id}`;
  for (const item of order.items) {
    for (const status of ['ready', 'served']) {
      await api.must(200, 'PATCH', `${path}/items/${item.id}/status`, admin, { status });
    }
  }
  const methodId = await cashMethodId(api, admin);
  await api.must(201, 'POST', `${path}/payments`, admin, { methodId, amount: order.total });
  await api.must(200, 'PATCH', `${path}/status`, admin, { status: 'closed' });
  return order.id;
}

/** The id of the active cash payment method, which the service is installed with. */
export async function cashMethodId(api: Api, token: string): Promise<string> {
  const methods = await api.must<{ items: Array<{ id: string; kind: string }> }>(
    200,
    'GET',
    '/api/v1/payment-methods/active?perPage=100',
    token,
  );
  const cash = methods.items.find((method) => method.kind === 'cash');
  if (!cash) throw new Error('no active cash payment method');
  return cash.id;
}

// ---------------------------------------------------------------- the bare baseline

function bareTarget(database: BenchDatabase, options: TargetOptions): Target {
  const env = { DATABASE_URL: database.url, BENCH_SQLITE_SYNCHRONOUS: options.sqliteSynchronous };
  const anyAuth = { token: 'bare' }; // it checks nothing
  return {
    name: 'bare',
    database,
    tables: BARE_TABLES,
    instances: 1, // it emits to its own sockets only
    start: () => startServer('scripts/bench-bare.js', env),
    prepare: async (server) => {
      const dishes = await menuDishes(createApi(server.baseUrl));
      const stationIds = [...new Set(dishes.map((dish) => dish.stationId))];
      return {
        dishes,
        modifierOptionIds: [], // the baseline knows no modifiers
        tableIds: Array.from({ length: options.tables }, () => randomUUID()),
        clientTokens: Array.from({ length: options.clients }, () => anyAuth.token),
        kitchenScreens: roundRobinScreens(options.kitchens, stationIds, () => anyAuth),
        crowdAuth: () => anyAuth,
        screensFilterByStation: false,
        adminToken: null,
      };
    },
    templateOrder: async (server, restaurant) => {
      const api = createApi(server.baseUrl);
      return (
        await api.must<{ id: string }>(201, 'POST', '/api/v1/orders', undefined, orderBody(restaurant).body)
      ).id;
    },
  };
}

async function menuDishes(api: Api): Promise<Restaurant['dishes']> {
  const menu = await api.must<{ categories: Array<{ dishes: Array<{ id: string; stationId: string }> }> }>(
    200,
    'GET',
    '/api/v1/menu',
  );
  return menu.categories.flatMap((category) =>
    category.dishes.map(({ id, stationId }) => ({ id, stationId })),
  );
}
