/** Plumbing for scripts/bench.ts: the fresh database, the server child process, an HTTP client, statistics. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const ROOT = resolve(__dirname, '..');
const HOST = '127.0.0.1'; // all traffic stays on loopback
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const HEALTH_TIMEOUT_MS = 60_000;
const HTTP_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000; // SIGTERM, then SIGKILL
const OUTPUT_TAIL_LINES = 40;

/** Cleanups run once, last registered first: on success, on an error and on Ctrl-C alike. */
export const cleanups: Array<() => unknown> = [];
export async function runCleanups(): Promise<void> {
  for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`cleanup: ${String(error)}\n`);
    }
  }
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
export const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

// ---------------------------------------------------------------- database

export interface BenchDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

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
  const maintenance = async (sql: string) => {
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
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

// ---------------------------------------------------------------- the server under test

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

export async function startServer(databaseUrl: string, adminPassword: string): Promise<Server> {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PIN_PEPPER: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
  };
  // The built app, as `npm start` runs it: memory and speed as in production, not under a TypeScript compiler.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the last lines of the server's output to explain a failed start.
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - OUTPUT_TAIL_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // Last resort if this process dies without its cleanups: never leave a server behind.
  process.once('exit', () => isRunning(child) && child.kill('SIGKILL'));
  return { child, baseUrl: `http://${HOST}:${port}`, exited, outputTail: () => tail.join('\n') };
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export async function stopServer(server: Server): Promise<void> {
  if (!isRunning(server.child)) return;
  server.child.kill('SIGTERM');
  const stopped = await Promise.race([
    server.exited.then(() => true),
    sleep(STOP_TIMEOUT_MS).then(() => false),
  ]);
  if (stopped) return;
  server.child.kill('SIGKILL');
  await Promise.race([server.exited, sleep(STOP_TIMEOUT_MS)]);
}

export async function waitForHealth(server: Server, api: Api): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isRunning(server.child)) throw new Error(`the server exited during start:\n${server.outputTail()}`);
    const reply = await api.call('GET', '/health').catch(() => null);
    if (reply?.status === 200) return;
    await sleep(250);
  }
  throw new Error(`no healthy answer within ${HEALTH_TIMEOUT_MS / 1000} s:\n${server.outputTail()}`);
}

/** The child's RSS from /proc (Linux): VmRSS now, or VmHWM, its high-water mark since it started. */
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
}

export type Api = ReturnType<typeof createApi>;

/** Plain node:http with a keep-alive agent, as a tablet app would talk: one connection per waiter, reused. */
export function createApi(baseUrl: string) {
  const agent = new http.Agent({ keepAlive: true });
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
          done({ status: response.statusCode ?? 0, body: parsed });
        });
      });
      request.end(payload);
    });
  /** A setup call that must succeed with `expected`. */
  const must = async <T>(expected: number, method: string, path: string, token: string, body?: unknown) => {
    const reply = await call(method, path, token, body);
    if (reply.status !== expected) {
      throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return reply.body as T;
  };
  return { call, must };
}

/** Nearest-rank percentile, in ms with one decimal; null without samples. */
export function percentile(samples: number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

export const mib = (kib: number | null) => (kib === null ? null : Math.round(kib / 102.4) / 10);
