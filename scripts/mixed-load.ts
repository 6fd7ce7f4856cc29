/**
 * The mixed load (issue 35, "Done when"): clients that open orders, change their items, cancel, pay (cash, card),
 * close, refund and merge, all at a few shared tables whose dishes have counted stock, so that their transactions
 * meet on the same tables, orders, payments and stock rows. The service is built and started as `npm run bench`
 * starts it (production mode), on a fresh database. Prints the requests by status class and operation, the units of
 * work the service retried (its /metrics), and every 5xx with its body; exits 1 on any 5xx, 2 when it failed.
 *
 *   npm run mixed-load -- --database postgres://postgres@127.0.0.1:5432 --clients 8 --seconds 60
 */
import { randomInt, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createApi, Reply } from './bench-http';
import { runCleanups, say } from './bench-lib';
import { buildApp } from './bench-servers';
import { createTarget, oneServiceOptions, Restaurant } from './bench-targets';

const USAGE = `Usage: npm run mixed-load -- [options]
  --database URL   postgres://user@127.0.0.1:5432 (a database pos_bench_<random> is made and dropped); default SQLite
  --clients N      clients, each a waiter sending one request at a time (8)
  --seconds N      how long they send (60)
  --tables N       the shared tables (3)
  --stock N        the counted stock of every dish at the start (100000)`;

interface OrderSeen {
  id: string;
  total: number;
  paid: number;
  items: Array<{ id: string }>;
}

interface Options {
  database: string | null;
  clients: number;
  seconds: number;
  tables: number;
  stock: number;
}

type Operation = 'open' | 'add' | 'edit' | 'cancel' | 'pay' | 'close' | 'refund' | 'merge';

/** How often each operation is picked, of the sum. */
const WEIGHTS: Record<Operation, number> = {
  open: 4,
  add: 3,
  edit: 2,
  cancel: 2,
  pay: 3,
  close: 2,
  refund: 1,
  merge: 1,
};

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      clients: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '60' },
      tables: { type: 'string', default: '3' },
      stock: { type: 'string', default: '100000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const number = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number from 1`);
    return value;
  };
  return {
    database: values.database ?? null,
    clients: number('clients', values.clients),
    seconds: number('seconds', values.seconds),
    tables: number('tables', values.tables),
    stock: number('stock', values.stock),
  };
}

const pick = <T>(items: T[]): T | undefined =>
  items.length > 0 ? items[randomInt(items.length)] : undefined;

/** What the clients know and counted: the live orders, the payments taken, the replies by class and operation. */
class Load {
  readonly orders = new Map<string, OrderSeen>();
  readonly payments: Array<{ id: string; left: number }> = [];
  readonly classes = new Map<string, number>();
  readonly byOperation = new Map<string, number>();
  readonly serverErrors: string[] = [];

  constructor(
    readonly api: ReturnType<typeof createApi>,
    readonly restaurant: Restaurant,
    readonly methods: { cash: string; card: string },
    readonly stocked: string[],
  ) {}

  count(operation: Operation, method: string, path: string, reply: Reply): void {
    const statusClass = `${Math.floor(reply.status / 100)}xx`;
    this.classes.set(statusClass, (this.classes.get(statusClass) ?? 0) + 1);
    const key = `${operation} ${reply.status}`;
    this.byOperation.set(key, (this.byOperation.get(key) ?? 0) + 1);
    if (reply.status >= 500) {
      this.serverErrors.push(`${method} ${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
    }
  }

  seen(reply: Reply): void {
    if (reply.status >= 300) return;
    const order = reply.body as OrderSeen & { status: string };
    if (['cancelled', 'closed'].includes(order.status)) this.orders.delete(order.id);
    else this.orders.set(order.id, order);
  }

  lines(): Array<{ dishId: string; quantity: number }> {
    return Array.from({ length: 1 + randomInt(2) }, () => ({
      dishId: pick(this.stocked)!,
      quantity: 1 + randomInt(2),
    }));
  }
}

/** One request of `operation` on what the load knows; answers false when there is nothing to do it on yet. */
async function act(load: Load, token: string, operation: Operation): Promise<boolean> {
  const { api, restaurant } = load;
  const admin = restaurant.adminToken!;
  const order = pick([...load.orders.values()]);
  const send = async (as: string, method: string, path: string, body?: unknown, key = false) => {
    const reply = await api.call(method, path, as, body, key ? { 'Idempotency-Key': randomUUID() } : {});
    load.count(operation, method, path, reply);
    return reply;
  };
  switch (operation) {
    case 'open': {
      const body = { type: 'dine_in', tableId: pick(restaurant.tableIds), guests: 2, items: load.lines() };
      load.seen(await send(token, 'POST', '/api/v1/orders', body, true));
      return true;
    }
    case 'add':
      if (!order) return false;
      load.seen(await send(token, 'POST', `/api/v1/orders/${order.id}/items`, { items: load.lines() }));
      return true;
    case 'edit': {
      const item = pick(order?.items ?? []);
      if (!order || !item) return false;
      const path = `/api/v1/orders/${order.id}/items/${item.id}`;
      load.seen(await send(token, 'PATCH', path, { quantity: 1 + randomInt(3) }));
      return true;
    }
    case 'cancel':
      if (!order) return false;
      load.seen(
        await send(admin, 'PATCH', `/api/v1/orders/${order.id}/status`, {
          status: 'cancelled',
          reason: 'left',
        }),
      );
      return true;
    case 'pay': {
      if (!order || order.total <= order.paid) return false;
      const methodId = randomInt(2) === 0 ? load.methods.cash : load.methods.card;
      const body = { methodId, amount: order.total - order.paid };
      const reply = await send(token, 'POST', `/api/v1/orders/${order.id}/payments`, body, true);
      if (reply.status === 201) {
        load.payments.push({ id: (reply.body as { id: string }).id, left: body.amount });
        order.paid = order.total;
      }
      return true;
    }
    case 'close':
      if (!order || order.total > order.paid) return false;
      load.seen(await send(token, 'PATCH', `/api/v1/orders/${order.id}/status`, { status: 'closed' }));
      return true;
    case 'refund': {
      const payment = pick(load.payments.filter((each) => each.left > 0));
      if (!payment) return false;
      const amount = Math.min(payment.left, 100);
      const path = `/api/v1/payments/${payment.id}/refund`;
      const reply = await send(admin, 'POST', path, { amount, reason: 'mixed load' }, true);
      if (reply.status === 201) payment.left -= amount;
      return true;
    }
    case 'merge': {
      const from = pick([...load.orders.values()].filter((each) => each.id !== order?.id));
      if (!order || !from) return false;
      const reply = await send(token, 'POST', `/api/v1/orders/${order.id}/merge`, {
        fromOrderIds: [from.id],
      });
      if (reply.status < 300) {
        load.orders.delete(from.id);
        for (const view of (reply.body as { orders: Array<OrderSeen & { status: string }> }).orders) {
          load.seen({ ...reply, body: view });
        }
      }
      return true;
    }
  }
}

function pickOperation(): Operation {
  const entries = Object.entries(WEIGHTS) as Array<[Operation, number]>;
  let roll = randomInt(entries.reduce((sum, [, weight]) => sum + weight, 0));
  for (const [operation, weight] of entries) {
    roll -= weight;
    if (roll < 0) return operation;
  }
  return 'open';
}

async function prepare(options: Options): Promise<Load> {
  say('building and starting the service');
  await buildApp();
  const target = await createTarget(
    'service',
    oneServiceOptions({
      database: options.database,
      tables: options.tables,
      clients: options.clients,
      kitchens: 1,
    }),
  );
  const server = await target.start();
  const restaurant = await target.prepare(server);
  const api = createApi(server.baseUrl);
  const admin = restaurant.adminToken!;
  const stocked: string[] = [];
  for (const dish of restaurant.dishes.slice(0, 6)) {
    const { variations } = await api.must<{ variations: Array<{ id: string }> }>(
      200,
      'GET',
      `/api/v1/dishes/${dish.id}`,
      admin,
    );
    const path = `/api/v1/dishes/${dish.id}/variations/${variations[0].id}/stock`;
    await api.must(200, 'PATCH', path, admin, { count: options.stock });
    stocked.push(dish.id);
  }
  const active = await api.must<{ items: Array<{ id: string; kind: string }> }>(
    200,
    'GET',
    '/api/v1/payment-methods/active',
    admin,
  );
  const method = (kind: string) => active.items.find((each) => each.kind === kind)!.id;
  return new Load(api, restaurant, { cash: method('cash'), card: method('card') }, stocked);
}

async function retriesTaken(load: Load): Promise<Map<string, number>> {
  const reply = await load.api.call('GET', '/metrics');
  const taken = new Map<string, number>();
  for (const match of String(reply.body).matchAll(
    /^pos_transaction_retries_total\{reason="(\w+)"\} (\d+)/gm,
  )) {
    taken.set(match[1], Number(match[2]));
  }
  return taken;
}

async function main(): Promise<number> {
  const options = parseOptions();
  const load = await prepare(options);
  say(`${options.clients} clients for ${options.seconds} s at ${options.tables} tables`);
  const deadline = Date.now() + options.seconds * 1000;
  await Promise.all(
    load.restaurant.clientTokens.map(async (token) => {
      while (Date.now() < deadline) {
        let done = false;
        while (!done) done = await act(load, token, pickOperation());
      }
    }),
  );
  const retries = await retriesTaken(load);
  const total = [...load.classes.values()].reduce((sum, n) => sum + n, 0);
  const lines = [
    `mixed load: ${options.clients} clients, ${options.seconds} s, ${options.tables} tables, ${options.database ? 'PostgreSQL' : 'SQLite'}`,
    `requests: ${total} (${Math.round(total / options.seconds)}/s)`,
    `by status class: ${[...load.classes].map(([statusClass, n]) => `${statusClass} ${n}`).join(', ')}`,
    `by operation and status: ${[...load.byOperation]
      .sort()
      .map(([key, n]) => `${key}: ${n}`)
      .join(', ')}`,
    `retries taken: ${[...retries].map(([reason, n]) => `${reason} ${n}`).join(', ') || 'none'}`,
    `5xx: ${load.serverErrors.length}`,
    ...load.serverErrors.slice(0, 50).map((error) => `  ${error}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return load.serverErrors.length > 0 ? 1 : 0;
}

main()
  .then(async (code) => {
    await runCleanups();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`mixed-load failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    await runCleanups();
    process.exit(2);
  });
