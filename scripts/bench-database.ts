/** The bench's databases: fresh ones for each server, and SQL through the service's own drivers (sqlite3, pg). */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { say } from './bench-lib';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const SQLITE_BUSY_TIMEOUT_MS = 5_000; // as the service's

export interface BenchDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  /** Deletes the database; a second call does nothing. */
  drop(): Promise<void>;
}

/** A fresh database: a file in a new temp folder, or `pos_bench_<random>` on the given PostgreSQL server. */
export async function createDatabase(server: string | null): Promise<BenchDatabase> {
  if (!server) {
    const folder = mkdtempSync(join(os.tmpdir(), 'pos-bench-'));
    const drop = () => {
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    };
    return { kind: 'sqlite', url: `sqlite:${join(folder, 'pos.sqlite')}`, drop };
  }
  const url = new URL(server);
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error('--database must be a postgres:// URL');
  if (!LOOPBACK_NAMES.includes(url.hostname)) throw new Error('--database must be on 127.0.0.1');
  const name = `pos_bench_${randomBytes(4).toString('hex')}`;
  const maintenance = async (statement: string) => {
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const sql = await openSql(admin.toString(), { poolSize: 1 });
    try {
      await sql.query(statement);
    } finally {
      await sql.close();
    }
  };
  await maintenance(`CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: () => maintenance(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export type Row = Record<string, unknown>;
export type Query = <T extends Row = Row>(statement: string, params?: unknown[]) => Promise<T[]>;

/** SQL through the service's drivers (sqlite3, pg); statements use `?` placeholders on both. */
export interface Sql {
  query: Query;
  /** Runs `work` in one transaction: on SQLite transactions queue for the one connection, on PostgreSQL a pool. */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SqlOptions {
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** SQLite `PRAGMA synchronous`: FULL is SQLite's default and so the service's. */
  synchronous?: string;
}

export function openSql(url: string, options: SqlOptions = {}): Promise<Sql> {
  return url.startsWith('sqlite:')
    ? openSqlite(url.slice('sqlite:'.length), options)
    : openPostgres(url, options);
}

async function openSqlite(path: string, options: SqlOptions): Promise<Sql> {
  // Loaded on demand, so that a server on one database does not carry the other's driver in its memory.
  const { Database } = await import('sqlite3');
  const db = await new Promise<InstanceType<typeof Database>>((done, fail) => {
    const opened = new Database(path, (error) => (error ? fail(error) : done(opened)));
  });
  const query: Query = (statement, params = []) =>
    new Promise((done, fail) =>
      db.all(statement, params, (error, rows) => (error ? fail(error) : done(rows as never))),
    );
  // As the service runs SQLite: WAL, foreign keys on, a busy timeout.
  await query('PRAGMA journal_mode = WAL');
  await query(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`);
  await query('PRAGMA foreign_keys = ON');
  await query(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // One connection: a transaction must not interleave with another one's statements, so they wait in line.
  let queue: Promise<unknown> = Promise.resolve();
  const transaction = <T>(work: (q: Query) => Promise<T>): Promise<T> => {
    const run = queue.then(() => inTransaction(query, 'BEGIN IMMEDIATE', work));
    queue = run.catch(() => undefined);
    return run;
  };
  const close = () => new Promise<void>((done, fail) => db.close((error) => (error ? fail(error) : done())));
  return { query, transaction, close };
}

async function openPostgres(url: string, options: SqlOptions): Promise<Sql> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection that the server ends (a dropped database) must not crash the process; queries still fail.
  pool.on('error', (error) => say(`PostgreSQL: ${error.message}`));
  const numbered = (statement: string) => {
    let n = 0;
    return statement.replace(/\?/g, () => `$${++n}`);
  };
  const query: Query = async (statement, params = []) =>
    (await pool.query(numbered(statement), params)).rows as never;
  const transaction = async <T>(work: (q: Query) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      const clientQuery: Query = async (statement, params = []) =>
        (await client.query(numbered(statement), params)).rows as never;
      return await inTransaction(clientQuery, 'BEGIN', work);
    } finally {
      client.release();
    }
  };
  return { query, transaction, close: () => pool.end() };
}

async function inTransaction<T>(query: Query, begin: string, work: (q: Query) => Promise<T>): Promise<T> {
  await query(begin);
  try {
    const result = await work(query);
    await query('COMMIT');
    return result;
  } catch (error) {
    await query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** `INSERT INTO table (columns) VALUES (...), (...)` for rows of the same columns; answers the statement and params. */
export function insertRows(table: string, rows: Row[]): [string, unknown[]] {
  const columns = Object.keys(rows[0]);
  const names = columns.map((column) => `"${column}"`).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statement = `INSERT INTO ${table} (${names}) VALUES ${rows.map(() => tuple).join(', ')}`;
  return [statement, rows.flatMap((row) => columns.map((column) => row[column]))];
}
