import { createHash, randomUUID } from 'node:crypto';
import { as, issueKey, loginAdmin, newWaiter, Session, withKey } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describe('API keys', () => {
  let t: TestApp;
  let admin: Session;
  let menu: Restaurant;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    menu = await factories(t, admin).newRestaurant();
  });

  afterAll(() => t.close());

  const keys = () => as(t, admin);
  const takeaway = () => ({ type: 'takeaway', items: [{ dishId: menu.fries.id, quantity: 2 }] });
  const refusals = async (reason: string) => {
    const response = await keys().get('/api/v1/security/events?perPage=100').expect(200);
    return (
      response.body.items as Array<{ type: string; subject: string | null; details: { reason: string } }>
    ).filter((event) => event.type === 'api_key.refused' && event.details.reason === reason);
  };

  it('shows the key once, keeps only its SHA-256, and lists it by prefix', async () => {
    const issued = await issueKey(t, admin, { name: 'Aggregator', scopes: ['orders:write', 'orders:read'] });
    expect(issued.key).toMatch(/^pos_[A-Za-z0-9_-]{32}$/);
    expect(issued.key.startsWith(issued.prefix)).toBe(true);
    expect(issued).toMatchObject({
      name: 'Aggregator',
      active: true,
      rateLimitPerMinute: 600,
      lastUsedAt: null,
    });

    const listed = await keys().get('/api/v1/api-keys').expect(200);
    const one = await keys().get(`/api/v1/api-keys/${issued.id}`).expect(200);
    for (const body of [listed.body, one.body]) expect(JSON.stringify(body)).not.toContain(issued.key);
    expect(listed.body.items.map((key: { prefix: string }) => key.prefix)).toContain(issued.prefix);

    const [row] = await t.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM api_keys WHERE id = '${issued.id}'`,
    );
    expect(row.secret_hash).toBe(createHash('sha256').update(issued.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(issued.key.slice(issued.prefix.length));
  });

  it('creates an order as an integration: source api, no waiter, the key as author in the audit log', async () => {
    const issued = await issueKey(t, admin, { scopes: ['orders:write', 'orders:read'] });
    const created = await withKey(t, issued.key).post('/api/v1/orders').send(takeaway()).expect(201);
    expect(created.body).toMatchObject({ source: 'api', waiterId: null, total: 900 });
    await withKey(t, issued.key).get(`/api/v1/orders/${created.body.id}`).expect(200);

    const audit = await t.dataSource.query<Array<{ actor: string; action: string }>>(
      `SELECT actor, action FROM audit_log WHERE entity_id = '${created.body.id}'`,
    );
    expect(audit).toEqual([{ actor: `apiKey:${issued.id}`, action: 'order.created' }]);
  });

  it('takes a payment with payments:write, and names the key as its author', async () => {
    const issued = await issueKey(t, admin, { scopes: ['orders:write', 'payments:write'] });
    const methods = await keys()
      .post('/api/v1/payment-methods')
      .send({ name: 'Online', kind: 'card' })
      .expect(201);
    const order = await withKey(t, issued.key).post('/api/v1/orders').send(takeaway()).expect(201);
    const paid = await withKey(t, issued.key)
      .post(`/api/v1/orders/${order.body.id}/payments`)
      .send({ methodId: methods.body.id, amount: 900 })
      .expect(201);
    const audit = await t.dataSource.query<Array<{ actor: string; action: string }>>(
      `SELECT actor, action FROM audit_log WHERE entity_id = '${paid.body.id}'`,
    );
    expect(audit).toEqual([{ actor: `apiKey:${issued.id}`, action: 'payment.taken' }]);
  });

  it('never lets a key past its scopes, nor onto a staff-only route, and records each refusal', async () => {
    const reader = await issueKey(t, admin, { scopes: ['orders:read'] });
    await withKey(t, reader.key).get('/api/v1/orders').expect(200);
    const outOfScope = await withKey(t, reader.key).post('/api/v1/orders').send(takeaway());
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.error).toEqual({
      code: 'FORBIDDEN',
      message: 'This API key lacks the scope: orders:write',
      details: null,
    });
    const everything = await issueKey(t, admin, {
      scopes: [
        'menu:read',
        'menu:write',
        'tables:read',
        'orders:read',
        'orders:write',
        'payments:write',
        'events:read',
        'reports:read',
      ],
    });
    const staffOnly = [
      ['get', '/api/v1/users'],
      ['post', '/api/v1/users'],
      ['get', '/api/v1/api-keys'],
      ['post', '/api/v1/api-keys'],
      ['get', '/api/v1/security/events'],
      ['get', '/api/v1/auth/me'],
      ['get', '/api/v1/kitchen/tickets'],
      ['post', `/api/v1/tables/${menu.table.id}/qr/rotate`],
      ['get', `/api/v1/tables/${menu.table.id}/qr`],
    ] as const;
    for (const [method, path] of staffOnly) {
      const response = await withKey(t, everything.key)[method](path).send({});
      expect({ path, status: response.status, code: response.body.error?.code }).toEqual({
        path,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect((await refusals('out_of_scope')).some((event) => event.subject === `apiKey:${reader.id}`)).toBe(
      true,
    );
    expect(
      (await refusals('staff_only')).filter((event) => event.subject === `apiKey:${everything.id}`),
    ).toHaveLength(staffOnly.length);
  });

  it('lets a key read the menu and the floor within its scopes, without the QR tokens', async () => {
    const issued = await issueKey(t, admin, { scopes: ['menu:read', 'tables:read'] });
    const dishes = await withKey(t, issued.key).get('/api/v1/dishes').expect(200);
    expect(dishes.body.items.length).toBeGreaterThan(0);
    const table = await withKey(t, issued.key).get(`/api/v1/tables/${menu.table.id}`).expect(200);
    expect(table.body.qrToken).toBeUndefined();
    await withKey(t, issued.key).get('/api/v1/orders').expect(403);
  });

  it('refuses an unknown or malformed key with 401, recording its shown prefix only', async () => {
    const issued = await issueKey(t, admin);
    const forged = `${issued.key.slice(0, -4)}AAAA`;
    for (const key of [forged, 'not-a-key', '']) {
      const response = await withKey(t, key).get('/api/v1/orders');
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
    const unknown = await refusals('unknown');
    expect(unknown.map((event) => event.subject)).toContain(forged.slice(0, 12));
    expect(JSON.stringify(unknown)).not.toContain(forged);
  });

  it('stops a deactivated key at once, brings it back when reactivated, and forgets a deleted one', async () => {
    const issued = await issueKey(t, admin);
    await withKey(t, issued.key).get('/api/v1/orders').expect(200);
    await keys().patch(`/api/v1/api-keys/${issued.id}`).send({ active: false }).expect(200);
    await withKey(t, issued.key).get('/api/v1/orders').expect(401);
    expect((await refusals('inactive')).some((event) => event.subject === `apiKey:${issued.id}`)).toBe(true);
    await keys().patch(`/api/v1/api-keys/${issued.id}`).send({ active: true }).expect(200);
    await withKey(t, issued.key).get('/api/v1/orders').expect(200);
    await keys().delete(`/api/v1/api-keys/${issued.id}`).expect(204);
    await withKey(t, issued.key).get('/api/v1/orders').expect(401);
    await keys().get(`/api/v1/api-keys/${issued.id}`).expect(404);
  });

  it('narrows a key at once when its scopes change', async () => {
    const issued = await issueKey(t, admin, { scopes: ['orders:read', 'orders:write'] });
    await withKey(t, issued.key).post('/api/v1/orders').send(takeaway()).expect(201);
    await keys()
      .patch(`/api/v1/api-keys/${issued.id}`)
      .send({ scopes: ['orders:read'] })
      .expect(200);
    await withKey(t, issued.key).post('/api/v1/orders').send(takeaway()).expect(403);
  });

  it('expires a key at its expiresAt, and refuses an expiry in the past', async () => {
    const inAnHour = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const issued = await issueKey(t, admin, { expiresAt: inAnHour });
    await withKey(t, issued.key).get('/api/v1/orders').expect(200);
    t.clock.advance(3_600_000);
    await withKey(t, issued.key).get('/api/v1/orders').expect(401);
    expect((await refusals('expired')).some((event) => event.subject === `apiKey:${issued.id}`)).toBe(true);

    const past = await keys()
      .post('/api/v1/api-keys')
      .send({ name: 'Late', scopes: ['orders:read'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(422);
    expect(past.body.error.details).toEqual([{ field: 'expiresAt', message: 'must be in the future' }]);
  });

  it('rotates: the new secret works at once, the old one for the grace period only', async () => {
    const issued = await issueKey(t, admin);
    const rotated = await keys()
      .post(`/api/v1/api-keys/${issued.id}/rotate`)
      .send({ graceSeconds: 600 })
      .expect(201);
    expect(rotated.body.key).not.toBe(issued.key);
    expect(rotated.body.id).toBe(issued.id);
    await withKey(t, rotated.body.key).get('/api/v1/orders').expect(200);
    await withKey(t, issued.key).get('/api/v1/orders').expect(200);
    t.clock.advance(599_000);
    await withKey(t, issued.key).get('/api/v1/orders').expect(200);
    t.clock.advance(2_000);
    await withKey(t, issued.key).get('/api/v1/orders').expect(401);
    await withKey(t, rotated.body.key).get('/api/v1/orders').expect(200);
    expect((await refusals('rotated_out')).some((event) => event.subject === `apiKey:${issued.id}`)).toBe(
      true,
    );

    const again = await keys()
      .post(`/api/v1/api-keys/${issued.id}/rotate`)
      .send({ graceSeconds: 0 })
      .expect(201);
    await withKey(t, rotated.body.key).get('/api/v1/orders').expect(401);
    await withKey(t, again.body.key).get('/api/v1/orders').expect(200);
  });

  it('counts every request made with a key: totals, errors, routes, statuses, days and hours, lastUsedAt', async () => {
    const issued = await issueKey(t, admin, {
      scopes: ['orders:read', 'orders:write'],
      rateLimitPerMinute: 9,
    });
    const client = withKey(t, issued.key);
    for (let i = 0; i < 4; i++) await client.get('/api/v1/orders').expect(200);
    await client.post('/api/v1/orders').send(takeaway()).expect(201);
    await client.post('/api/v1/orders').send({ type: 'takeaway', items: [] }).expect(422);
    for (let i = 0; i < 3; i++) await client.get(`/api/v1/orders/${randomUUID()}`).expect(404);
    await client.get('/api/v1/orders').expect(429);

    const usage = await keys().get(`/api/v1/api-keys/${issued.id}/usage`).expect(200);
    expect(usage.body).toMatchObject({ keyId: issued.id, requests: 10, errors: 5 });
    const byRoute = Object.fromEntries(
      usage.body.byRoute.map((route: { route: string; requests: number; errors: number }) => [
        route.route,
        [route.requests, route.errors],
      ]),
    );
    expect(byRoute).toEqual({ '/api/v1/orders': [7, 2], '/api/v1/orders/:id': [3, 3] });
    const byStatus = Object.fromEntries(
      usage.body.byStatus.map((entry: { status: number; requests: number }) => [
        entry.status,
        entry.requests,
      ]),
    );
    expect(byStatus).toEqual({ 200: 4, 201: 1, 404: 3, 422: 1, 429: 1 });
    const today = t.clock.now().toISOString().slice(0, 10);
    expect(usage.body.byDay.find((day: { day: string }) => day.day === today)).toEqual({
      day: today,
      requests: 10,
      errors: 5,
    });
    const hours = usage.body.byHour.filter((hour: { requests: number }) => hour.requests > 0);
    expect(hours).toEqual([{ hour: expect.any(String), requests: 10, errors: 5 }]);
    expect(usage.body.latencyMs.p99).toBeGreaterThanOrEqual(usage.body.latencyMs.p50);

    const listed = await keys().get(`/api/v1/api-keys/${issued.id}`).expect(200);
    expect(listed.body.lastUsedAt).toBe(usage.body.lastUsedAt);
    expect(Date.parse(listed.body.lastUsedAt)).toBeLessThanOrEqual(t.clock.now().getTime());
    await keys().get(`/api/v1/api-keys/${randomUUID()}/usage`).expect(404);
  });

  it('validates what an admin sends with a clear 422', async () => {
    const response = await keys()
      .post('/api/v1/api-keys')
      .send({
        name: '',
        scopes: ['orders:read', 'orders:fly'],
        allowedIps: ['10.0.0.0/33', 'example.com'],
        rateLimitPerMinute: 0,
      });
    expect(response.status).toBe(422);
    const fields = response.body.error.details.map((d: { field: string }) => d.field);
    expect(new Set(fields)).toEqual(new Set(['name', 'scopes', 'allowedIps', 'rateLimitPerMinute']));
    const waiter = await newWaiter(t);
    await as(t, waiter.session)
      .post('/api/v1/api-keys')
      .send({ name: 'x', scopes: ['orders:read'] })
      .expect(403);
  });

  describe('on socket.io and GET /events', () => {
    const open = openSockets(() => t);

    it('streams to a key with events:read what integrations may see, and nothing else', async () => {
      const issued = await issueKey(t, admin, { scopes: ['events:read', 'orders:write'] });
      const socket = await open({ apiKey: issued.key });
      const waiter = await newWaiter(t);
      await as(t, waiter.session)
        .patch(`/api/v1/tables/${menu.table.id}/status`)
        .send({ status: 'reserved' })
        .expect(200);
      const order = await withKey(t, issued.key).post('/api/v1/orders').send(takeaway()).expect(201);
      const before = await socket.receivedBefore(
        (event) => event.type === 'order.created' && event.data.id === order.body.id,
      );
      expect(before.map((event) => event.type)).not.toContain('table.status_changed');

      const caughtUp = await withKey(t, issued.key).get('/api/v1/events?since=0&limit=1000').expect(200);
      const types = new Set(caughtUp.body.items.map((event: { type: string }) => event.type));
      expect(types.has('order.created')).toBe(true);
      expect(types.has('table.status_changed')).toBe(false);
    });

    it('holds the socket of a key that expires in 60 days, beyond what one setTimeout can wait', async () => {
      const inSixtyDays = new Date(Date.now() + 60 * 86_400_000).toISOString();
      const issued = await issueKey(t, admin, {
        scopes: ['events:read', 'orders:write'],
        expiresAt: inSixtyDays,
      });
      const socket = await open({ apiKey: issued.key });
      // An event caused after the socket connected: until() rejects if the socket was dropped before it arrived.
      const order = await withKey(t, issued.key).post('/api/v1/orders').send(takeaway()).expect(201);
      await socket.until((events) =>
        events.some((event) => event.type === 'order.created' && event.data.id === order.body.id),
      );
      expect(socket.socket.connected).toBe(true);
    });

    it("refuses a key without events:read, and drops a key's socket when it is deactivated", async () => {
      const reader = await issueKey(t, admin, { scopes: ['orders:read'] });
      await expect(open({ apiKey: reader.key })).rejects.toThrow('UNAUTHORIZED');
      await expect(open({ apiKey: 'pos_nothing' })).rejects.toThrow('UNAUTHORIZED');

      const listener = await issueKey(t, admin, { scopes: ['events:read'] });
      const socket = await open({ apiKey: listener.key });
      await keys().patch(`/api/v1/api-keys/${listener.id}`).send({ active: false }).expect(200);
      await socket.disconnected();
      await expect(open({ apiKey: listener.key })).rejects.toThrow('UNAUTHORIZED');
    });
  });
});
