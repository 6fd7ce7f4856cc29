/**
 * Growth for `npm run bench -- --prefill N`: N orders (3 items each, with their events) in a server's database
 * before the scenarios.
 *
 * They are written straight through the driver, because posting them would take minutes on a slow build. All but
 * the first are clones of that first, template order that the server itself wrote (the service also served, paid and closed it over its
 * API), so the rows hold exactly what the server writes, whatever its current schema: the order row, every row of
 * the child tables that names it, and every event whose data names it, with fresh ids, the next ticket numbers of
 * the same business day and the next seqs. The counter rows move with them, so seqs stay gap-free and numbers
 * unique. Run it while the server is stopped: a running one would push the new events to its sockets.
 */
import { randomUUID } from 'node:crypto';
import { insertRows, openSql, Query, Row } from './bench-database';

export interface OrderTables {
  /** Tables whose rows belong to an order, by the column that names it. */
  children: Array<{ table: string; orderColumn: string }>;
  /** The one-row counter (id 1) of event seqs. */
  seqCounter: { table: string; column: string };
  /** The per-business-day counter of ticket numbers (orders.number), when the server numbers its orders. */
  ticketCounter?: { table: string; dayColumn: string; column: string };
}

/** The service's tables (migrations/): both servers also have `orders (id)` and `events (seq, data)`. */
export const SERVICE_TABLES: OrderTables = {
  children: [
    { table: 'order_items', orderColumn: 'order_id' },
    { table: 'payments', orderColumn: 'order_id' },
  ],
  seqCounter: { table: 'event_sequence', column: 'last_seq' },
  ticketCounter: { table: 'order_numbers', dayColumn: 'business_day', column: 'last_number' },
};

export const BARE_TABLES: OrderTables = {
  children: [{ table: 'order_items', orderColumn: 'order_id' }],
  seqCounter: { table: 'seq_counter', column: 'last' },
};

const ORDERS_PER_TRANSACTION = 500;
const PARAMS_PER_STATEMENT = 30_000; // under SQLite's 32,766 and PostgreSQL's 65,535

interface Template {
  order: Row;
  children: Array<{ table: string; rows: Row[] }>;
  events: Row[];
  /** Every id among the template's rows: each clone gets fresh ones wherever they appear. */
  ids: string[];
}

export async function prefillOrders(
  databaseUrl: string,
  tables: OrderTables,
  templateOrderId: string,
  count: number,
): Promise<void> {
  const sql = await openSql(databaseUrl, { poolSize: 1 });
  try {
    const template = await readTemplate(sql.query, tables, templateOrderId);
    for (let written = 0; written < count; written += ORDERS_PER_TRANSACTION) {
      const batch = Math.min(ORDERS_PER_TRANSACTION, count - written);
      await sql.transaction((query) => insertClones(query, tables, template, batch));
    }
    // A restaurant's history was written over months, with the database's upkeep done meanwhile; without this,
    // PostgreSQL's autovacuum works through the fresh rows during the measurement.
    await sql.query(databaseUrl.startsWith('postgres') ? 'VACUUM ANALYZE' : 'ANALYZE');
  } finally {
    await sql.close();
  }
}

async function readTemplate(query: Query, tables: OrderTables, orderId: string): Promise<Template> {
  const [order] = await query('SELECT * FROM orders WHERE id = ?', [orderId]);
  if (!order) throw new Error(`prefill: no template order ${orderId}`);
  const children = await Promise.all(
    tables.children.map(async ({ table, orderColumn }) => ({
      table,
      rows: await query(`SELECT * FROM ${table} WHERE ${orderColumn} = ?`, [orderId]),
    })),
  );
  const events = await query('SELECT * FROM events WHERE data LIKE ? ORDER BY seq', [`%${orderId}%`]);
  const ids = [order, ...children.flatMap((child) => child.rows)].map((row) => String(row.id));
  return { order, children, events, ids };
}

/** Writes `count` clones of the template and moves the counters past them, in the caller's transaction. */
async function insertClones(query: Query, tables: OrderTables, template: Template, count: number) {
  const counters = await readCounters(query, tables, template.order);
  const clones = cloneRows(template, count, counters);
  for (const [table, rows] of clones) await insertInChunks(query, table, rows);
  await writeCounters(query, tables, counters);
}

/** The last seq issued and, when orders are numbered, the template's business day and its last ticket number. */
interface Counters {
  seq: number;
  ticket: { day: unknown; number: number } | null;
}

async function readCounters(query: Query, tables: OrderTables, order: Row): Promise<Counters> {
  const { seqCounter, ticketCounter } = tables;
  const [{ last }] = await query(`SELECT ${seqCounter.column} AS last FROM ${seqCounter.table} WHERE id = 1`);
  if (!ticketCounter) return { seq: Number(last), ticket: null };
  const day = order[ticketCounter.dayColumn];
  const [ticket] = await query(
    `SELECT ${ticketCounter.column} AS last FROM ${ticketCounter.table} WHERE ${ticketCounter.dayColumn} = ?`,
    [day],
  );
  return { seq: Number(last), ticket: { day, number: Number(ticket.last) } };
}

async function writeCounters(query: Query, tables: OrderTables, counters: Counters): Promise<void> {
  const { seqCounter, ticketCounter } = tables;
  await query(`UPDATE ${seqCounter.table} SET ${seqCounter.column} = ? WHERE id = 1`, [counters.seq]);
  if (ticketCounter && counters.ticket) {
    await query(
      `UPDATE ${ticketCounter.table} SET ${ticketCounter.column} = ? WHERE ${ticketCounter.dayColumn} = ?`,
      [counters.ticket.number, counters.ticket.day],
    );
  }
}

/** The rows of `count` clones by table (parents first), taking the next seqs and ticket numbers from `counters`. */
function cloneRows(template: Template, count: number, counters: Counters): Map<string, Row[]> {
  const rows = new Map<string, Row[]>([
    ['orders', []],
    ...template.children.map(({ table }) => [table, []] as [string, Row[]]),
    ['events', []],
  ]);
  const add = (table: string, ...added: Row[]) => rows.get(table)!.push(...added);
  for (let i = 0; i < count; i++) {
    const rename = renamer(template.ids);
    const order = rename(template.order);
    if (counters.ticket) order.number = ++counters.ticket.number;
    add('orders', order);
    for (const child of template.children) add(child.table, ...child.rows.map(rename));
    add('events', ...template.events.map((event) => ({ ...rename(event), seq: ++counters.seq })));
  }
  return rows;
}

/** A function that copies a row, giving each of `ids` one fresh id wherever it appears in a text value. */
function renamer(ids: string[]): (row: Row) => Row {
  const fresh = ids.map((id) => [id, randomUUID()] as const);
  const rename = (value: unknown) =>
    typeof value === 'string' ? fresh.reduce((text, [from, to]) => text.split(from).join(to), value) : value;
  return (row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, rename(value)]));
}

async function insertInChunks(query: Query, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / Object.keys(rows[0]).length));
  for (let start = 0; start < rows.length; start += perStatement) {
    await query(...insertRows(table, rows.slice(start, start + perStatement)));
  }
}
