/**
 * Enrolling in TOTP: the secret and its QR code, confirming it with a code, and the password each step asks for
 * again, so that whoever holds a stolen access token cannot enrol an authenticator of their own. Enabling ends the
 * user's other sessions and is a security event.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { Role } from '../src/common/access/role';
import { as, login, newStaff, requestFrom, Session } from './support/clients';
import { securityEventsOf, wrongCodeAt } from './support/second-factor';
import { connect } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { totpCode as codeAt } from './support/totp';

describe('Enrolling in two-factor authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('gives a secret, its otpauth URL and a QR code of it, and turns on with a current code', async () => {
    const manager = await newStaff(t, Role.Manager);
    const setup = await as(t, manager.session)
      .post('/api/v1/auth/2fa/setup')
      .send({ password: manager.password })
      .expect(200);
    const { secret, otpauthUrl, qrCode } = setup.body as Record<string, string>;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe(`/My Restaurant:${manager.username}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      issuer: 'My Restaurant',
      secret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    expect(qrCode).toMatch(/^data:image\/png;base64,/);
    const image = PNG.sync.read(Buffer.from(qrCode.split(',')[1], 'base64'));
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(otpauthUrl);

    const me = () => as(t, manager.session).get('/api/v1/auth/me').expect(200);
    expect((await me()).body.twoFactorEnabled).toBe(false);
    const wrong = await as(t, manager.session)
      .post('/api/v1/auth/2fa/enable')
      .send({ code: wrongCodeAt(secret, t.clock.now()), password: manager.password })
      .expect(422);
    expect(wrong.body.error.details).toEqual([{ field: 'code', message: expect.any(String) }]);
    expect((await me()).body.twoFactorEnabled).toBe(false);

    const enabled = await as(t, manager.session)
      .post('/api/v1/auth/2fa/enable')
      .send({ code: codeAt(secret, t.clock.now()), password: manager.password })
      .expect(200);
    const codes = enabled.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    expect((await me()).body).toEqual({ ...manager.session.user, twoFactorEnabled: true });

    const [stored] = await t.dataSource.query(
      `SELECT sealed_secret FROM second_factors WHERE user_id = '${manager.id}'`,
    );
    expect(stored.sealed_secret).toMatch(/^v1\./);
    expect(stored.sealed_secret).not.toContain(secret);
    const hashes = await t.dataSource.query(
      `SELECT code_hash FROM recovery_codes WHERE user_id = '${manager.id}'`,
    );
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) expect(codes).not.toContain(code_hash);

    await as(t, manager.session)
      .post('/api/v1/auth/2fa/setup')
      .send({ password: manager.password })
      .expect(409);
    await as(t, manager.session)
      .post('/api/v1/auth/2fa/enable')
      .send({ code: codeAt(secret, t.clock.now()), password: manager.password })
      .expect(409);
    const types = (await securityEventsOf(t, manager.id)).map((event) => event.type);
    expect(types).toContain('second_factor.enabled');
  });

  it('replaces a pending setup with a new one: only the newest secret confirms', async () => {
    const admin = await newStaff(t, Role.Admin);
    const first = await as(t, admin.session)
      .post('/api/v1/auth/2fa/setup')
      .send({ password: admin.password })
      .expect(200);
    const second = await as(t, admin.session)
      .post('/api/v1/auth/2fa/setup')
      .send({ password: admin.password })
      .expect(200);
    expect(second.body.secret).not.toBe(first.body.secret);
    await as(t, admin.session)
      .post('/api/v1/auth/2fa/enable')
      .send({ code: wrongCodeAt(second.body.secret, t.clock.now()), password: admin.password })
      .expect(422);
    await as(t, admin.session)
      .post('/api/v1/auth/2fa/enable')
      .send({ code: codeAt(second.body.secret, t.clock.now()), password: admin.password })
      .expect(200);
  });

  it('asks for a setup before enabling', async () => {
    const manager = await newStaff(t, Role.Manager);
    const refused = await as(t, manager.session)
      .post('/api/v1/auth/2fa/enable')
      .send({ code: '123456', password: manager.password })
      .expect(409);
    expect(refused.body.error.code).toBe('CONFLICT');
  });

  it('is for admins and managers only', async () => {
    for (const role of [Role.Waiter, Role.Kitchen]) {
      const staff = await newStaff(t, role);
      const refused = await as(t, staff.session).post('/api/v1/auth/2fa/setup').expect(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      await as(t, staff.session).post('/api/v1/auth/2fa/enable').send({ code: '123456' }).expect(403);
      const [{ count }] = await t.dataSource.query(
        `SELECT COUNT(*) AS count FROM second_factors WHERE user_id = '${staff.id}'`,
      );
      expect(Number(count)).toBe(0);
    }
  });

  describe('asks for the password again', () => {
    it('refuses setup and enable without it, or with a wrong one, recording each wrong one', async () => {
      const manager = await newStaff(t, Role.Manager);
      const setup = () => as(t, manager.session).post('/api/v1/auth/2fa/setup');
      const missing = await setup().send({}).expect(422);
      expect(missing.body.error.details.map((problem: { field: string }) => problem.field)).toContain(
        'password',
      );
      const wrong = await setup().send({ password: 'not-the-password' }).expect(422);
      expect(wrong.body.error.details).toEqual([
        { field: 'password', message: 'is not the password of this account' },
      ]);

      const { secret } = (await setup().send({ password: manager.password }).expect(200)).body;
      const enable = (body: object) => as(t, manager.session).post('/api/v1/auth/2fa/enable').send(body);
      const code = codeAt(secret as string, t.clock.now());
      await enable({ code }).expect(422);
      const wrongOnEnable = await enable({ code, password: 'not-the-password' }).expect(422);
      expect(wrongOnEnable.body.error.details[0].field).toBe('password');
      expect((await as(t, manager.session).get('/api/v1/auth/me').expect(200)).body.twoFactorEnabled).toBe(
        false,
      );

      const refused = (await securityEventsOf(t, manager.id)).filter(
        (event) => event.type === 'second_factor.setup_refused',
      );
      expect(refused).toEqual([
        { type: 'second_factor.setup_refused', details: { method: 'password' } },
        { type: 'second_factor.setup_refused', details: { method: 'password' } },
      ]);
      await enable({ code, password: manager.password }).expect(200);
    });

    it('counts wrong passwords towards the lock-out, as failed logins', async () => {
      const manager = await newStaff(t, Role.Manager);
      const setup = (password: string) =>
        requestFrom(t, '127.0.0.31', 'POST', '/api/v1/auth/2fa/setup', {
          body: { password },
          headers: { Authorization: `Bearer ${manager.session.accessToken}` },
        });
      for (let i = 0; i < 5; i++) expect((await setup('not-the-password')).status).toBe(422);
      const locked = await setup(manager.password);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('LOCKED_OUT');
      const loginAttempt = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: manager.username, password: manager.password });
      expect(loginAttempt.status).toBe(429);
    });
  });

  it("ends the user's other sessions when it is enabled, and keeps the enrolling one", async () => {
    const manager = await newStaff(t, Role.Manager);
    const other: Session = await login(t, manager.username, manager.password);
    const otherSocket = await connect(t, { token: other.accessToken });
    try {
      const { password } = manager;
      const setup = await as(t, manager.session)
        .post('/api/v1/auth/2fa/setup')
        .send({ password })
        .expect(200);
      await as(t, manager.session)
        .post('/api/v1/auth/2fa/enable')
        .send({ code: codeAt(setup.body.secret as string, t.clock.now()), password })
        .expect(200);

      await as(t, other).get('/api/v1/auth/me').expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
      expect(await otherSocket.disconnected()).toBe('io server disconnect');
      const me = await as(t, manager.session).get('/api/v1/auth/me').expect(200);
      expect(me.body.twoFactorEnabled).toBe(true);
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: manager.session.refreshToken })
        .expect(200);

      const enabled = (await securityEventsOf(t, manager.id)).find(
        (event) => event.type === 'second_factor.enabled',
      );
      expect(enabled?.details).toEqual({ sessionId: expect.any(String) });
    } finally {
      otherSocket.close();
    }
  });
});
