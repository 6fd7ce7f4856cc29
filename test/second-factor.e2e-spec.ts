import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, requestFrom } from './support/clients';
import { secondFactorTools, wrongCodeAt } from './support/second-factor';
import { connect } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { totpCode as codeAt } from './support/totp';

describe('Two-factor authentication (TOTP): enrolment, turning it off, admin reset', () => {
  let t: TestApp;
  const { nextCode, enrolled, challenge, secondStep, securityEventsOf } = secondFactorTools(() => t);

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  describe('enrolment', () => {
    it('gives a secret, its otpauth URL and a QR code of it, and turns on with a current code', async () => {
      const manager = await newStaff(t, Role.Manager);
      const setup = await as(t, manager.session).post('/api/v1/auth/2fa/setup').expect(200);
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
        .send({ code: wrongCodeAt(secret, t.clock.now()) })
        .expect(422);
      expect(wrong.body.error.details).toEqual([{ field: 'code', message: expect.any(String) }]);
      expect((await me()).body.twoFactorEnabled).toBe(false);

      const enabled = await as(t, manager.session)
        .post('/api/v1/auth/2fa/enable')
        .send({ code: codeAt(secret, t.clock.now()) })
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

      await as(t, manager.session).post('/api/v1/auth/2fa/setup').expect(409);
      await as(t, manager.session)
        .post('/api/v1/auth/2fa/enable')
        .send({ code: codeAt(secret, t.clock.now()) })
        .expect(409);
      const types = (await securityEventsOf(manager.id)).map((event) => event.type);
      expect(types).toContain('second_factor.enabled');
    });

    it('replaces a pending setup with a new one: only the newest secret confirms', async () => {
      const admin = await newStaff(t, Role.Admin);
      const first = await as(t, admin.session).post('/api/v1/auth/2fa/setup').expect(200);
      const second = await as(t, admin.session).post('/api/v1/auth/2fa/setup').expect(200);
      expect(second.body.secret).not.toBe(first.body.secret);
      await as(t, admin.session)
        .post('/api/v1/auth/2fa/enable')
        .send({ code: wrongCodeAt(second.body.secret, t.clock.now()) })
        .expect(422);
      await as(t, admin.session)
        .post('/api/v1/auth/2fa/enable')
        .send({ code: codeAt(second.body.secret, t.clock.now()) })
        .expect(200);
    });

    it('asks for a setup before enabling', async () => {
      const manager = await newStaff(t, Role.Manager);
      const refused = await as(t, manager.session)
        .post('/api/v1/auth/2fa/enable')
        .send({ code: '123456' })
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
  });

  describe('turning it off', () => {
    it('takes a current code or the password, and then the password alone logs in', async () => {
      for (const proof of ['code', 'password'] as const) {
        const manager = await enrolled();
        const disable = (body: object) => as(t, manager.session).post('/api/v1/auth/2fa/disable').send(body);
        const wrongPassword = await disable({ password: 'not-the-password' }).expect(422);
        expect(wrongPassword.body.error.details).toEqual([
          { field: 'password', message: expect.any(String) },
        ]);
        await disable({}).expect(422);
        await disable({ code: nextCode(manager), password: manager.password }).expect(422);
        await disable(proof === 'code' ? { code: nextCode(manager) } : { password: manager.password }).expect(
          204,
        );

        const me = await as(t, manager.session).get('/api/v1/auth/me').expect(200);
        expect(me.body.twoFactorEnabled).toBe(false);
        const login = await t
          .http()
          .post('/api/v1/auth/login')
          .send({ username: manager.username, password: manager.password })
          .expect(200);
        expect(login.body.accessToken).toEqual(expect.any(String));
        await disable({ password: manager.password }).expect(409);
        const [{ count }] = await t.dataSource.query(
          `SELECT COUNT(*) AS count FROM recovery_codes WHERE user_id = '${manager.id}'`,
        );
        expect(Number(count)).toBe(0);
        const [audit] = await t.dataSource.query(
          `SELECT action, actor_user_id FROM audit_log WHERE entity_id = '${manager.id}' AND action = 'user.second_factor_disabled'`,
        );
        expect(audit).toEqual({ action: 'user.second_factor_disabled', actor_user_id: manager.id });
      }
    });

    it('counts wrong passwords towards the lock-out, so a stolen token cannot test passwords', async () => {
      const manager = await enrolled();
      const disable = (password: string) =>
        requestFrom(t, '127.0.0.15', 'POST', '/api/v1/auth/2fa/disable', {
          body: { password },
          headers: { Authorization: `Bearer ${manager.session.accessToken}` },
        });
      for (let i = 0; i < 5; i++) expect((await disable(`guess-${i}`)).status).toBe(422);
      const locked = await disable(manager.password);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('LOCKED_OUT');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      const types = (await securityEventsOf(manager.id)).map((event) => event.type);
      expect(types.filter((type) => type === 'second_factor.disable_refused')).toHaveLength(5);
      expect(types).toContain('login.locked_out');
    });
  });

  describe('admin reset', () => {
    it('removes the second factor, ends the user’s sessions, is audited, and the password alone logs in', async () => {
      const manager = await enrolled();
      const session = await secondStep({ mfaToken: await challenge(manager), code: nextCode(manager) });
      expect(session.status).toBe(200);
      const socket = await connect(t, { token: session.body.accessToken });
      const admin = await loginAdmin(t);

      await as(t, admin).delete(`/api/v1/users/${manager.id}/2fa`).expect(204);

      expect(await socket.disconnected()).toBe('io server disconnect');
      await as(t, session.body).get('/api/v1/auth/me').expect(401);
      await as(t, manager.session).get('/api/v1/auth/me').expect(401);
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.body.refreshToken })
        .expect(401);
      const audit = await t.dataSource.query(
        `SELECT action, actor_user_id, before, after FROM audit_log WHERE entity_id = '${manager.id}' AND action = 'user.second_factor_reset'`,
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_user_id).toBe(admin.user.id);
      expect(JSON.parse(audit[0].before)).toEqual({ secondFactor: 'enabled' });
      expect(JSON.parse(audit[0].after)).toEqual({ secondFactor: 'none' });
      const reset = (await securityEventsOf(manager.id)).find(
        (event) => event.type === 'second_factor.reset',
      );
      expect(reset?.details).toEqual({ by: admin.user.id });

      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: manager.username, password: manager.password })
        .expect(200);
      expect(login.body.accessToken).toEqual(expect.any(String));
      expect((await as(t, login.body).get('/api/v1/auth/me').expect(200)).body.twoFactorEnabled).toBe(false);
      await as(t, admin).delete(`/api/v1/users/${manager.id}/2fa`).expect(404);
      await as(t, login.body).post('/api/v1/auth/2fa/setup').expect(200);
    });

    it('answers 404 for an unknown user and 403 to a manager', async () => {
      const admin = await loginAdmin(t);
      await as(t, admin).delete('/api/v1/users/00000000-0000-4000-8000-000000000000/2fa').expect(404);
      const manager = await enrolled();
      await as(t, manager.session).delete(`/api/v1/users/${manager.id}/2fa`).expect(403);
    });
  });
});
