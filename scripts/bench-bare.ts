/**
 * The bare baseline of `npm run bench`: the least a server can do for the benchmark's requests, with node:http,
 * socket.io and the service's database driver only (no framework, no auth, no validation), so that the service's
 * figures can be read as a multiple of it. The harness starts its compiled copy as a child process with PORT,
 * DATABASE_URL (`sqlite:<file>` or `postgres://...`, a database of its own) and BENCH_SQLITE_SYNCHRONOUS.
 *
 *   POST /api/v1/orders   one transaction: the order, its items, an event with a gap-free seq; then io.emit; 201
 *   GET  /api/v1/menu     a pre-serialised menu with an ETag; If-None-Match → 304
 *   GET  /health          200
 */
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { Server as SocketServer } from 'socket.io';
import { insertRows, openSql, Query, Sql } from './bench-database';
import { DISH_PRICE, DISHES_PER_STATION, STATIONS } from './bench-lib';

/** One dialect for both databases (SQLite accepts PostgreSQL's type names); kept when the server restarts. */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS orders (id varchar(36) PRIMARY KEY, type varchar(16) NOT NULL, table_id varchar(36),
     guests integer, status varchar(16) NOT NULL, total integer NOT NULL, created_at timestamptz NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS order_items (id varchar(36) PRIMARY KEY,
     order_id varchar(36) NOT NULL REFERENCES orders (id) ON DELETE CASCADE, position integer NOT NULL,
     dish_id varchar(36) NOT NULL, quantity integer NOT NULL, unit_price integer NOT NULL,
     created_at timestamptz NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS order_items_order_id ON order_items (order_id)',
  `CREATE TABLE IF NOT EXISTS events (seq bigint PRIMARY KEY, type varchar(64) NOT NULL,
     occurred_at timestamptz NOT NULL, data text NOT NULL)`,
  'CREATE TABLE IF NOT EXISTS seq_counter (id integer PRIMARY KEY, last bigint NOT NULL)',
  'INSERT INTO seq_counter (id, last) VALUES (1, 0) ON CONFLICT (id) DO NOTHING',
];

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

interface OrderInput {
  type?: string;
  tableId?: string;
  guests?: number;
  items?: Array<{ dishId?: string; quantity?: number }>;
}

interface Menu {
  body: Buffer;
  etag: string;
}

/** A menu shaped and sized like the service's seeded one (API.md "Menu"): one category, 3 stations × 4 dishes. */
function buildMenu(): Menu {
  const dishes = STATIONS.flatMap((station) => {
    const stationId = randomUUID();
    return Array.from({ length: DISHES_PER_STATION }, (_, i) => ({
      id: randomUUID(),
      name: `${station} dish ${i + 1}`,
      description: '',
      allergens: [],
      prepMinutes: 10,
      stationId,
      variations: [{ id: randomUUID(), name: 'Regular', price: DISH_PRICE, sortOrder: 0 }],
    }));
  });
  const menu = { categories: [{ id: randomUUID(), name: 'Mains', sortOrder: 0, dishes }] };
  const body = Buffer.from(JSON.stringify(menu));
  return { body, etag: `"${createHash('sha256').update(body).digest('hex')}"` };
}

type Order = ReturnType<typeof newOrder>;

function newOrder(input: OrderInput) {
  const items = (input.items ?? []).map((item, position) => ({
    id: randomUUID(),
    dishId: item.dishId ?? null,
    quantity: item.quantity ?? 1,
    unitPrice: DISH_PRICE,
    position,
  }));
  return {
    id: randomUUID(),
    type: input.type ?? 'dine_in',
    tableId: input.tableId ?? null,
    guests: input.guests ?? null,
    status: 'open',
    items,
    total: items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0),
    createdAt: new Date().toISOString(),
  };
}

/** Inserts the order, its items and its event in one transaction; answers the event's seq. */
function storeOrder(sql: Sql, order: Order): Promise<number> {
  return sql.transaction(async (query: Query) => {
    await query(...insertRows('orders', [orderRow(order)]));
    await query(...insertRows('order_items', itemRows(order)));
    // The counter row's lock (PostgreSQL) or the one writer (SQLite) keeps seqs gap-free and in commit order;
    // taken last, as any careful writer would, so the lock is held only for the event's insert and the commit.
    const [{ last }] = await query<{ last: string | number }>(
      'UPDATE seq_counter SET last = last + 1 WHERE id = 1 RETURNING last',
    );
    const seq = Number(last);
    const event = { seq, type: 'order.created', occurred_at: order.createdAt, data: JSON.stringify(order) };
    await query(...insertRows('events', [event]));
    return seq;
  });
}

const orderRow = (order: Order) => ({
  id: order.id,
  type: order.type,
  table_id: order.tableId,
  guests: order.guests,
  status: order.status,
  total: order.total,
  created_at: order.createdAt,
});

const itemRows = (order: Order) =>
  order.items.map((item) => ({
    id: item.id,
    order_id: order.id,
    position: item.position,
    dish_id: item.dishId,
    quantity: item.quantity,
    unit_price: item.unitPrice,
    created_at: order.createdAt,
  }));

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    request.on('error', fail);
  });
}

function reply(response: http.ServerResponse, status: number, body?: string | Buffer, headers: object = {}) {
  response.writeHead(status, { ...(body === undefined ? {} : JSON_HEADERS), ...headers });
  response.end(body);
}

async function main(): Promise<void> {
  const sql = await openSql(process.env.DATABASE_URL ?? '', {
    poolSize: 10, // as the service's pool
    synchronous: process.env.BENCH_SQLITE_SYNCHRONOUS,
  });
  for (const statement of SCHEMA) await sql.query(statement);
  const menu = buildMenu();

  const server = http.createServer();
  const io = new SocketServer(server, { serveClient: false }); // any auth is welcome

  const createOrder = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    let input: OrderInput;
    try {
      input = JSON.parse(await readBody(request)) as OrderInput;
    } catch {
      return reply(response, 400, '{"error":{"code":"BAD_REQUEST"}}');
    }
    const order = newOrder(input);
    const seq = await storeOrder(sql, order);
    io.emit('order.created', { seq, type: 'order.created', occurredAt: order.createdAt, data: order });
    reply(response, 201, JSON.stringify(order));
  };

  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const route = `${request.method} ${request.url?.split('?')[0]}`;
    if (route === 'POST /api/v1/orders') {
      createOrder(request, response).catch((error: unknown) => {
        process.stderr.write(`POST /api/v1/orders: ${String(error)}\n`);
        reply(response, 500, '{"error":{"code":"INTERNAL"}}');
      });
    } else if (route === 'GET /api/v1/menu') {
      const fresh = request.headers['if-none-match'] === menu.etag;
      reply(response, fresh ? 304 : 200, fresh ? undefined : menu.body, { ETag: menu.etag });
    } else if (route === 'GET /health') {
      reply(response, 200, '{"status":"ok"}');
    } else {
      reply(response, 404, '{"error":{"code":"NOT_FOUND"}}');
    }
  });

  process.once('SIGTERM', () => {
    void io.close(); // closes the HTTP server too
    void sql.close().finally(() => process.exit(0));
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-bare failed: ${String(error)}\n`);
  process.exit(1);
});
