/**
 * Security administration: the IP block list (manual and automatic), login history, and the filters of
 * GET /security/events. Requests come from other loopback addresses (127.0.0.x) to act as other clients; the test's
 * own requests, the admin's, come from 127.0.0.1.
 */
import { as, login, loginAdmin, newWaiter, requestFrom, Session } from './support/clients';
import { twoInstancesForTheseTests, withInstances } from './support/instances';
import { connect } from './support/sockets';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

const MINUTE = 60_000;

interface Block {
  id: string;
  range: string;
  reason: string;
  source: 'manual' | 'automatic';
  active: boolean;
  createdBy: string | null;
  expiresAt: string | null;
  liftedAt: string | null;
  liftedBy: string | null;
}

interface SecurityEvent {
  type: string;
  userId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
  occurredAt: string;
}

describe('Security administration', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  const block = async (body: Record<string, unknown>): Promise<Block> => {
    const response = await as(t, admin)
      .post('/api/v1/security/ip-blocks')
      .send({ reason: 'test', ...body })
      .expect(201);
    return response.body as Block;
  };
  const lift = (id: string) => as(t, admin).delete(`/api/v1/security/ip-blocks/${id}`);
  const staffFrom = (address: string) => requestFrom(t, address, 'GET', '/api/v1/staff');
  const events = async (query: string): Promise<SecurityEvent[]> => {
    const response = await as(t, admin).get(`/api/v1/security/events?perPage=100&${query}`).expect(200);
    return response.body.items as SecurityEvent[];
  };

  describe('the block list', () => {
    it('refuses a blocked address on HTTP before authentication, and its socket handshakes, until lifted', async () => {
      const blocked = '127.0.0.2';
      const waiter = await newWaiter(t);
      const openSocket = await connect(t, { token: waiter.session.accessToken }, blocked);

      const created = await block({ range: blocked, reason: 'Scraping the menu' });
      expect(created).toMatchObject({
        range: blocked,
        reason: 'Scraping the menu',
        source: 'manual',
        active: true,
        createdBy: admin.user.id,
        expiresAt: null,
      });

      const refused = await staffFrom(blocked);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        error: { code: 'FORBIDDEN', message: 'Requests from this address are blocked', details: null },
      });
      const withToken = await requestFrom(t, blocked, 'GET', '/api/v1/auth/me', {
        headers: { Authorization: `Bearer ${waiter.session.accessToken}` },
      });
      expect(withToken.status).toBe(403);
      // Every spelling that Express routes to the health route stays open; the API next to it does not.
      for (const path of ['/health', '/health/', '/HEALTH', '/Health/?probe=1', '/health?x=1']) {
        expect([path, (await requestFrom(t, blocked, 'GET', path)).status]).toEqual([path, 200]);
      }
      expect((await requestFrom(t, blocked, 'HEAD', '/health/')).status).toBe(200);
      expect((await requestFrom(t, blocked, 'GET', '/health/x')).status).toBe(403);
      expect((await staffFrom('127.0.0.3')).status).toBe(200);

      expect(await openSocket.disconnected()).toBe('io server disconnect');
      await expect(connect(t, { token: waiter.session.accessToken }, blocked)).rejects.toThrow('FORBIDDEN');

      await lift(created.id).expect(204);
      expect((await staffFrom(blocked)).status).toBe(200);
      (await connect(t, { token: waiter.session.accessToken }, blocked)).close();

      const history = await as(t, admin).get('/api/v1/security/ip-blocks?active=false').expect(200);
      expect(history.body.items).toContainEqual(
        expect.objectContaining({ id: created.id, active: false, liftedBy: admin.user.id }),
      );
      await lift(created.id).expect(409);
      await lift('00000000-0000-4000-8000-000000000000').expect(404);

      const audit = await t.dataSource.query(
        `SELECT action FROM audit_log WHERE entity_id = '${created.id}' ORDER BY occurred_at`,
      );
      expect(audit.map((row: { action: string }) => row.action)).toEqual([
        'ip_block.created',
        'ip_block.lifted',
      ]);
      const [lifted, added] = await events(`ip=${blocked}`).then((list) =>
        list.filter((event) => event.type.startsWith('ip_block.') && event.type !== 'ip_block.refused'),
      );
      expect([lifted.type, added.type]).toEqual(['ip_block.lifted', 'ip_block.created']);
      expect(added.userId).toBe(admin.user.id);
    });

    it('blocks every address of a CIDR range and none outside it', async () => {
      const range = await block({ range: '127.0.1.0/24' });
      expect((await staffFrom('127.0.1.1')).status).toBe(403);
      expect((await staffFrom('127.0.1.254')).status).toBe(403);
      // The menu is answered at the front door, ahead of Express (PrebuiltReplies), and still behind the block list.
      expect((await requestFrom(t, '127.0.1.7', 'GET', '/api/v1/menu')).status).toBe(403);
      expect((await staffFrom('127.0.2.1')).status).toBe(200);
      const active = await as(t, admin).get('/api/v1/security/ip-blocks?active=true').expect(200);
      expect((active.body.items as Block[]).map((item) => item.id)).toContain(range.id);
      await lift(range.id).expect(204);
      expect((await staffFrom('127.0.1.1')).status).toBe(200);
    });

    it('accepts IPv6 ranges and refuses absurd, malformed, duplicate and past blocks, changing nothing', async () => {
      const ipv6 = await block({ range: '2001:DB8::/32' });
      expect(ipv6.range).toBe('2001:db8::/32');
      const post = (body: object) =>
        as(t, admin)
          .post('/api/v1/security/ip-blocks')
          .send({ reason: 'test', ...body });
      const countBefore = (await as(t, admin).get('/api/v1/security/ip-blocks').expect(200)).body.total;
      // Forced, so that only the range itself is judged. The IPv6 ones match every IPv4 client (::ffff:0:0/96 is
      // IPv4's /0 written as IPv6, ::/16 holds it) or carry a zone id.
      const absurd = ['0.0.0.0/0', '::/0', '10.0.0.0/7', 'example.com', '10.0.0.0/33', ''];
      const disguised = ['::ffff:0:0/96', '::/16', '::ffff:10.0.0.0/103', 'fe80::1%eth0', 'fe80::%eth0/64'];
      for (const range of [...absurd, ...disguised]) {
        const refused = await post({ range, force: true }).expect(422);
        expect(refused.body.error.code).toBe('VALIDATION_ERROR');
        expect(refused.body.error.details[0].field).toBe('range');
      }
      await post({ range: '2001:db8::/32' }).expect(409);
      await post({ range: '198.51.100.7', expiresAt: new Date(Date.now() - MINUTE).toISOString() }).expect(
        422,
      );
      const countAfter = (await as(t, admin).get('/api/v1/security/ip-blocks').expect(200)).body.total;
      expect(countAfter).toBe(countBefore);
      await lift(ipv6.id).expect(204);
    });

    it("refuses a block that holds the admin's own address unless forced, and ends a block when it expires", async () => {
      const own = await as(t, admin)
        .post('/api/v1/security/ip-blocks')
        .send({ range: '127.0.0.0/8', reason: 'oops' })
        .expect(422);
      expect(own.body.error.details[0].message).toMatch(/holds your own address \(127\.0\.0\.1\)/);

      const forced = await block({
        range: '127.0.0.1',
        force: true,
        expiresAt: new Date(t.clock.now().getTime() + MINUTE).toISOString(),
      });
      expect(forced.active).toBe(true);
      await as(t, admin).get('/api/v1/security/ip-blocks').expect(403);

      t.clock.advance(MINUTE + 1000);
      const expired = await as(t, admin).get('/api/v1/security/ip-blocks?active=false').expect(200);
      expect(expired.body.items).toContainEqual(expect.objectContaining({ id: forced.id, active: false }));
      await lift(forced.id).expect(409);
    });

    it('blocks a range once when three admins block it at once, so that lifting that block lets it in', async () => {
      const post = () =>
        as(t, admin).post('/api/v1/security/ip-blocks').send({ range: '127.0.3.0/24', reason: 'race' });
      const replies = await Promise.all([post(), post(), post()]);
      expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409, 409]);
      for (const refused of replies.filter((reply) => reply.status === 409)) {
        expect(refused.body.error).toMatchObject({
          code: 'CONFLICT',
          message: expect.stringMatching(/blocked already/),
        });
      }
      const created = replies.find((reply) => reply.status === 201)!.body as Block;
      await lift(created.id).expect(204);
      expect((await staffFrom('127.0.3.1')).status).toBe(200);
      const again = await block({
        range: '127.0.3.0/24',
        expiresAt: new Date(t.clock.now().getTime() + MINUTE).toISOString(),
      });
      t.clock.advance(MINUTE + 1000);
      const afterExpiry = await block({ range: '127.0.3.0/24' });
      expect([again.active, afterExpiry.active]).toEqual([true, true]);
      await lift(afterExpiry.id).expect(204);
    });

    it('records refusals as security events, one per block and minute with the count of the others', async () => {
      const blocked = '127.0.0.4';
      const created = await block({ range: blocked });
      for (let i = 0; i < 5; i++) expect((await staffFrom(blocked)).status).toBe(403);
      t.clock.advance(MINUTE + 1000);
      await expect(connect(t, { token: admin.accessToken }, blocked)).rejects.toThrow('FORBIDDEN');

      const refusals = await eventually('the second refusal event', async () => {
        const found = await events(`type=ip_block.refused&ip=${blocked}`);
        return found.length >= 2 && found;
      });
      expect(refusals).toHaveLength(2);
      expect(refusals.map((event) => event.details)).toEqual([
        { blockId: created.id, range: blocked, channel: 'socket.io', refusedSinceLastEvent: 4 },
        { blockId: created.id, range: blocked, channel: 'http', refusedSinceLastEvent: 0 },
      ]);
      await lift(created.id).expect(204);
    });
  });

  describe('automatic blocks', () => {
    const fail = (address: string, username: string) =>
      requestFrom(t, address, 'POST', '/api/v1/auth/login', { body: { username, password: 'wrong' } });

    it('blocks an address whose failed logins reach 10 over 3 or more accounts, while another logs in', async () => {
      const sprayer = '127.0.0.5';
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await fail(sprayer, `guess-${i % 4}`)).status);
      // No lock-out comes first: no one failed five times, and an address locks only once eight people fail there.
      expect(statuses).toEqual(Array<number>(10).fill(401));
      expect((await staffFrom(sprayer)).status).toBe(403);
      expect((await requestFrom(t, '127.0.0.6', 'POST', '/api/v1/auth/login', { body: ADMIN })).status).toBe(
        200,
      );

      const [automatic] = (await as(t, admin).get('/api/v1/security/ip-blocks?active=true').expect(200)).body
        .items as Block[];
      expect(automatic).toMatchObject({ range: sprayer, source: 'automatic', createdBy: null });
      const expiresInMs = new Date(automatic.expiresAt!).getTime() - t.clock.now().getTime();
      expect(expiresInMs).toBeGreaterThan(29 * MINUTE);
      expect(expiresInMs).toBeLessThanOrEqual(30 * MINUTE);
      const [recorded] = await events(`type=ip_block.automatic&ip=${sprayer}`);
      expect(recorded.details).toMatchObject({ blockId: automatic.id, failures: 10, accounts: 4 });

      t.clock.advance(30 * MINUTE + 1000);
      expect((await staffFrom(sprayer)).status).toBe(200);
    });

    it('does not block failures for one or two accounts, however many', async () => {
      const clumsy = '127.0.0.7';
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await fail(clumsy, i % 2 ? 'anna' : 'ben')).status);
      expect(statuses.filter((status) => status === 403)).toEqual([]);
      expect((await staffFrom(clumsy)).status).toBe(200);
    });

    it('does not count failures from before an admin lifted the block again', async () => {
      const sprayer = '127.0.0.8';
      for (let i = 0; i < 10; i++) await fail(sprayer, `other-${i}`);
      expect((await staffFrom(sprayer)).status).toBe(403);
      const [automatic] = (await as(t, admin).get('/api/v1/security/ip-blocks?active=true').expect(200)).body
        .items as Block[];
      await lift(automatic.id).expect(204);
      expect((await fail(sprayer, 'one-more')).status).toBe(429);
      expect((await staffFrom(sprayer)).status).toBe(200);
    });
  });

  describe('login history', () => {
    it('lists logins, failures and refreshes newest first with method, address and user agent', async () => {
      const waiter = await newWaiter(t);
      const tablet = '127.0.0.9';
      const userAgent = 'PosTablet/2.1 (Android 14)';
      const from = (path: string, body: object) =>
        requestFrom(t, tablet, 'POST', path, { body, headers: { 'User-Agent': userAgent } });
      expect((await from('/api/v1/auth/login', { username: waiter.username, password: 'nope' })).status).toBe(
        401,
      );
      const loggedIn = await from('/api/v1/auth/login', {
        username: waiter.username,
        password: waiter.password,
      });
      expect(loggedIn.status).toBe(200);
      expect((await from('/api/v1/auth/pin', { userId: waiter.id, pin: waiter.pin })).status).toBe(200);
      expect((await from('/api/v1/auth/refresh', { refreshToken: loggedIn.body.refreshToken })).status).toBe(
        200,
      );

      const history = await as(t, admin).get(`/api/v1/users/${waiter.id}/logins?perPage=4`).expect(200);
      expect(history.body).toMatchObject({ page: 1, perPage: 4, total: 5, pages: 2 });
      expect(history.body.items).toEqual([
        { occurredAt: expect.any(String), ip: tablet, userAgent, method: 'refresh', result: 'succeeded' },
        { occurredAt: expect.any(String), ip: tablet, userAgent, method: 'pin', result: 'succeeded' },
        { occurredAt: expect.any(String), ip: tablet, userAgent, method: 'password', result: 'succeeded' },
        { occurredAt: expect.any(String), ip: tablet, userAgent, method: 'password', result: 'failed' },
      ]);
      // The first, newWaiter's own login, from 127.0.0.1 with supertest's user agent.
      const oldest = await as(t, admin).get(`/api/v1/users/${waiter.id}/logins?perPage=4&page=2`).expect(200);
      expect(oldest.body.items).toEqual([expect.objectContaining({ ip: '127.0.0.1', result: 'succeeded' })]);
    });

    it('lets staff read their own history only, and answers 404 for an unknown user', async () => {
      const waiter = await newWaiter(t);
      const other = await newWaiter(t);
      const own = await as(t, waiter.session).get(`/api/v1/users/${waiter.id}/logins`).expect(200);
      expect(own.body.total).toBe(1);
      const refused = await as(t, waiter.session).get(`/api/v1/users/${other.id}/logins`).expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      await as(t, admin).get('/api/v1/users/00000000-0000-4000-8000-000000000000/logins').expect(404);
    });
  });

  describe('GET /security/events filters', () => {
    it('filters by type, user, address and time, newest first', async () => {
      const waiter = await newWaiter(t);
      const address = '127.0.0.10';
      const failFrom = () =>
        requestFrom(t, address, 'POST', '/api/v1/auth/login', {
          body: { username: waiter.username, password: 'wrong' },
        });
      expect((await failFrom()).status).toBe(401);
      t.clock.advance(MINUTE);
      const between = t.clock.now();
      t.clock.advance(MINUTE);
      expect((await failFrom()).status).toBe(401);
      await login(t, waiter.username, waiter.password);

      const failures = await events(`type=login.failed&userId=${waiter.id}`);
      expect(failures).toHaveLength(2);
      expect(failures.map((event) => event.ip)).toEqual([address, address]);
      expect(new Date(failures[0].occurredAt) > new Date(failures[1].occurredAt)).toBe(true);

      const ofUser = await events(`userId=${waiter.id}`);
      expect(ofUser.map((event) => event.type)).toEqual([
        'login.succeeded',
        'login.failed',
        'login.failed',
        'login.succeeded',
      ]);
      expect((await events(`ip=${address}`)).map((event) => event.type)).toEqual([
        'login.failed',
        'login.failed',
      ]);
      const later = await events(`userId=${waiter.id}&ip=${address}&from=${between.toISOString()}`);
      expect(later.map((event) => event.occurredAt)).toEqual([failures[0].occurredAt]);
      const earlier = await events(`userId=${waiter.id}&ip=${address}&to=${between.toISOString()}`);
      expect(earlier.map((event) => event.occurredAt)).toEqual([failures[1].occurredAt]);

      for (const bad of [
        'type=login.maybe',
        'from=yesterday',
        'to=2026-02-30T00:00:00Z',
        'ip=' + 'x'.repeat(65),
      ]) {
        const refused = await as(t, admin).get(`/api/v1/security/events?${bad}`).expect(422);
        expect(refused.body.error.code).toBe('VALIDATION_ERROR');
      }
    });
  });
});

withInstances('Security administration on two instances', () => {
  const { two } = twoInstancesForTheseTests();

  it('refuses an address on B once it is blocked on A, and admits it again once lifted on A', async () => {
    const { a, b, admin } = two();
    const blocked = '127.0.0.11';
    const fromB = () => requestFrom(b, blocked, 'GET', '/api/v1/staff');
    expect((await fromB()).status).toBe(200);

    const created = await as(a, admin)
      .post('/api/v1/security/ip-blocks')
      .send({ range: blocked, reason: 'two instances' })
      .expect(201);
    await eventually('B refusing the blocked address', async () => (await fromB()).status === 403);
    await expect(connect(b, { token: admin.accessToken }, blocked)).rejects.toThrow('FORBIDDEN');

    await as(a, admin).delete(`/api/v1/security/ip-blocks/${created.body.id}`).expect(204);
    await eventually('B admitting the address again', async () => (await fromB()).status === 200);
    (await connect(b, { token: admin.accessToken }, blocked)).close();
  });
});
