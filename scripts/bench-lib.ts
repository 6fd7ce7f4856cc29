/**
 * Plumbing shared by the bench scripts (bench.ts, the bare baseline bench-bare.ts and their helpers): the restaurant's
 * shape, fresh databases, SQL through the service's own drivers, server child processes, an HTTP client, statistics.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';

/** The repository, for the harness, which runs from scripts/ under ts-node. */
const ROOT = resolve(__dirname, '..');
const HOST = '127.0.0.1'; // all traffic stays on loopback
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const HEALTH_TIMEOUT_MS = 60_000;
const HTTP_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000; // SIGTERM, then SIGKILL
const OUTPUT_TAIL_LINES = 40;
const SQLITE_BUSY_TIMEOUT_MS = 5_000; // as the service's

/** Cleanups run once, last registered first: on success, on an error and on Ctrl-C alike. */
export const cleanups: Array<() => unknown> = [];
let cleaning: Promise<void> | null = null;
/** Runs the cleanups; a second caller (Ctrl-C during an error's cleanup, say) waits for the same run. */
export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`cleanup: ${String(error)}\n`);
      }
    }
  })();
  return cleaning;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
export const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

// ---------------------------------------------------------------- the restaurant

/** The menu both servers offer: the service's seed and the bare baseline's pre-serialised menu. */
export const STATIONS = ['Grill', 'Cold', 'Bar'];
export const DISHES_PER_STATION = 4;
export const DISH_PRICE = 1250;

// ---------------------------------------------------------------- database

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

// ---------------------------------------------------------------- server processes

/**
 * Each bench's own build of src/ and scripts/ (what `npm run build` puts in dist/): private, so that a rebuild of
 * dist/ during a bench does not pull the servers' files away, and inside node_modules/, so that the compiled
 * files resolve the project's packages and git ignores them.
 */
const BUILDS_DIR = join(ROOT, 'node_modules', '.cache');
let buildDir: string | null = null;

/** Compiles src/ and scripts/ once per bench: servers run as `npm start` runs them, not under ts-node. */
export async function buildApp(): Promise<void> {
  mkdirSync(BUILDS_DIR, { recursive: true });
  const outDir = mkdtempSync(join(BUILDS_DIR, 'pos-bench-'));
  cleanups.push(() => rmSync(outDir, { recursive: true, force: true }));
  const tsc = [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir];
  await new Promise<void>((done, fail) =>
    execFile(process.execPath, tsc, { cwd: ROOT, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      error ? fail(new Error(`the build failed:\n${tail(`${stdout}${stderr}`)}`)) : done(),
    ),
  );
  buildDir = outDir;
}

const tail = (text: string) => text.split('\n').filter(Boolean).slice(-OUTPUT_TAIL_LINES).join('\n');

/** A compiled file of this bench's build, e.g. `scripts/bench-crowd.js`. */
export function builtPath(file: string): string {
  if (!buildDir) throw new Error('buildApp() first');
  return join(buildDir, file);
}

/** Last resort if this process dies without its cleanups: never leave a child process behind. */
const children = new Set<ChildProcess>();
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** Keeps `child` on the list of processes that die with this one. */
export function adoptChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

export interface Server {
  child: ChildProcess;
  baseUrl: string;
  exited: Promise<void>;
  outputTail(): string;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().once('error', fail);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/**
 * Starts `node <build>/<entry>` on a free port (PORT), in production mode; resolves once /health answers 200.
 * BENCH_NODE_FLAGS adds flags to the server's node, e.g. `--cpu-prof --cpu-prof-dir=prof` to see where time goes.
 */
export async function startServer(entry: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, builtPath(entry)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the last lines of the server's output to explain a failed start.
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_TAIL_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  adoptChild(child);
  const server = { child, baseUrl: `http://${HOST}:${port}`, exited, outputTail: () => lines.join('\n') };
  cleanups.push(() => stopServer(server));
  await waitForHealth(server);
  return server;
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Stops the server; answers its peak RSS (VmHWM, KiB) over its life. */
export async function stopServer(server: Server): Promise<number | null> {
  if (!isRunning(server.child)) return null;
  const peakKiB = readMemoryKiB(server.child.pid!, 'VmHWM');
  server.child.kill('SIGTERM');
  const stopped = await Promise.race([
    server.exited.then(() => true),
    sleep(STOP_TIMEOUT_MS).then(() => false),
  ]);
  if (!stopped) {
    server.child.kill('SIGKILL');
    await Promise.race([server.exited, sleep(STOP_TIMEOUT_MS)]);
  }
  return peakKiB;
}

async function waitForHealth(server: Server): Promise<void> {
  const api = createApi(server.baseUrl);
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isRunning(server.child)) throw new Error(`the server exited during start:\n${server.outputTail()}`);
    const reply = await api.call('GET', '/health').catch(() => null);
    if (reply?.status === 200) return;
    await sleep(250);
  }
  throw new Error(`no healthy answer within ${HEALTH_TIMEOUT_MS / 1000} s:\n${server.outputTail()}`);
}

/** A process's RSS from /proc (Linux): VmRSS now, or VmHWM, its high-water mark since it started. */
export function readMemoryKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- HTTP

export interface Reply {
  status: number;
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

export type Api = ReturnType<typeof createApi>;

/**
 * Plain node:http with a keep-alive agent, as a tablet app would talk: connections are reused; `maxSockets` caps
 * how many are open at once (further requests wait for a free one).
 */
export function createApi(baseUrl: string, maxSockets = Infinity) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  cleanups.push(() => agent.destroy());
  const call = (method: string, path: string, token?: string, body?: unknown, extra: object = {}) =>
    new Promise<Reply>((done, fail) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: http.OutgoingHttpHeaders = { Accept: 'application/json', ...extra };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (payload !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = Buffer.byteLength(payload);
      }
      const request = http.request(`${baseUrl}${path}`, { method, agent, headers, timeout: HTTP_TIMEOUT_MS });
      request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      request.on('error', fail);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text for the error message
          }
          done({ status: response.statusCode ?? 0, body: parsed, headers: response.headers });
        });
      });
      request.end(payload);
    });
  /** A setup call that must succeed with `expected`. */
  const must = async <T>(expected: number, method: string, path: string, token?: string, body?: unknown) => {
    const reply = await call(method, path, token, body);
    if (reply.status !== expected) {
      throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return reply.body as T;
  };
  return { call, must };
}

// ---------------------------------------------------------------- statistics

/** Nearest-rank percentile, in ms with one decimal; null without samples. */
export function percentile(samples: number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return round1(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]);
}

/** The middle value (the mean of the two middle ones for an even count); null without values. */
export function median(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = known.length >> 1;
  return known.length % 2 ? known[middle] : round1((known[middle - 1] + known[middle]) / 2);
}

export const round1 = (value: number) => Math.round(value * 10) / 10;
export const mib = (kib: number | null) => (kib === null ? null : round1(kib / 1024));
