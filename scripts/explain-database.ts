/**
 * The query-plan audit's databases (scripts/explain-plans.ts): a SQLite temp file and a PostgreSQL database,
 * each set up as the service sets up its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { SnakeNamingStrategy } from '../src/database/snake-naming.strategy';
import { ENTITIES } from '../src/entities';

export const say = (line: string) => process.stderr.write(`explain: ${line}\n`);

export type Kind = 'sqlite' | 'postgres';
/** Its own per run, so that audits run side by side on one server (other worktrees, say) never drop each other's. */
const PG_DATABASE = `explain_audit_${process.pid}`;

export interface AuditDb {
  kind: Kind;
  ds: DataSource;
  drop(): Promise<void>;
}

export async function openSqlite(keep: boolean): Promise<AuditDb> {
  const folder = mkdtempSync(join(os.tmpdir(), 'explain-audit-'));
  const ds = await new DataSource({
    ...typeormCommon(),
    type: 'sqlite',
    database: join(folder, 'pos.sqlite'),
  }).initialize();
  // As the service runs it (WAL); no ANALYZE, because the service never runs one: these are its plans.
  await ds.query('PRAGMA journal_mode = WAL');
  await ds.query('PRAGMA foreign_keys = ON');
  const drop = async () => {
    await ds.destroy();
    if (keep) say(`kept ${folder}/pos.sqlite`);
    else rmSync(folder, { recursive: true, force: true });
  };
  return { kind: 'sqlite', ds, drop };
}

export async function openPostgres(server: string, keep: boolean): Promise<AuditDb> {
  const url = new URL(server);
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error('--database must be a postgres:// URL');
  url.pathname = '/postgres';
  const admin = await new DataSource({
    ...typeormCommon(),
    type: 'postgres',
    url: url.toString(),
  }).initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${PG_DATABASE}`);
  url.pathname = `/${PG_DATABASE}`;
  const ds = await new DataSource({ ...typeormCommon(), type: 'postgres', url: url.toString() }).initialize();
  const drop = async () => {
    await ds.destroy();
    if (keep) say(`kept database ${PG_DATABASE}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
    await admin.destroy();
  };
  return { kind: 'postgres', ds, drop };
}

/** The service's entities, naming and migrations (src/database/data-source-options.ts), without its logging. */
function typeormCommon() {
  return {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false as const,
  };
}
