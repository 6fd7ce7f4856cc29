import { CHALLENGE_TTL_MS } from '../src/auth/second-factor/second-factor-login';
import { as, postFrom } from './support/clients';
import { secondFactorTools, wrongCodeAt } from './support/second-factor';
import { startTestApp, TestApp } from './support/test-app';
import { totpCode as codeAt } from './support/totp';

describe('Two-factor authentication (TOTP): the login', () => {
  let t: TestApp;
  const { nextCode, enrolled, challenge, secondStep, securityEventsOf } = secondFactorTools(() => t);

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

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

      const events = await securityEventsOf(manager.id);
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
      const events = await securityEventsOf(manager.id);
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

      const events = await securityEventsOf(manager.id);
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
});
