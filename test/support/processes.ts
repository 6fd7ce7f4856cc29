import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, connect as connectTcp, createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { ADMIN } from './test-app';

/** The repository root: the working directory of every process a test starts. */
export const ROOT = join(__dirname, '..', '..');

const TS_REGISTER = join(__dirname, 'ts-register.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point of this repository as an operator would, with exactly this environment. */
export function launch(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
): ChildProcess & { output: () => Run } {
  // ts-node's transpile-only, its output kept between processes (see ts-register.js); source-mapped stack traces.
  const child = spawn(process.execPath, ['--enable-source-maps', '-r', TS_REGISTER, entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'info', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return Object.assign(child, { output: () => ({ code: child.exitCode, stdout, stderr }) });
}

export async function run(entry: string, env: Record<string, string>, args: string[] = []): Promise<Run> {
  const child = launch(entry, env, args);
  await once(child, 'exit');
  return child.output();
}

/** Waits for /health to answer 200; a minute, for a start on a machine busy with other specs. */
export async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('the service exited');
    const healthy = await request(url)
      .get('/health')
      .then((r) => r.status === 200)
      .catch(() => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the service did not become healthy');
}

/** A free TCP port on loopback, for a service process to listen on. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Whether a new TCP connection to the service is refused: nothing listens on its port any more. */
export const refusesConnections = (url: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connectTcp(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

/** The secrets and first admin every service process of a test shares (instances must agree on them). */
export const SERVICE_SECRETS = {
  JWT_SECRET: 'j'.repeat(40),
  PIN_PEPPER: 'p'.repeat(40),
  ENCRYPTION_KEY: 'e'.repeat(64),
  ADMIN_USERNAME: ADMIN.username,
  ADMIN_PASSWORD: ADMIN.password,
};

export interface ServiceProcess {
  url: string;
  child: ChildProcess & { output: () => Run };
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts the service as `npm start` would, on a free port, with the shared secrets and test-grade credential
 * hashing (as the in-process specs have it: standard scrypt costs a second of CPU per login and new staff member;
 * the startup spec, which launches the service itself, keeps the standard cost); resolves once healthy.
 */
export async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort();
  const child = launch('src/main.ts', {
    ...SERVICE_SECRETS,
    NODE_ENV: 'test',
    CREDENTIAL_HASH_COST: 'test',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...env,
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, child, exited };
}
