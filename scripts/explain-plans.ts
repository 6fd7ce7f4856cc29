/**
 * Query-plan audit: fills a database with N orders (3 items, 4 events and, when closed, a payment each; a year of
 * history with the sessions, tokens, security events and audit rows that grow beside them), then EXPLAINs every
 * list and lookup the service runs, on SQLite and (with --database) PostgreSQL, and prints a markdown table of
 * which statements stay on an index and which scan.
 *
 *   npx ts-node --transpile-only scripts/explain-plans.ts [--database postgres://postgres@127.0.0.1:5432]
 *     [--orders 100000] [--keep]
 *
 * The statements are TypeORM's own, built from the same find options as the services in src/ (or copied from
 * their raw SQL), so they are what the service sends. The data comes from a seeded generator, so both databases
 * hold the same rows. The SQLite file lives in a temp folder; on PostgreSQL the database is
 * `explain_audit_<pid>`. Both are deleted at the end unless --keep.
 *
 * The data: explain-database.ts, explain-generator.ts, explain-history.ts, explain-fill.ts. The statements:
 * explain-sql.ts, explain-order-statements.ts, explain-platform-statements.ts, explain-back-office-statements.ts.
 * Reading the plans: explain-verdicts.ts. This file: the command line and the report.
 */
import 'reflect-metadata';
import { AuditDb, openPostgres, openSqlite, say } from './explain-database';
import { fill } from './explain-fill';
import { EVENTS_PER_ORDER, ITEMS_PER_ORDER, Samples } from './explain-generator';
import { auditCases, backOfficeCases } from './explain-back-office-statements';
import { kitchenCases, orderCases, paymentCases } from './explain-order-statements';
import { authCases, eventCases, idempotencyCases, otherCases } from './explain-platform-statements';
import { QueryCase, SqlBuilder } from './explain-sql';
import { explainPostgres, explainSqlite, PlanResult, timed, Verdict, worst } from './explain-verdicts';

// ---------------------------------------------------------------- options

interface Options {
  database: string | null;
  orders: number;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { database: null, orders: 100_000, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--database') options.database = argv[++i];
    else if (arg === '--orders') options.orders = Number(argv[++i]);
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.orders) || options.orders < 100) throw new Error('--orders: at least 100');
  return options;
}

/** Every statement the audit explains, in the report's order. */
function allCases(): QueryCase[] {
  return [
    ...orderCases(),
    ...kitchenCases(),
    ...paymentCases(),
    ...eventCases(),
    ...idempotencyCases(),
    ...authCases(),
    ...otherCases(),
    ...auditCases(),
    ...backOfficeCases(),
  ];
}

// ---------------------------------------------------------------- report

interface Line {
  name: string;
  source: string;
  sqlite: PlanResult;
  postgres: PlanResult | null;
}

async function explainAll(db: AuditDb, samples: Samples): Promise<Map<string, PlanResult>> {
  const builder = new SqlBuilder(db.ds, db.kind);
  const results = new Map<string, PlanResult>();
  for (const query of allCases()) {
    const statement = query.build(builder, samples);
    const plan =
      db.kind === 'sqlite'
        ? await explainSqlite(db.ds, statement, query.write ?? false)
        : await explainPostgres(db.ds, statement);
    results.set(query.name, plan);
  }
  return results;
}

function verdictOf(line: Line): string {
  const verdicts = [line.sqlite.verdict, ...(line.postgres ? [line.postgres.verdict] : [])];
  const label: Record<Verdict, string> = {
    'small table': 'ok (small table)',
    index: 'ok: index',
    grows: '**grows**: index, but reads many rows',
    'FULL SCAN': '**FULL SCAN**',
  };
  const split =
    new Set(verdicts).size > 1 ? ` (SQLite: ${line.sqlite.verdict}, PG: ${line.postgres?.verdict})` : '';
  return label[worst(verdicts)] + split;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function printTable(lines: Line[], options: Options): void {
  const out: string[] = [
    `Query plans at ${options.orders} orders (${ITEMS_PER_ORDER} items, ${EVENTS_PER_ORDER} events each)`,
    '',
    '| query | SQLite plan | PostgreSQL plan (time) | verdict |',
    '| --- | --- | --- | --- |',
  ];
  for (const line of lines) {
    const pg = line.postgres ? cell(line.postgres.summary) : 'not run (no --database)';
    out.push(
      `| ${cell(line.name)} <br>_${cell(line.source)}_ | ${cell(line.sqlite.summary)} | ${pg} | ${verdictOf(line)} |`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

async function audit(db: AuditDb, options: Options): Promise<Map<string, PlanResult>> {
  say(`${db.kind}: filling ${options.orders} orders`);
  const { value: samples, ms } = await timed(() => fill(db, options.orders));
  say(`${db.kind}: filled in ${(ms / 1000).toFixed(1)} s; explaining`);
  return explainAll(db, samples);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const sqlite = await openSqlite(options.keep);
  const sqlitePlans = await audit(sqlite, options).finally(() => sqlite.drop());
  let pgPlans: Map<string, PlanResult> | null = null;
  if (options.database) {
    const postgres = await openPostgres(options.database, options.keep);
    pgPlans = await audit(postgres, options).finally(() => postgres.drop());
  }
  const lines = allCases().map((query) => ({
    name: query.name,
    source: query.source,
    sqlite: sqlitePlans.get(query.name)!,
    postgres: pgPlans?.get(query.name) ?? null,
  }));
  printTable(lines, options);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `explain: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
