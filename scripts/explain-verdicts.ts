/** EXPLAIN on SQLite and PostgreSQL, and a verdict on each plan (scripts/explain-plans.ts). */
import { DataSource } from 'typeorm';
import { Statement } from './explain-sql';

/** Tables that grow with orders or time: a scan of one of them is a finding; of the others, it is fine. */
const GROWING = new Set([
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
]);

/** A statement that reads more rows than this through an index still grows with history. */
const MANY_ROWS = 1_000;

export type Verdict = 'index' | 'grows' | 'FULL SCAN' | 'small table';

export interface PlanResult {
  summary: string;
  verdict: Verdict;
  ms: number;
}

/** Table names behind TypeORM's aliases (the entity names) and the stats query's `o`. */
function aliasTables(ds: DataSource): Map<string, string> {
  const map = new Map(ds.entityMetadatas.map((m) => [m.name, m.tableName]));
  for (const m of ds.entityMetadatas) map.set(m.tableName, m.tableName);
  map.set('o', 'orders');
  return map;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Runs `work` in a transaction that is always rolled back: writes and locks leave nothing behind. */
async function rolledBack<T>(
  ds: DataSource,
  work: (run: (sql: string, params: unknown[]) => Promise<unknown>) => Promise<T>,
) {
  const runner = ds.createQueryRunner();
  await runner.startTransaction();
  try {
    return await work((sql, params) => runner.query(sql, params) as Promise<unknown>);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

export async function explainSqlite(
  ds: DataSource,
  statement: Statement,
  write: boolean,
): Promise<PlanResult> {
  const plan = await ds.query<Array<{ detail: string }>>(
    `EXPLAIN QUERY PLAN ${statement.sql}`,
    statement.params,
  );
  const run = () =>
    write
      ? rolledBack(ds, (exec) => exec(statement.sql, statement.params))
      : ds.query(statement.sql, statement.params);
  // The best of three warm runs: the plan's cost, not a page-in or a garbage collection.
  await run();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push((await timed(run)).ms);
  const ms = Math.min(...times);
  const details = plan.map((row) => row.detail);
  const shown = details.length ? details.join('; ') : 'no read (INSERT … ON CONFLICT on the unique key)';
  const verdict = worst(
    details.map((detail) => sqliteStepVerdict(ds, detail, /\bLIMIT\b/.test(statement.sql))),
  );
  return { summary: `${shown} · ${ms.toFixed(2)} ms`, verdict, ms };
}

/**
 * One step of SQLite's plan: SEARCH is an index lookup or range; SCAN … USING INDEX walks a whole index, which a
 * LIMIT may stop early (SQLite then sorts only ties, "FOR LAST TERM / RIGHT PART OF ORDER BY"); SCAN alone reads
 * the whole table.
 */
function sqliteStepVerdict(ds: DataSource, detail: string, limited: boolean): Verdict | null {
  const step = /^(SEARCH|SCAN) (\S+)(?: EXISTS)?(?: USING (?:COVERING )?INDEX (\S+))?/.exec(detail);
  if (!step || step[2] === 'CONSTANT' || step[2] === 'dummy_table') return null;
  const table = aliasTables(ds).get(step[2]) ?? step[2];
  if (!GROWING.has(table)) return step[1] === 'SEARCH' ? 'index' : 'small table';
  if (step[1] === 'SEARCH') return 'index';
  if (!step[3]) return 'FULL SCAN';
  return limited ? 'index' : 'grows';
}

const RANK: Record<Verdict, number> = { 'small table': 0, index: 1, grows: 2, 'FULL SCAN': 3 };

export function worst(verdicts: Array<Verdict | null>): Verdict {
  const known = verdicts.filter((v): v is Verdict => v !== null);
  return known.length ? known.reduce((a, b) => (RANK[b] > RANK[a] ? b : a)) : 'index';
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Sort Method'?: string;
  'Full-sort Groups'?: { 'Sort Methods Used': string[] };
  'Conflict Arbiter Indexes'?: string[];
  Plans?: PgNode[];
}

interface PgPlan {
  Plan: PgNode;
  'Execution Time': number;
}

export async function explainPostgres(ds: DataSource, statement: Statement): Promise<PlanResult> {
  const explain = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`;
  const run = () =>
    rolledBack(
      ds,
      async (exec) => (await exec(explain, statement.params)) as Array<{ 'QUERY PLAN': PgPlan[] }>,
    );
  await run(); // warm
  const [
    {
      'QUERY PLAN': [plan],
    },
  ] = await run();
  const nodes = flatten(plan.Plan);
  const ms = plan['Execution Time'];
  const parts = nodes.map(describePgNode).filter((part): part is string => part !== null);
  return { summary: `${parts.join('; ')} · ${ms.toFixed(2)} ms`, verdict: pgVerdict(nodes), ms };
}

function flatten(node: PgNode): PgNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

const SCAN_NODES = /Scan$/;

/** Rows a scan node went through: what it returned on every loop plus what its filters threw away. */
function rowsRead(node: PgNode): number {
  const removed = (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
  return (node['Actual Rows'] + removed) * node['Actual Loops'];
}

function describePgNode(node: PgNode): string | null {
  const type = node['Node Type'];
  if (type === 'Sort' || type === 'Incremental Sort') {
    return `${type} (${node['Sort Method'] ?? node['Full-sort Groups']?.['Sort Methods Used'].join(', ')})`;
  }
  const arbiters = node['Conflict Arbiter Indexes'];
  if (arbiters) return `INSERT … ON CONFLICT via ${arbiters.join(', ')}`;
  if (['Aggregate', 'Limit', 'Result', 'ModifyTable', 'CTE Scan'].includes(type)) return null;
  if (!SCAN_NODES.test(type)) return type;
  const target = node['Index Name'] ?? node['Relation Name'] ?? '';
  const on = node['Index Name'] && node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  return `${type} ${target}${on} (${rowsRead(node)} rows read)`;
}

function pgVerdict(nodes: PgNode[]): Verdict {
  const scans = nodes.filter((n) => SCAN_NODES.test(n['Node Type']) && n['Relation Name']);
  return worst(
    scans.map((node) => {
      if (!GROWING.has(node['Relation Name']!))
        return node['Node Type'] === 'Seq Scan' ? 'small table' : 'index';
      if (node['Node Type'] === 'Seq Scan') return 'FULL SCAN';
      return rowsRead(node) > MANY_ROWS ? 'grows' : 'index';
    }),
  );
}
