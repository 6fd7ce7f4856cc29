import { as, issueKey, loginAdmin, requestFrom, Session, withKey } from './support/clients';
import { startService } from './support/processes';
import { connect } from './support/sockets';
import { createTestDatabase } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

describe('API key limits', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  const ordersFrom = (address: string, key: string) =>
    requestFrom(t, address, 'GET', '/api/v1/orders', { headers: { 'X-API-Key': key } });

  it('admits a key only from its allowed addresses and ranges, and records the refusal', async () => {
    const issued = await issueKey(t, admin, { allowedIps: ['127.0.0.2', '127.0.1.0/24', '2001:db8::/32'] });
    expect((await ordersFrom('127.0.0.2', issued.key)).status).toBe(200);
    expect((await ordersFrom('127.0.1.77', issued.key)).status).toBe(200);
    const elsewhere = await ordersFrom('127.0.0.3', issued.key);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.message).toBe('This API key may not be used from this address');

    const events = await as(t, admin).get('/api/v1/security/events?perPage=100').expect(200);
    const refusal = events.body.items.find(
      (event: { type: string; subject: string }) =>
        event.type === 'api_key.refused' && event.subject === `apiKey:${issued.id}`,
    );
    expect(refusal).toMatchObject({
      ip: expect.stringMatching(/127\.0\.0\.3$/),
      details: { reason: 'ip_not_allowed' },
    });

    await as(t, admin).patch(`/api/v1/api-keys/${issued.id}`).send({ allowedIps: null }).expect(200);
    expect((await ordersFrom('127.0.0.3', issued.key)).status).toBe(200);
  });

  it('counts requests per key per minute, with the headers, then 429 with Retry-After until the window ends', async () => {
    const limited = await issueKey(t, admin, { rateLimitPerMinute: 3 });
    const other = await issueKey(t, admin, { rateLimitPerMinute: 3 });
    for (const remaining of [2, 1, 0]) {
      const response = await withKey(t, limited.key).get('/api/v1/orders').expect(200);
      expect(response.headers['ratelimit-limit']).toBe('3');
      expect(response.headers['ratelimit-remaining']).toBe(String(remaining));
    }
    const refused = await withKey(t, limited.key).get('/api/v1/orders');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-remaining']).toBe('0');

    await withKey(t, other.key).get('/api/v1/orders').expect(200);
    t.clock.advance(60_000);
    await withKey(t, limited.key).get('/api/v1/orders').expect(200);
  });

  it('holds an hourly and a daily limit too, and a key without limits has none', async () => {
    const hourly = await issueKey(t, admin, {
      rateLimitPerMinute: null,
      rateLimitPerHour: 2,
      rateLimitPerDay: 100,
    });
    await withKey(t, hourly.key).get('/api/v1/orders').expect(200);
    const second = await withKey(t, hourly.key).get('/api/v1/orders').expect(200);
    expect(second.headers['ratelimit-limit']).toBe('2');
    const refused = await withKey(t, hourly.key).get('/api/v1/orders').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
    t.clock.advance(3_600_000);
    await withKey(t, hourly.key).get('/api/v1/orders').expect(200);

    const unlimited = await issueKey(t, admin, { rateLimitPerMinute: null });
    const response = await withKey(t, unlimited.key).get('/api/v1/orders').expect(200);
    expect(response.headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('API keys in the logs', () => {
  it('writes no key into any log line, at the most verbose level, whatever the key does', async () => {
    const database = await createTestDatabase();
    const service = await startService({ DATABASE_URL: database.url, LOG_LEVEL: 'trace' });
    try {
      const app = service;
      const admin = await loginAdmin(app);
      const issued = await issueKey(app, admin, { scopes: ['orders:read'] });
      const rotated = await as(app, admin).post(`/api/v1/api-keys/${issued.id}/rotate`).send({}).expect(201);
      const forged = `${issued.key.slice(0, -4)}AAAA`;
      await withKey(app, issued.key).get('/api/v1/orders').expect(200);
      await withKey(app, rotated.body.key).post('/api/v1/orders').send({}).expect(403);
      await withKey(app, forged).get('/api/v1/orders').expect(401);
      await withKey(app, rotated.body.key).get('/api/v1/nowhere').expect(404);
      const socket = await connect(app, { apiKey: rotated.body.key }).catch((error: Error) => error);
      expect(socket).toBeInstanceOf(Error);
      const log = service.child.output();
      expect(log.stdout).toContain(`apiKey:${issued.id}`);
      for (const secret of [issued.key, rotated.body.key as string, forged]) {
        expect(log.stdout).not.toContain(secret);
        expect(log.stderr).not.toContain(secret);
        expect(log.stdout).not.toContain(secret.slice(12));
      }
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
      await database.drop();
    }
  });
});
