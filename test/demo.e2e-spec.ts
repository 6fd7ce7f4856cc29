/**
 * `npm run demo` on a fresh SQLite file: the back office's reports then show a closed day and today's sales; a
 * second run, or a PostgreSQL DATABASE_URL, is refused before anything is written. The demo itself runs on SQLite
 * whatever the suite's database, so it runs in the SQLite run only; the PostgreSQL run proves the refusal, with its
 * own server's URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { run, SERVICE_SECRETS, startService } from './support/processes';
import { ADMIN } from './support/test-app';
import { databaseKind, postgresUrl } from './support/test-database';

jest.setTimeout(300_000);

describe('npm run demo', () => {
  const directory = mkdtempSync(join(tmpdir(), 'pos-demo-'));
  const env = {
    ...SERVICE_SECRETS,
    DATABASE_URL: `sqlite:${join(directory, 'pos.sqlite')}`,
    LOG_LEVEL: 'error',
  };

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const onSqlite = databaseKind() === 'sqlite' ? it : it.skip;

  onSqlite(
    'loads a restaurant whose reports show sales, and refuses to run on a database with sales',
    async () => {
      const demo = await run('scripts/demo.ts', env);
      expect(demo.stderr).toBe('');
      expect(demo.code).toBe(0);
      expect(demo.stdout).toContain('Demo restaurant loaded');
      expect(demo.stdout).toMatch(/maria \/ \S+ · PIN 1111/);

      const service = await startService(env);
      try {
        const login = await request(service.url).post('/api/v1/auth/login').send(ADMIN).expect(200);
        const as = (path: string) =>
          request(service.url).get(path).set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
        const closedDays = (await as('/api/v1/business-days')).body.items as Array<{ businessDay: string }>;
        expect(closedDays).toHaveLength(1);
        const closed = (await as(`/api/v1/business-days/${closedDays[0].businessDay}/z-report`)).body.report;
        const today = (await as('/api/v1/reports/shift')).body;
        for (const day of [closed, today]) {
          expect(day.sales.orders).toBeGreaterThan(0);
          expect(day.sales.itemSales).toBeGreaterThan(0);
        }
        expect(today.businessDay > closedDays[0].businessDay).toBe(true);
        expect(today.sales.refunds).toBeGreaterThan(0);
        expect(today.openOrders.count).toBe(0);
        const dishes = (await as('/api/v1/dishes?perPage=100')).body;
        expect(dishes.total).toBeGreaterThanOrEqual(30);
      } finally {
        service.child.kill('SIGTERM');
        await service.exited;
      }

      const again = await run('scripts/demo.ts', env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(
        'This database has sales: the demo is never run in a production database.',
      );
    },
  );

  it('refuses a PostgreSQL DATABASE_URL', async () => {
    const onPostgres = await run('scripts/demo.ts', {
      ...env,
      DATABASE_URL: postgresUrl()?.toString() ?? 'postgres://pos@127.0.0.1:1/pos',
    });
    expect(onPostgres.code).toBe(1);
    expect(onPostgres.stderr).toContain('never run in a production database');
  });
});
