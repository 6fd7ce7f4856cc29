import { once } from 'node:events';
import request from 'supertest';
import { issueKey, loginAdmin, withKey } from './support/clients';
import { freePort, launch, run, startService, waitForHealth } from './support/processes';
import { createTestDatabase, TestDatabase } from './support/test-database';

describe('Starting the service', () => {
  let database: TestDatabase;
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const secrets = { JWT_SECRET: 'x'.repeat(40), PIN_PEPPER: 'p'.repeat(40) };

  beforeAll(async () => {
    // Empty, as a first start meets it: the service migrates it.
    database = await createTestDatabase({ migrated: false });
  });

  afterAll(() => database.drop());

  it('stops at once on a bad value, naming the variable', async () => {
    const result = await run('src/main.ts', { PORT: 'eighty', DATABASE_URL: database.url, CURRENCY: 'euro' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('CURRENCY');
    expect(result.stderr).not.toMatch(/\s+at .+\.ts:\d+/);
  });

  it('refuses a JWT_SECRET under 32 characters in production', async () => {
    const result = await run('src/main.ts', {
      NODE_ENV: 'production',
      JWT_SECRET: 'too-short',
      PIN_PEPPER: 'p'.repeat(40),
      DATABASE_URL: database.url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('JWT_SECRET: must be at least 32 characters in production');
  });

  it('migrates, creates the first admin and prints its password once, outside the logs', async () => {
    const env = { ...secrets, PORT: port, DATABASE_URL: database.url };
    const first = launch('src/main.ts', env);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(url, first);
      const password = /password: (\S+)/.exec(first.output().stdout)?.[1];
      expect(password).toBeDefined();
      const loggedIn = await request(url).post('/api/v1/auth/login').send({ username: 'admin', password });
      expect(loggedIn.status).toBe(200);
      const logLines = () =>
        first
          .output()
          .stdout.split('\n')
          .filter((line) => line.startsWith('{'));
      const findLoginLine = () => logLines().find((line) => line.includes('"route":"/api/v1/auth/login"'));
      for (let i = 0; i < 50 && !findLoginLine(); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const loginLine = findLoginLine();
      expect(JSON.parse(loginLine!)).toMatchObject({ method: 'POST', status: 200, principal: 'anonymous' });
      expect(logLines().join('\n')).not.toContain(password!);
      expect(logLines().join('\n')).not.toContain(loggedIn.body.accessToken);
    } finally {
      first.kill('SIGTERM');
      await once(first, 'exit');
    }

    const second = launch('src/main.ts', env);
    try {
      await waitForHealth(url, second);
      expect(second.output().stdout).not.toContain('password:');
    } finally {
      second.kill('SIGTERM');
      await once(second, 'exit');
    }
    // Two starts, each given a minute to become healthy on a busy machine (waitForHealth).
  }, 150_000);

  it('create-admin makes an admin who can log in, and resets an existing one with --reset', async () => {
    const env = { ...secrets, DATABASE_URL: database.url };
    const created = await run('scripts/create-admin.ts', env, [
      '--username',
      'owner',
      '--password',
      'owner-pass-1',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Admin "owner" created.');
    const reset = await run('scripts/create-admin.ts', env, ['--username', 'owner', '--reset']);
    expect(reset.stdout).toContain('Admin "owner" updated.');
    const password = /Password \(shown once\): (\S+)/.exec(reset.stdout)?.[1];

    const server = launch('src/main.ts', { ...env, PORT: port });
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, server);
      const response = await request(`http://127.0.0.1:${port}`)
        .post('/api/v1/auth/login')
        .send({ username: 'owner', password });
      expect(response.status).toBe(200);
      expect(response.body.user.role).toBe('admin');
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });

  it('starts, limits and stops with REDIS_URL set but Redis unreachable', async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const own = await createTestDatabase();
    const service = await startService({ DATABASE_URL: own.url, REDIS_URL: nobody });
    try {
      const admin = await loginAdmin(service);
      const key = await issueKey(service, admin, { scopes: ['orders:read'], rateLimitPerMinute: 2 });
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await withKey(service, key.key).get('/api/v1/orders')).status);
      // Counted in this process while Redis cannot count: the limit still holds.
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      service.child.kill('SIGTERM');
    }
    expect(await service.exited).toBe(0);
    await own.drop();
  });

  it('generate-secret prints a fresh 64-character secret', async () => {
    const [a, b] = await Promise.all([
      run('scripts/generate-secret.ts', {}),
      run('scripts/generate-secret.ts', {}),
    ]);
    expect(a.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(a.stdout).not.toBe(b.stdout);
  });
});
