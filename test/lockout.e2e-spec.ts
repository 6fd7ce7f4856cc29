import { MAX_PEOPLE_PER_ADDRESS, MAX_PEOPLE_PER_DEVICE } from '../src/auth/login-throttle';
import { as, login, loginAdmin, newWaiter, postFrom, requestFrom } from './support/clients';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('Failed-login lock-out', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp();
  });

  afterEach(() => t.close());

  const failPassword = (username: string) =>
    t.http().post('/api/v1/auth/login').send({ username, password: 'definitely-wrong' });

  it('locks an account after 5 failures with 429 LOCKED_OUT and Retry-After, from any IP and for any method', async () => {
    const waiter = await newWaiter(t);
    const wrong = { username: waiter.username, password: 'definitely-wrong' };
    for (let i = 0; i < 5; i++)
      expect((await postFrom(t, '127.0.0.2', '/api/v1/auth/login', wrong)).status).toBe(401);

    const right = { username: waiter.username, password: waiter.password };
    const locked = await postFrom(t, '127.0.0.3', '/api/v1/auth/login', right);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('LOCKED_OUT');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(55);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);

    const pin = await postFrom(t, '127.0.0.3', '/api/v1/auth/pin', { userId: waiter.id, pin: waiter.pin });
    expect(pin.status).toBe(429);
    expect((await postFrom(t, '127.0.0.3', '/api/v1/auth/login', ADMIN)).status).toBe(200);
  });

  it('lets the account in again once the lock expires, and a success resets the count', async () => {
    const waiter = await newWaiter(t);
    for (let i = 0; i < 5; i++) await failPassword(waiter.username).expect(401);
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: waiter.username, password: waiter.password })
      .expect(429);

    t.clock.advance(MINUTE + 1000);
    await login(t, waiter.username, waiter.password);

    for (let i = 0; i < 4; i++) await failPassword(waiter.username).expect(401);
    await login(t, waiter.username, waiter.password);
    await failPassword(waiter.username).expect(401);
    await login(t, waiter.username, waiter.password);
  });

  it('grows the back-off with each lock-out: 1, 2, 4 minutes', async () => {
    const waiter = await newWaiter(t);
    const retryAfters: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) await failPassword(waiter.username).expect(401);
      const locked = await failPassword(waiter.username).expect(429);
      retryAfters.push(Number(locked.headers['retry-after']));
      t.clock.advance(retryAfters[round] * 1000 + 1000);
    }
    expect(retryAfters[0]).toBeLessThanOrEqual(60);
    expect(retryAfters[0]).toBeGreaterThan(55);
    expect(retryAfters[1]).toBeGreaterThan(115);
    expect(retryAfters[1]).toBeLessThanOrEqual(120);
    expect(retryAfters[2]).toBeGreaterThan(235);
    expect(retryAfters[2]).toBeLessThanOrEqual(240);
  });

  it('forgets failures older than 15 minutes', async () => {
    const waiter = await newWaiter(t);
    for (let i = 0; i < 4; i++) await failPassword(waiter.username).expect(401);
    t.clock.advance(16 * MINUTE);
    for (let i = 0; i < 4; i++) await failPassword(waiter.username).expect(401);
    await login(t, waiter.username, waiter.password);
  });

  /** A PIN login from the restaurant's one address, on the tablet `deviceId`. */
  const pinOn = (deviceId: string, userId: string, pin: string) =>
    requestFrom(t, '127.0.0.6', 'POST', '/api/v1/auth/pin', {
      body: { userId, pin },
      headers: { 'X-Device-Id': deviceId },
    });

  it('locks out the person whose PIN was wrong five times, not the others on the same tablet and address', async () => {
    const typist = await newWaiter(t);
    const others = [await newWaiter(t), await newWaiter(t)];
    const wrongPin = typist.pin === '9999' ? '9998' : '9999';
    for (let i = 0; i < 5; i++) expect((await pinOn('tablet-1', typist.id, wrongPin)).status).toBe(401);

    const locked = await pinOn('tablet-1', typist.id, typist.pin);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('LOCKED_OUT');
    expect(locked.body.error.message).toBe(
      'Too many wrong attempts for this person: try again in 60 seconds',
    );
    expect(Number(locked.headers['retry-after'])).toBe(60);
    for (const other of others) expect((await pinOn('tablet-1', other.id, other.pin)).status).toBe(200);
  });

  it('locks a tablet on which many people fail, leaving the other tablets at the same address', async () => {
    for (let i = 0; i < MAX_PEOPLE_PER_DEVICE; i++) {
      const failed = await pinOn(
        'tablet-2',
        `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        '0000',
      );
      expect(failed.status).toBe(401);
    }
    const waiter = await newWaiter(t);
    const locked = await pinOn('tablet-2', waiter.id, waiter.pin);
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(
      /^Too many wrong attempts on this device: try again in \d+ seconds$/,
    );
    expect((await pinOn('tablet-3', waiter.id, waiter.pin)).status).toBe(200);
  });

  it('locks a client IP that sprays wrong passwords over many accounts, and only that IP', async () => {
    for (let i = 0; i < MAX_PEOPLE_PER_ADDRESS; i++) {
      const failed = await postFrom(t, '127.0.0.4', '/api/v1/auth/login', {
        username: `nobody-${i}`,
        password: 'x',
      });
      expect(failed.status).toBe(401);
    }
    const sprayed = await postFrom(t, '127.0.0.4', '/api/v1/auth/login', ADMIN);
    expect(sprayed.status).toBe(429);
    expect(sprayed.body.error.code).toBe('LOCKED_OUT');
    expect(sprayed.body.error.message).toMatch(/from this address: try again in \d+ seconds$/);
    expect((await postFrom(t, '127.0.0.5', '/api/v1/auth/login', ADMIN)).status).toBe(200);
  });

  it('answers unknown accounts exactly like known ones, lock-out included', async () => {
    const waiter = await newWaiter(t);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) known.push((await failPassword(waiter.username)).status);
    t.clock.advance(MINUTE + 1000);
    await login(t, waiter.username, waiter.password);
    for (let i = 0; i < 6; i++) unknown.push((await failPassword('no-such-user')).status);
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown).toEqual(known);
  });

  it('keeps the count in the database, so it holds across instances', async () => {
    const waiter = await newWaiter(t);
    for (let i = 0; i < 5; i++) await failPassword(waiter.username).expect(401);
    const rows = await t.dataSource.query(
      `SELECT locked_until FROM login_attempts WHERE subject = 'user:${waiter.id}'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].locked_until).not.toBeNull();
  });

  it('writes lock-outs and refused attempts as security events', async () => {
    const waiter = await newWaiter(t);
    for (let i = 0; i < 6; i++) await failPassword(waiter.username);
    t.clock.advance(MINUTE + 1000);
    const admin = await loginAdmin(t);
    const events = await as(t, admin).get('/api/v1/security/events?perPage=100').expect(200);
    const types = (events.body.items as Array<{ type: string; userId: string }>)
      .filter((e) => e.userId === waiter.id)
      .map((e) => e.type);
    expect(types.filter((type) => type === 'login.failed')).toHaveLength(5);
    expect(types).toContain('login.locked_out');
    expect(types).toContain('login.refused_locked');
  });
});
