import { sign } from 'jsonwebtoken';
import { Role } from '../src/common/access/role';
import { as, login, loginAdmin, newStaff, newWaiter } from './support/clients';
import { connect } from './support/sockets';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

describe('Staff authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  describe('password login', () => {
    it('answers a token pair and the user, without any hash', async () => {
      const response = await t.http().post('/api/v1/auth/login').send(ADMIN);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        user: {
          id: expect.any(String),
          username: 'admin',
          displayName: 'Administrator',
          role: 'admin',
          active: true,
          fromHeadquarters: false,
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        },
      });
      const claims = JSON.parse(Buffer.from(response.body.accessToken.split('.')[1], 'base64url').toString());
      expect(claims.exp - claims.iat).toBe(900);
    });

    it('is case-insensitive in the username', async () => {
      const response = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ ...ADMIN, username: 'ADMIN' });
      expect(response.status).toBe(200);
    });

    it('answers a wrong password and an unknown user alike', async () => {
      const wrongPassword = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: 'nope-nope' });
      const unknownUser = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'ghost', password: 'nope-nope' });
      expect(wrongPassword.status).toBe(401);
      expect(unknownUser.status).toBe(401);
      expect(unknownUser.body).toEqual(wrongPassword.body);
      await login(t, ADMIN.username, ADMIN.password);
    });

    it('refuses a deactivated user with the same answer as a wrong password', async () => {
      const waiter = await newWaiter(t);
      const admin = await loginAdmin(t);
      await as(t, admin).patch(`/api/v1/users/${waiter.id}`).send({ active: false }).expect(200);
      const response = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: waiter.username, password: waiter.password });
      expect(response.status).toBe(401);
      expect(response.body.error).toEqual({
        code: 'UNAUTHORIZED',
        message: 'Invalid credentials',
        details: null,
      });
      await as(t, waiter.session).get('/api/v1/auth/me').expect(401);
      await login(t, ADMIN.username, ADMIN.password);
    });
  });

  describe('PIN login', () => {
    it('lists active staff with a PIN on the PIN pad, without secrets', async () => {
      const waiter = await newWaiter(t);
      const response = await t.http().get('/api/v1/staff');
      expect(response.status).toBe(200);
      expect(response.body).toContainEqual({
        id: waiter.id,
        displayName: expect.any(String),
        role: 'waiter',
      });
      expect(response.body.find((s: { id: string }) => s.id === waiter.id)).toEqual({
        id: waiter.id,
        displayName: expect.any(String),
        role: 'waiter',
      });
      const admin = (await loginAdmin(t)).user;
      expect(response.body.map((s: { id: string }) => s.id)).not.toContain(admin.id);
    });

    it('logs in with user id and PIN', async () => {
      const waiter = await newWaiter(t);
      const response = await t.http().post('/api/v1/auth/pin').send({ userId: waiter.id, pin: waiter.pin });
      expect(response.status).toBe(200);
      expect(response.body.user).toMatchObject({ id: waiter.id, role: 'waiter' });
      await as(t, response.body).get('/api/v1/auth/me').expect(200);
    });

    it('answers a wrong PIN and an unknown user alike', async () => {
      const waiter = await newWaiter(t);
      const wrongPin = await t.http().post('/api/v1/auth/pin').send({ userId: waiter.id, pin: '000000' });
      const unknownUser = await t
        .http()
        .post('/api/v1/auth/pin')
        .send({ userId: '2b4a3f8e-0000-4000-8000-000000000000', pin: waiter.pin });
      expect(wrongPin.status).toBe(401);
      expect(unknownUser.status).toBe(401);
      expect(unknownUser.body).toEqual(wrongPin.body);
      await t.http().post('/api/v1/auth/pin').send({ userId: waiter.id, pin: waiter.pin }).expect(200);
    });

    it('rejects a PIN that is not 4 to 8 digits with 422', async () => {
      const response = await t.http().post('/api/v1/auth/pin').send({ userId: 'x', pin: '12a4' });
      expect(response.status).toBe(422);
      expect(response.body.error.details).toEqual([{ field: 'pin', message: 'must be 4 to 8 digits' }]);
    });

    it("says a field's problem in the language the client asks for, the code unchanged", async () => {
      const german = await t
        .http()
        .post('/api/v1/auth/pin')
        .set('Accept-Language', 'de-AT, en;q=0.5')
        .send({ userId: 'x', pin: '12a4' });
      expect([german.status, german.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
      expect(german.body.error.details).toEqual([
        { field: 'pin', message: 'muss aus 4 bis 8 Ziffern bestehen' },
      ]);
      const french = await t
        .http()
        .post('/api/v1/auth/pin')
        .set('Accept-Language', 'fr')
        .send({ userId: 'x', pin: '12a4' });
      expect(french.body.error.details).toEqual([{ field: 'pin', message: 'must be 4 to 8 digits' }]);
    });
  });

  describe('/auth/me', () => {
    it('answers the current user', async () => {
      const manager = await newStaff(t, Role.Manager);
      const response = await as(t, manager.session).get('/api/v1/auth/me');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: manager.id, username: manager.username, role: 'manager' });
      expect(JSON.stringify(response.body)).not.toMatch(/hash/i);
    });

    it('refuses a missing, malformed or forged token with 401 UNAUTHORIZED', async () => {
      await t.http().get('/api/v1/auth/me').expect(401);
      const malformed = await t.http().get('/api/v1/auth/me').set('Authorization', 'Bearer not-a-jwt');
      expect(malformed.status).toBe(401);
      expect(malformed.body.error.code).toBe('UNAUTHORIZED');
      const admin = await loginAdmin(t);
      const [header, payload] = admin.accessToken.split('.');
      const forged = await t
        .http()
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${header}.${payload}.AAAA`);
      expect(forged.status).toBe(401);
    });

    it('refuses an expired access token', async () => {
      const waiter = await newWaiter(t);
      const claims = JSON.parse(
        Buffer.from(waiter.session.accessToken.split('.')[1], 'base64url').toString(),
      );
      expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
      const { JwtService } = await import('@nestjs/jwt');
      const expired = await t.app
        .get(JwtService)
        .signAsync({ sub: claims.sub, sid: claims.sid, role: claims.role }, { expiresIn: -10 });
      await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
    });

    it('refuses a well-signed token without exp, over HTTP and socket.io', async () => {
      const waiter = await newWaiter(t);
      const claims = JSON.parse(
        Buffer.from(waiter.session.accessToken.split('.')[1], 'base64url').toString(),
      );
      const signed = (options: { expiresIn?: number }) =>
        sign({ sub: claims.sub, sid: claims.sid, role: claims.role }, t.config.jwtKey, {
          algorithm: 'HS256',
          ...options,
        });
      const timeless = signed({});
      expect(JSON.parse(Buffer.from(timeless.split('.')[1], 'base64url').toString())).not.toHaveProperty(
        'exp',
      );
      const refused = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${timeless}`);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHORIZED');
      await expect(connect(t, { token: timeless })).rejects.toThrow('UNAUTHORIZED');
      // The same claims with an exp are good: the refusal is about exp alone.
      const timed = signed({ expiresIn: 60 });
      await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${timed}`).expect(200);
    });
  });

  describe('refresh-token rotation', () => {
    it('trades a refresh token for a new pair, once', async () => {
      const waiter = await newWaiter(t);
      const first = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: waiter.session.refreshToken });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(waiter.session.refreshToken);
      await as(t, first.body).get('/api/v1/auth/me').expect(200);
      const second = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken });
      expect(second.status).toBe(200);
    });

    it('revokes the whole family when a spent token comes back', async () => {
      const waiter = await newWaiter(t);
      const stolen = waiter.session.refreshToken;
      const legit = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: stolen });
      expect(legit.status).toBe(200);

      const replay = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: stolen });
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('UNAUTHORIZED');

      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: legit.body.refreshToken }).expect(401);
      await as(t, legit.body).get('/api/v1/auth/me').expect(401);
      await as(t, waiter.session).get('/api/v1/auth/me').expect(401);

      const otherDevice = await login(t, waiter.username, waiter.password);
      await as(t, otherDevice).get('/api/v1/auth/me').expect(200);
    });

    it('lets exactly one of two simultaneous refreshes win and then kills the family', async () => {
      const waiter = await newWaiter(t);
      const [a, b] = await Promise.all([
        t.http().post('/api/v1/auth/refresh').send({ refreshToken: waiter.session.refreshToken }),
        t.http().post('/api/v1/auth/refresh').send({ refreshToken: waiter.session.refreshToken }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 401]);
      const winner = a.status === 200 ? a : b;
      await as(t, winner.body).get('/api/v1/auth/me').expect(401);
    });

    it('refuses garbage and expired refresh tokens', async () => {
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: 'garbage' }).expect(401);
      const waiter = await newWaiter(t);
      const [id] = waiter.session.refreshToken.split('.');
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: `${id}.wrong-secret` })
        .expect(401);
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: waiter.session.refreshToken })
        .expect(200);

      const later = await newWaiter(t);
      t.clock.advance(31 * 24 * 3600_000);
      try {
        await t
          .http()
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: later.session.refreshToken })
          .expect(401);
      } finally {
        t.clock.advance(-31 * 24 * 3600_000);
      }
    });
  });

  describe('logout', () => {
    it('revokes the refresh token and the session', async () => {
      const waiter = await newWaiter(t);
      await as(t, waiter.session)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: waiter.session.refreshToken })
        .expect(204);
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: waiter.session.refreshToken })
        .expect(401);
      await as(t, waiter.session).get('/api/v1/auth/me').expect(401);
    });

    it('leaves the same user’s other devices logged in', async () => {
      const waiter = await newWaiter(t);
      const tablet = await login(t, waiter.username, waiter.password);
      await as(t, waiter.session)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: waiter.session.refreshToken })
        .expect(204);
      await as(t, tablet).get('/api/v1/auth/me').expect(200);
    });

    it('needs credentials', async () => {
      await t.http().post('/api/v1/auth/logout').send({ refreshToken: 'x.y' }).expect(401);
    });
  });

  describe('security events', () => {
    it('records successes, failures and refresh-token re-use for admins', async () => {
      const waiter = await newWaiter(t);
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: waiter.username, password: 'wrong-password' })
        .expect(401);
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: waiter.session.refreshToken })
        .expect(200);
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: waiter.session.refreshToken })
        .expect(401);

      const admin = await loginAdmin(t);
      const response = await as(t, admin).get('/api/v1/security/events?perPage=100');
      expect(response.status).toBe(200);
      const mine = (response.body.items as Array<{ type: string; userId: string | null }>).filter(
        (e) => e.userId === waiter.id,
      );
      expect(mine.map((e) => e.type)).toEqual(
        expect.arrayContaining(['login.succeeded', 'login.failed', 'refresh.reused']),
      );
      expect(JSON.stringify(response.body)).not.toContain('wrong-password');
      await as(t, waiter.session).get('/api/v1/security/events').expect(401);
      const other = await newWaiter(t);
      await as(t, other.session).get('/api/v1/security/events').expect(403);
    });
  });
});
