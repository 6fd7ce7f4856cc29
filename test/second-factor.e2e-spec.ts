import { CHALLENGE_TTL_MS } from '../src/auth/second-factor/second-factor-login';
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, postFrom, requestFrom } from './support/clients';
import { connect } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { securityEventsOf, STEP_MS, wrongCodeAt } from './support/second-factor';
import { totpCode as codeAt } from './support/totp';

interface Enrolled extends NewStaff {
  secret: string;
  recoveryCodes: string[];
}

describe('Two-factor authentication (TOTP) for password logins', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  /** The staff member's next code: a step after any code used so far, so that none is refused as a replay. */
  const nextCode = (staff: Enrolled) => {
    t.clock.advance(STEP_MS);
    return codeAt(staff.secret, t.clock.now());
  };

  async function enrolled(role: Role.Manager | Role.Admin = Role.Manager): Promise<Enrolled> {
    const staff = await newStaff(t, role);
    const setup = await as(t, staff.session)
      .post('/api/v1/auth/2fa/setup')
      .send({ password: staff.password })
      .expect(200);
    const secret = setup.body.secret as string;
    const enabled = await as(t, staff.session)
      .post('/api/v1/auth/2fa/enable')
      .send({ code: codeAt(secret, t.clock.now()), password: staff.password })
      .expect(200);
    return { ...staff, secret, recoveryCodes: enabled.body.recoveryCodes as string[] };
  }

  /** The password step, from `address` (a loopback address: each test's failures count against its own IP). */
  async function challenge(staff: NewStaff, address = '127.0.0.1'): Promise<string> {
    const reply = await postFrom(t, address, '/api/v1/auth/login', {
      username: staff.username,
      password: staff.password,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
    return reply.body.mfaToken as string;
  }

  const secondStep = (body: object, address = '127.0.0.1') =>
    postFrom(t, address, '/api/v1/auth/login/2fa', body);

  describe('login', () => {
    it('answers a challenge for the password, and the token pair for a current code', async () => {
      const manager = await enrolled();
      const mfaToken = await challenge(manager);
      const tokens = await secondStep({ mfaToken, code: nextCode(manager) });
      expect(tokens.status).toBe(200);
      expect(tokens.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        user: manager.session.user,
      });
      const me = await as(t, tokens.body).get('/api/v1/auth/me').expect(200);
      expect(me.body.twoFactorEnabled).toBe(true);
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: tokens.body.refreshToken })
        .expect(200);

      const events = await securityEventsOf(t, manager.id);
      expect(events.slice(-3, -1)).toEqual([
        { type: 'login.second_factor_required', details: { method: 'password' } },
        { type: 'login.succeeded', details: { method: 'totp' } },
      ]);
      expect(events[events.length - 1].type).toBe('refresh.succeeded');
    });

    it('checks codes on the app’s clock', async () => {
      const manager = await enrolled();
      t.clock.advance(10 * 60_000);
      const mfaToken = await challenge(manager);
      const onTheWallClock = codeAt(manager.secret, new Date());
      expect((await secondStep({ mfaToken, code: onTheWallClock }, '127.0.0.10')).status).toBe(401);
      const onTheAppClock = codeAt(manager.secret, t.clock.now());
      expect((await secondStep({ mfaToken, code: onTheAppClock }, '127.0.0.10')).status).toBe(200);
    });

    it('refuses a code used before, also within its window, and takes the next one', async () => {
      const manager = await enrolled();
      const code = nextCode(manager);
      expect((await secondStep({ mfaToken: await challenge(manager), code })).status).toBe(200);
      const replayed = await secondStep({ mfaToken: await challenge(manager), code }, '127.0.0.11');
      expect(replayed.status).toBe(401);
      expect(replayed.body.error.code).toBe('UNAUTHORIZED');
      const next = await secondStep({ mfaToken: await challenge(manager), code: nextCode(manager) });
      expect(next.status).toBe(200);
    });

    it('lets one of two simultaneous logins with the same code through', async () => {
      const manager = await enrolled();
      const code = nextCode(manager);
      const tokens = [await challenge(manager), await challenge(manager)];
      const replies = await Promise.all(tokens.map((mfaToken) => secondStep({ mfaToken, code })));
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 401]);
    });

    it('completes one login per challenge', async () => {
      const manager = await enrolled();
      const mfaToken = await challenge(manager);
      expect((await secondStep({ mfaToken, code: nextCode(manager) })).status).toBe(200);
      const again = await secondStep({ mfaToken, code: nextCode(manager) });
      expect(again.status).toBe(401);
      expect(again.body.error.message).toMatch(/challenge/);
    });

    it('refuses an expired challenge, and a new password login opens a new one', async () => {
      const manager = await enrolled();
      const mfaToken = await challenge(manager);
      t.clock.advance(CHALLENGE_TTL_MS + 1000);
      const expired = await secondStep({ mfaToken, code: nextCode(manager) });
      expect(expired.status).toBe(401);
      expect(expired.body.error.message).toMatch(/expired/);
      const fresh = await secondStep({ mfaToken: await challenge(manager), code: nextCode(manager) });
      expect(fresh.status).toBe(200);
    });

    it('refuses a forged or unknown mfaToken, and a body with no code or with both', async () => {
      const manager = await enrolled();
      const mfaToken = await challenge(manager);
      const [id] = mfaToken.split('.');
      const code = nextCode(manager);
      expect((await secondStep({ mfaToken: `${id}.forged`, code })).status).toBe(401);
      expect((await secondStep({ mfaToken: 'nonsense', code })).status).toBe(401);
      const neither = await secondStep({ mfaToken });
      expect(neither.status).toBe(422);
      const both = await secondStep({ mfaToken, code, recoveryCode: manager.recoveryCodes[0] });
      expect(both.status).toBe(422);
      expect((await secondStep({ mfaToken, code })).status).toBe(200);
    });

    it('takes each recovery code once, typed in any case and without dashes', async () => {
      const manager = await enrolled();
      const [first, second] = manager.recoveryCodes;
      const used = await secondStep({ mfaToken: await challenge(manager), recoveryCode: first });
      expect(used.status).toBe(200);
      const reused = await secondStep(
        { mfaToken: await challenge(manager), recoveryCode: first },
        '127.0.0.12',
      );
      expect(reused.status).toBe(401);
      const retyped = second.replace(/-/g, '').toUpperCase();
      const other = await secondStep({ mfaToken: await challenge(manager), recoveryCode: retyped });
      expect(other.status).toBe(200);
      const [{ count }] = await t.dataSource.query(
        `SELECT COUNT(*) AS count FROM recovery_codes WHERE user_id = '${manager.id}' AND used_at IS NOT NULL`,
      );
      expect(Number(count)).toBe(2);
      const events = await securityEventsOf(t, manager.id);
      expect(events.filter((event) => event.type === 'login.succeeded').map((e) => e.details)).toEqual(
        expect.arrayContaining([{ method: 'recovery' }]),
      );
    });

    it('counts wrong codes like wrong passwords: 401, then LOCKED_OUT, and a right password resets nothing', async () => {
      const manager = await enrolled();
      const address = '127.0.0.13';
      const wrong = (mfaToken: string) =>
        secondStep({ mfaToken, code: wrongCodeAt(manager.secret, t.clock.now()) }, address);
      const firstToken = await challenge(manager, address);
      for (let i = 0; i < 3; i++) expect((await wrong(firstToken)).status).toBe(401);
      const secondToken = await challenge(manager, address);
      for (let i = 0; i < 2; i++) expect((await wrong(secondToken)).status).toBe(401);

      const right = codeAt(manager.secret, t.clock.now());
      const locked = await secondStep({ mfaToken: secondToken, code: right }, address);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('LOCKED_OUT');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(55);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
      const password = await postFrom(t, '127.0.0.14', '/api/v1/auth/login', {
        username: manager.username,
        password: manager.password,
      });
      expect(password.status).toBe(429);

      t.clock.advance(60_000);
      const unlocked = await secondStep({ mfaToken: secondToken, code: nextCode(manager) }, address);
      expect(unlocked.status).toBe(200);
      // The success reset the counts: four more wrong codes do not lock the account.
      const thirdToken = await challenge(manager, address);
      for (let i = 0; i < 4; i++) expect((await wrong(thirdToken)).status).toBe(401);
      expect((await secondStep({ mfaToken: thirdToken, code: nextCode(manager) }, address)).status).toBe(200);

      const events = await securityEventsOf(t, manager.id);
      const failures = events.filter((event) => event.type === 'login.failed');
      expect(failures).toHaveLength(9);
      expect(failures[0].details).toEqual({ method: 'totp' });
      expect(events.map((event) => event.type)).toEqual(
        expect.arrayContaining(['login.locked_out', 'login.refused_locked']),
      );
    });

    it('keeps the PIN login of a 2FA user one step', async () => {
      const manager = await enrolled();
      const reply = await t
        .http()
        .post('/api/v1/auth/pin')
        .send({ userId: manager.id, pin: manager.pin })
        .expect(200);
      expect(reply.body.accessToken).toEqual(expect.any(String));
      expect(reply.body.mfaRequired).toBeUndefined();
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
      const types = (await securityEventsOf(t, manager.id)).map((event) => event.type);
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
      const reset = (await securityEventsOf(t, manager.id)).find(
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
      await as(t, login.body).post('/api/v1/auth/2fa/setup').send({ password: manager.password }).expect(200);
    });

    it('answers 404 for an unknown user and 403 to a manager', async () => {
      const admin = await loginAdmin(t);
      await as(t, admin).delete('/api/v1/users/00000000-0000-4000-8000-000000000000/2fa').expect(404);
      const manager = await enrolled();
      await as(t, manager.session).delete(`/api/v1/users/${manager.id}/2fa`).expect(403);
    });
  });
});
