/**
 * `npm start` is what the README tells an operator to run, so its process is the one a supervisor signals. npm runs
 * the start script through a shell: unless the shell hands its place to node, SIGTERM stops npm and the shell and
 * leaves the server listening, an orphan.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, refusesConnections, ROOT, SERVICE_SECRETS, waitForHealth } from './support/processes';

// Compiling the app takes a while on a machine busy with other specs.
const BUILD_TIMEOUT_MS = 300_000;

describe('npm start', () => {
  let folder: string;

  /** A copy of the package in a temp folder, built as `npm run build` builds it, with its own data folder. */
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'pos-npm-start-'));
    copyFileSync(join(ROOT, 'package.json'), join(folder, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'));
    const tsc = require.resolve('typescript/bin/tsc');
    const build = ['-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(folder, 'dist')];
    await promisify(execFile)(process.execPath, [tsc, ...build], { cwd: ROOT });
  }, BUILD_TIMEOUT_MS);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('stops the server when npm is sent SIGTERM: the port is released and npm exits 0', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: folder,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? folder,
        ...SERVICE_SECRETS,
        PORT: String(port),
        DATABASE_URL: `sqlite:${join(folder, 'data', 'pos.sqlite')}`,
        LOG_LEVEL: 'warn',
      },
    });
    const exited = once(npm, 'exit');
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, npm);

    npm.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(await refusesConnections(url)).toBe(true);
  });
});
