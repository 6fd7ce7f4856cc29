import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { openApiProblems } from '../scripts/lint-openapi';
import { as, loginAdmin, newWaiter, postFrom } from './support/clients';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('HTTP platform: errors, request ids, headers, health, metrics, docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'https://admin.example.com' });
  });

  afterAll(() => t.close());

  it('answers malformed JSON with 400 BAD_REQUEST in the API.md error shape', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin",');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('Malformed'), details: null },
    });
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'text/plain')
      .send('admin');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_REQUEST');
  });

  it('answers a JSON array as the body with 400 BAD_REQUEST, as it does null: every route takes an object', async () => {
    for (const body of ['[1,2]', '[]', 'null']) {
      const response = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: { code: 'BAD_REQUEST', message: expect.any(String), details: null },
      });
    }
  });

  it('answers invalid input with 422 and one detail per field', async () => {
    const admin = await loginAdmin(t);
    const response = await as(t, admin)
      .post('/api/v1/users')
      .send({ username: 'x', displayName: '', role: 'chef', pin: '12', extra: true });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    const fields = (response.body.error.details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'displayName', 'role', 'pin', 'extra']));
  });

  it('refuses a deeply nested body with 422 before validation, on public and staff routes', async () => {
    const nested = (levels: number) => `{"x": ${'['.repeat(levels)}1${']'.repeat(levels)}}`;
    const admin = await loginAdmin(t);
    for (const [path, token] of [
      ['/api/v1/auth/login', undefined],
      ['/api/v1/orders', admin.accessToken],
      ['/api/v1/categories', admin.accessToken],
    ] as const) {
      const request = t.http().post(path).set('Content-Type', 'application/json');
      if (token) request.set('Authorization', `Bearer ${token}`);
      const response = await request.send(nested(1_500));
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: [{ field: 'body', message: expect.stringContaining('nested deeper') }],
      });
    }
  });

  it('refuses a page number past the last possible page with 422 on every list', async () => {
    const admin = await loginAdmin(t);
    for (const list of ['orders', 'users', 'tables', 'dishes', 'security/events']) {
      const response = await as(t, admin).get(`/api/v1/${list}?page=99999999999999999999`);
      expect(response.status).toBe(422);
      expect(response.body.error.details).toEqual([{ field: 'page', message: expect.any(String) }]);
    }
    await as(t, admin).get('/api/v1/orders?page=1000000').expect(200);
  });

  it('refuses malformed ids in list filters with 422 naming the filter', async () => {
    const admin = await loginAdmin(t);
    const filters = [
      ['orders', 'tableId'],
      ['orders', 'waiterId'],
      ['kitchen/tickets', 'stationId'],
      ['tables', 'locationId'],
      ['dishes', 'categoryId'],
      ['dishes', 'stationId'],
    ];
    for (const [list, filter] of filters) {
      const response = await as(t, admin).get(`/api/v1/${list}?${filter}=zzz`);
      expect(response.status).toBe(422);
      expect(response.body.error.details).toEqual([{ field: filter, message: expect.any(String) }]);
    }
    const unknown = await as(t, admin).get(`/api/v1/orders?tableId=${randomUUID()}`);
    expect(unknown.status).toBe(200);
    expect(unknown.body.items).toEqual([]);
  });

  it('refuses from and to that are not date-times JavaScript reads with 422, on lists and stats', async () => {
    const admin = await loginAdmin(t);
    for (const path of ['orders', 'orders/stats/summary']) {
      for (const filter of ['from', 'to']) {
        for (const date of ['20261122', '2026-W47', '2026-326', '2026-11-22T18:03:11,123Z', '2026-02-30']) {
          const response = await as(t, admin).get(`/api/v1/${path}?${filter}=${encodeURIComponent(date)}`);
          expect([path, filter, date, response.status]).toEqual([path, filter, date, 422]);
          expect(response.body.error.details).toEqual([{ field: filter, message: expect.any(String) }]);
        }
      }
      await as(t, admin)
        .get(`/api/v1/${path}?from=2026-11-22T00:00:00Z&to=2026-11-22T18:03:11.123%2B14:00`)
        .expect(200);
    }
  });

  it('answers a body it cannot read (charset, content encoding, broken gzip) with 400 BAD_REQUEST', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'whatever-password' });
    for (const [header, value] of [
      ['Content-Type', 'application/json; charset=klingon'],
      ['Content-Encoding', 'x-klingon'],
      ['Content-Encoding', 'gzip'],
    ]) {
      const response = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .set(header, value)
        .send(body);
      expect([value, response.status]).toEqual([value, 400]);
      expect(response.body).toEqual({
        error: {
          code: 'BAD_REQUEST',
          message: expect.stringContaining('Unreadable request body'),
          details: null,
        },
      });
    }
  });

  it('refuses the NUL character in the path, query or body with 422 naming the field, and writes nothing', async () => {
    const admin = await loginAdmin(t);
    const refusals = [
      [as(t, admin).get('/api/v1/users/a%00b'), 'path'],
      [as(t, admin).get('/api/v1/orders?status=%00'), 'status'],
      [as(t, admin).post('/api/v1/categories').send({ name: 'Soups\u0000' }), 'name'],
      [
        as(t, admin)
          .post('/api/v1/orders')
          .send({ type: 'takeaway', items: [{ dishId: randomUUID(), quantity: 1, comment: '\u0000' }] }),
        'items[0].comment',
      ],
    ] as const;
    for (const [request, field] of refusals) {
      const response = await request;
      expect([field, response.status]).toEqual([field, 422]);
      expect(response.body.error.details).toEqual([{ field, message: expect.stringContaining('NUL') }]);
    }
    const categories = await as(t, admin).get('/api/v1/categories');
    expect(categories.body.items.map((category: { name: string }) => category.name)).not.toContain(
      'Soups\u0000',
    );
  });

  it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'a'.repeat(1_100_000), password: 'x' }));
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    const response = await t.http().get('/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses prototype keys anywhere in a body with 422, instead of dropping them silently', async () => {
    const admin = await loginAdmin(t);
    for (const [raw, field] of [
      ['{"name":"Soups","__proto__":{"active":false}}', '__proto__'],
      ['{"name":"Soups","constructor":{"prototype":{"x":1}}}', 'constructor'],
      ['{"type":"takeaway","items":[{"dishId":"x","quantity":1,"__proto__":{}}]}', 'items[0].__proto__'],
    ]) {
      const response = await t
        .http()
        .post(field.startsWith('items') ? '/api/v1/orders' : '/api/v1/categories')
        .set('Authorization', `Bearer ${admin.accessToken}`)
        .set('Content-Type', 'application/json')
        .send(raw);
      expect([raw, response.status]).toEqual([raw, 422]);
      expect(response.body.error.details).toEqual([{ field, message: 'is not allowed' }]);
    }
    const categories = await as(t, admin).get('/api/v1/categories?perPage=100').expect(200);
    expect(JSON.stringify(categories.body)).not.toContain('Soups');
  });

  it('sends error.details on every error: null on 401, 403, 404, 409 and 429', async () => {
    const admin = await loginAdmin(t);
    const waiter = await newWaiter(t);
    const table = await factories(t, admin).newTable('Details');
    const staffName = { username: `details-${randomUUID().slice(0, 8)}`, displayName: 'D', role: 'waiter' };
    await as(t, admin)
      .post('/api/v1/users')
      .send({ ...staffName, password: 'password-details' })
      .expect(201);
    const callWaiter = `/api/v1/public/tables/${table.qrToken}/call-waiter`;
    for (let i = 0; i < 3; i++) await postFrom(t, '127.0.0.31', callWaiter, {});
    const wrongPassword = { username: waiter.username, password: 'definitely-wrong' };
    for (let i = 0; i < 5; i++) await postFrom(t, '127.0.0.32', '/api/v1/auth/login', wrongPassword);

    const replies = {
      UNAUTHORIZED: await t.http().get('/api/v1/auth/me'),
      FORBIDDEN: await as(t, waiter.session).get('/api/v1/users'),
      NOT_FOUND: await as(t, admin).get(`/api/v1/users/${randomUUID()}`),
      CONFLICT: await as(t, admin)
        .post('/api/v1/users')
        .send({ ...staffName, password: 'password-again' }),
      RATE_LIMITED: await postFrom(t, '127.0.0.31', callWaiter, {}),
      LOCKED_OUT: await postFrom(t, '127.0.0.33', '/api/v1/auth/login', wrongPassword),
    };
    const routeNotFound = await t.http().get('/api/v1/no-such-thing');
    for (const [code, response] of [...Object.entries(replies), ['NOT_FOUND', routeNotFound] as const]) {
      expect({ code, body: response.body }).toEqual({
        code,
        body: { error: { code, message: expect.any(String), details: null } },
      });
    }
  });

  it('echoes a given X-Request-Id and makes one otherwise', async () => {
    const echoed = await t.http().get('/health').set('X-Request-Id', 'tablet-7.req-42');
    expect(echoed.headers['x-request-id']).toBe('tablet-7.req-42');
    const made = await t.http().get('/api/v1/no-such-thing');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await t.http().get('/health').set('X-Request-Id', '<script>');
    expect(hostile.headers['x-request-id']).not.toBe('<script>');
  });

  it("sends helmet's security headers", async () => {
    const response = await t.http().get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('allows CORS only from CORS_ORIGINS', async () => {
    const allowed = await t.http().options('/api/v1/auth/me').set('Origin', 'https://admin.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example.com');
    const other = await t.http().get('/health').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets a browser from an allowed origin read every header the API sets', async () => {
    const response = await t.http().get('/api/v1/menu').set('Origin', 'https://admin.example.com');
    const exposed = String(response.headers['access-control-expose-headers'])
      .split(',')
      .map((name) => name.trim().toLowerCase());
    const headers = [
      'X-Request-Id',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'ETag',
      'Idempotent-Replayed',
      'Content-Disposition',
    ];
    expect(exposed).toEqual(expect.arrayContaining(headers.map((name) => name.toLowerCase())));
  });

  it('reports health with version, uptime, database and realtime mode', async () => {
    const response = await t.http().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptimeSeconds: expect.any(Number),
      database: 'up',
      realtime: 'local',
    });
  });

  it('serves Prometheus metrics by route pattern and status, with event-loop lag', async () => {
    await t.http().get('/api/v1/users/some-id');
    const response = await t.http().get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/users\/:id",status="401"\} \d+/,
    );
    expect(response.text).toContain('http_request_duration_seconds_bucket');
    expect(response.text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('answers GET / with a page under the strict CSP that links the docs, every screen and /health', async () => {
    const home = await t.http().get('/').expect(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.headers['content-security-policy']).toContain("default-src 'none'");
    const links = [...home.text.matchAll(/href="([^"]+)"/g)].map(([, href]) => href);
    const screens = ['/docs', '/back-office', '/waiter', '/kitchen', '/health'];
    expect(links).toEqual(expect.arrayContaining(screens));
    for (const link of links) await t.http().get(link).expect(200);
  });

  it('serves the OpenAPI UI and spec with its security scheme and the error shape', async () => {
    const ui = await t.http().get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const spec = await t.http().get('/docs-json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(spec.body.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
      kitchenDevice: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Kitchen-Device' }),
      siteCredential: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Site-Credential' }),
    });
    const orders = spec.body.paths['/api/v1/orders'].post;
    expect(orders.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(orders['x-access'].scopes).toEqual(['orders:write']);
    expect(spec.body.paths['/api/v1/users'].get.security).toBeUndefined();
    expect(spec.body.components.schemas.ErrorBody).toBeDefined();
    const login = spec.body.paths['/api/v1/auth/login'].post;
    expect(login.responses['422'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorBody',
    );
    expect(login.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/PasswordLoginInput',
    );
  });

  it('answers every list with the page object, except /staff: the whole PIN-pad list (/menu is one object)', async () => {
    const spec = (await t.http().get('/docs-json').expect(200)).body;
    type Reply = { content?: Record<string, { schema: { type?: string } }> };
    const paths = spec.paths as Record<string, { get?: { responses: Record<string, Reply> } }>;
    const bareArrays = Object.entries(paths)
      .filter(([, { get }]) => get?.responses['200']?.content?.['application/json']?.schema.type === 'array')
      .map(([path]) => path);
    expect(bareArrays).toEqual(['/api/v1/staff']);
  });

  it("serves an OpenAPI spec that passes Redocly's recommended rules, warnings included", async () => {
    const spec = await t.http().get('/docs-json').expect(200);
    const folder = mkdtempSync(join(tmpdir(), 'pos-openapi-'));
    try {
      const file = join(folder, 'openapi.json');
      writeFileSync(file, JSON.stringify(spec.body));
      expect(await openApiProblems(file)).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('HTTP platform with the database gone', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DataSource).destroy();
  });

  afterAll(() => t.close());

  it('answers /health with 503 and database "down"', async () => {
    const response = await t.http().get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'error', database: 'down' });
  });

  it('answers an unexpected failure with 500 INTERNAL, the request id, and no stack or SQL', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'trace-500')
      .send({ username: 'admin', password: 'whatever-password' });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      error: { code: 'INTERNAL', message: 'Internal server error', details: null, requestId: 'trace-500' },
    });
  });
});
