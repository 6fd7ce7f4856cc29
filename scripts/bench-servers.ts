/** The bench's server processes: its own build, a start on a free port until healthy, a stop, their memory. */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createApi } from './bench-http';
import { cleanups, sleep } from './bench-lib';

/** The repository, for the harness, which runs from scripts/ under ts-node. */
const ROOT = resolve(__dirname, '..');
const HOST = '127.0.0.1'; // all traffic stays on loopback
const HEALTH_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000; // SIGTERM, then SIGKILL
const OUTPUT_TAIL_LINES = 40;

/**
 * Each bench's own build of src/ and scripts/ (what `npm run build` puts in dist/): private, so that a rebuild of
 * dist/ during a bench does not pull the servers' files away, and inside node_modules/, so that the compiled
 * files resolve the project's packages and git ignores them.
 */
const BUILDS_DIR = join(ROOT, 'node_modules', '.cache');
let buildDir: string | null = null;

/**
 * Compiles src/ and scripts/ once per bench: servers run as `npm start` runs them, not under ts-node. With
 * `withClients`, also bundles the web clients (Vite) where the build's BrowserAssets looks for them.
 */
export async function buildApp({ withClients = false } = {}): Promise<void> {
  mkdirSync(BUILDS_DIR, { recursive: true });
  const outDir = mkdtempSync(join(BUILDS_DIR, 'pos-bench-'));
  cleanups.push(() => rmSync(outDir, { recursive: true, force: true }));
  await runNode([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir]);
  if (withClients) {
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    await runNode([
      vite,
      'build',
      '--config',
      'src/clients/vite.config.mjs',
      '--outDir',
      join(outDir, 'browser'),
    ]);
  }
  buildDir = outDir;
}

/**
 * Runs on what `npm run build` wrote to dist/ instead of a build of its own: for scripts that measure exactly the
 * build an operator would start.
 */
export function useProjectBuild(): void {
  const dist = join(ROOT, 'dist');
  for (const file of ['src/main.js', 'browser/.vite/manifest.json']) {
    if (!existsSync(join(dist, file))) throw new Error(`dist/${file} is missing: run npm run build first`);
  }
  buildDir = dist;
}

function runNode(args: string[]): Promise<void> {
  return new Promise<void>((done, fail) =>
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      error ? fail(new Error(`the build failed:\n${tail(`${stdout}${stderr}`)}`)) : done(),
    ),
  );
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

/** The cores servers and the load generator run on, once pinServersApart chose them. */
let pinning: { server: string; client: string } | null = null;

/**
 * Puts every server started from now on (the service and the bare stack alike) on the `server` cores and this
 * process, with the load it generates and anything it starts besides servers, on the `client` cores (Linux
 * `taskset` lists, e.g. "0" and "1"). Sharing cores, the load generator starves whichever server it sits beside and
 * one run's ratio moves more than the gap being measured. A database server (PostgreSQL) is not pinned.
 */
export function pinServersApart(server: string, client: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', client, String(process.pid)], { stdio: 'ignore' });
  pinning = { server, client };
}

/**
 * The node flags of `npm start` (its heap sizes), read from package.json so that both servers run with the
 * memory settings an operator's service runs with.
 */
function startNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * Starts `node <build>/<entry>` on a free port (PORT), in production mode, with the node flags of `npm start`;
 * resolves once /health answers 200. BENCH_NODE_FLAGS adds flags to the server's node (later ones win), e.g.
 * `--cpu-prof --cpu-prof-dir=prof` to see where time goes.
 */
export async function startServer(entry: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const nodeFlags = [...startNodeFlags(), ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
  const command = [process.execPath, ...nodeFlags, builtPath(entry)];
  const pinned = pinning ? ['taskset', '-c', pinning.server, ...command] : command;
  const child = spawn(pinned[0], pinned.slice(1), {
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

/** Stops the servers; answers the sum of their peak RSS (KiB), or null when one is unknown. */
export async function stopServers(servers: Server[]): Promise<number | null> {
  const peaks = await Promise.all(servers.map(stopServer));
  return peaks.includes(null) ? null : (peaks as number[]).reduce((sum, kib) => sum + kib, 0);
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
