/**
 * The operator scripts as an operator runs them, `npm run <script> -- <options>`, from a clone that was never built:
 * both answer --help, generate-secret prints secrets, and create-admin resets an existing user's password only when
 * told to with --reset, ending every session of theirs.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { as, login, loginAdmin, Session } from './support/clients';
import type { Run } from './support/processes';
import { connect } from './support/sockets';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const SECRETS = { JWT_SECRET: 'x'.repeat(40), PIN_PEPPER: 'p'.repeat(40) };

/** `npm run -s <script> -- ...args` in the repository, with only PATH, HOME and `env` set. */
async function npmRun(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn('npm', ['run', '-s', script, '--', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, NODE_ENV: 'development', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** No stack trace: an operator reads one line of what went wrong. */
const NO_STACK = /\s+at .+:\d+:\d+/;

// Each run transpiles the scripts' imports with ts-node: seconds each, more on a busy machine.
jest.setTimeout(180_000);

describe('Operator scripts', () => {
  it('generate-secret answers --help, prints secrets and keys, and names an unknown option', async () => {
    const help = await npmRun('generate-secret', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run generate-secret');
    expect(help.stdout).toContain('--key');

    const [a, b, key] = await Promise.all([
      npmRun('generate-secret', []),
      npmRun('generate-secret', []),
      npmRun('generate-secret', ['--key']),
    ]);
    expect(a.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(a.stdout).not.toBe(b.stdout);
    expect(key.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);

    const unknown = await npmRun('generate-secret', ['--bogus']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--bogus'");
    expect(unknown.stderr).not.toMatch(NO_STACK);
  });

  it('create-admin answers --help without a database', async () => {
    const help = await npmRun('create-admin', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run create-admin');
    expect(help.stdout).toContain('--reset');
  });

  describe('create-admin on a running service', () => {
    let t: TestApp;
    let env: Record<string, string>;

    beforeAll(async () => {
      t = await startTestApp();
      const { database } = t.config;
      env = {
        ...SECRETS,
        DATABASE_URL: database.kind === 'sqlite' ? `sqlite:${database.path}` : database.url,
      };
    });

    afterAll(() => t.close());

    it('run without options leaves an existing admin, their password and their sessions as they are', async () => {
      const admin = await loginAdmin(t);
      const run = await npmRun('create-admin', [], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('User "admin" exists already; nothing changed');
      expect(run.stderr).toContain('--reset');
      expect(run.stdout).not.toContain('Password');
      await as(t, admin).get('/api/v1/auth/me').expect(200);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: admin.refreshToken }).expect(200);
      await loginAdmin(t);
    });

    it('creates a new admin without --reset', async () => {
      const run = await npmRun('create-admin', ['--username', 'owner', '--password', 'owner-pass-1'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Admin "owner" created.');
      expect((await login(t, 'owner', 'owner-pass-1')).user.role).toBe('admin');
    });

    it('with --reset, sets the password and ends every session of the user', async () => {
      const admin: Session = await loginAdmin(t);
      const socket = await connect(t, { token: admin.accessToken });
      try {
        const run = await npmRun('create-admin', ['--reset', '--password', 'admin-reset-pass-2'], env);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('Admin "admin" updated.');
        expect(run.stdout).not.toContain('Password (shown once)');
        await t.http().post('/api/v1/auth/refresh').send({ refreshToken: admin.refreshToken }).expect(401);

        // No Redis here: the service reads the script's event from the log by itself, with nothing committed
        // in between, and drops the socket and the cached session.
        expect(await socket.disconnected()).toBe('io server disconnect');
        await as(t, admin).get('/api/v1/auth/me').expect(401);
        await t.http().post('/api/v1/auth/login').send(ADMIN).expect(401);
        await login(t, ADMIN.username, 'admin-reset-pass-2');
      } finally {
        socket.close();
      }
    });
  });
});
