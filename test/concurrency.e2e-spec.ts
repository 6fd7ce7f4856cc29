import { as, loginAdmin } from './support/clients';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

describe('Concurrent writes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('commits 50 concurrent writes of different kinds, all successfully', async () => {
    const admin = await loginAdmin(t);
    const before = (await as(t, admin).get('/api/v1/users').expect(200)).body.total as number;

    const creates = Array.from({ length: 30 }, (_, i) =>
      as(t, admin)
        .post('/api/v1/users')
        .send({ username: `rush-${i}`, displayName: `Rush ${i}`, role: 'waiter', pin: String(4000 + i) }),
    );
    const logins = Array.from({ length: 10 }, () => t.http().post('/api/v1/auth/login').send(ADMIN));
    const failedLogins = Array.from({ length: 3 }, (_, i) =>
      t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: `ghost-${i}`, password: 'nope-nope' }),
    );
    const refreshes = await Promise.all(Array.from({ length: 7 }, () => loginAdmin(t)));
    const rotations = refreshes.map((session) =>
      t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }),
    );

    const responses = await Promise.all([...creates, ...logins, ...failedLogins, ...rotations]);
    const statuses = responses.map((r) => r.status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(201));
    expect(statuses.slice(30, 40)).toEqual(Array(10).fill(200));
    expect(statuses.slice(40, 43)).toEqual(Array(3).fill(401));
    expect(statuses.slice(43)).toEqual(Array(7).fill(200));

    const after = (await as(t, admin).get('/api/v1/users').expect(200)).body.total as number;
    expect(after).toBe(before + 30);
  });

  it('lets exactly one of 10 concurrent creations of one username win', async () => {
    const admin = await loginAdmin(t);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        as(t, admin)
          .post('/api/v1/users')
          .send({ username: 'same-name', displayName: 'Same', role: 'waiter', password: 'password-123' }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
  });
});
