/** Fills a query-plan audit database (scripts/explain-plans.ts): the service's migrations, then the rows. */
import { AuditDb, Kind } from './explain-database';
import { Generator, ORDERS_PER_SESSION, restaurantRows, Rows, Samples } from './explain-generator';
import { addOrder, addSession, bookkeepingRows } from './explain-history';

const ORDERS_PER_BATCH = 1_000;
const PARAMS_PER_STATEMENT = 30_000; // under SQLite's 32,766 and PostgreSQL's 65,535

/** Parents first, so foreign keys hold at every statement. */
const TABLE_ORDER = [
  'users',
  'locations',
  'tables',
  'categories',
  'stations',
  'dishes',
  'dish_variations',
  'orders',
  'order_items',
  'payments',
  'refunds',
  'events',
  'idempotency_keys',
  'auth_sessions',
  'refresh_tokens',
  'security_events',
  'audit_log',
  'time_clock_entries',
  'order_numbers',
  'login_attempts',
];

async function writeRows(db: AuditDb, rows: Rows): Promise<void> {
  const runner = db.ds.createQueryRunner();
  await runner.startTransaction();
  try {
    for (const table of TABLE_ORDER) {
      const list = rows.get(table) ?? [];
      const columns = list.length ? Object.keys(list[0]) : [];
      const perStatement = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / Math.max(1, columns.length)));
      for (let start = 0; start < list.length; start += perStatement) {
        const chunk = list.slice(start, start + perStatement);
        await runner.query(insertSql(db.kind, table, columns, chunk.length), chunk.flatMap(Object.values));
      }
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

function insertSql(kind: Kind, table: string, columns: string[], count: number): string {
  let n = 0;
  const slot = () => (kind === 'postgres' ? `$${++n}` : '?');
  const tuples = Array.from({ length: count }, () => `(${columns.map(slot).join(', ')})`);
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`;
}

/** Creates the schema with the service's migrations and fills it; answers the values the queries look up. */
export async function fill(db: AuditDb, orders: number): Promise<Samples> {
  await db.ds.runMigrations({ transaction: 'each' });
  const g = new Generator(db.kind, orders);
  await writeRows(db, restaurantRows(g));
  for (let first = 0; first < orders; first += ORDERS_PER_BATCH) {
    const rows: Rows = new Map();
    for (let i = first; i < Math.min(orders, first + ORDERS_PER_BATCH); i++) {
      addOrder(g, rows, i);
      if (i % ORDERS_PER_SESSION === 0) addSession(g, rows, i);
    }
    await writeRows(db, rows);
  }
  await writeRows(db, bookkeepingRows(g));
  await db.ds.query(`UPDATE event_sequence SET last_seq = ${g.seq} WHERE id = 1`);
  // PostgreSQL as autovacuum would leave it: statistics and a visibility map (for index-only scans).
  if (db.kind === 'postgres') await db.ds.query('VACUUM ANALYZE');
  return {
    ...(g.samples as Samples),
    waiterId: g.waiters[0],
    idleTableId: g.idle.tableId,
    idleWaiterId: g.idle.waiterId,
    stationId: g.stations[0],
    qrToken: g.tables[0].qrToken,
    lastSeq: g.seq,
    username: 'waiter1',
  };
}
