import { Role } from '../src/common/access/role';
import { as, login, loginAdmin, newStaff, Session } from './support/clients';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('Staff accounts (/users)', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  const users = () => as(t, admin);

  it('creates a user who can then log in with password and PIN', async () => {
    const created = await users().post('/api/v1/users').send({
      username: 'Maria.Lopez',
      displayName: 'María López',
      role: 'waiter',
      password: 'salsa-verde-9',
      pin: '2468',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      username: 'maria.lopez',
      displayName: 'María López',
      role: 'waiter',
      active: true,
      fromHeadquarters: false,
      createdAt: expect.any(String),
    });
    await login(t, 'maria.lopez', 'salsa-verde-9');
    await t.http().post('/api/v1/auth/pin').send({ userId: created.body.id, pin: '2468' }).expect(200);
  });

  it('creates a PIN-only kitchen user', async () => {
    const created = await users()
      .post('/api/v1/users')
      .send({ username: 'grill-screen', displayName: 'Grill', role: 'kitchen', pin: '13579' });
    expect(created.status).toBe(201);
    await t.http().post('/api/v1/auth/pin').send({ userId: created.body.id, pin: '13579' }).expect(200);
  });

  it('refuses a user who could never log in', async () => {
    const response = await users()
      .post('/api/v1/users')
      .send({ username: 'nobody', displayName: 'No One', role: 'waiter' });
    expect(response.status).toBe(422);
    expect(response.body.error.details[0].field).toBe('password');
  });

  it('refuses a taken username with 409 CONFLICT, whatever its case', async () => {
    const body = { username: 'dup-name', displayName: 'A', role: 'waiter', password: 'password-123' };
    await users().post('/api/v1/users').send(body).expect(201);
    const again = await users()
      .post('/api/v1/users')
      .send({ ...body, username: 'DUP-NAME' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('validates every field with a clear 422', async () => {
    const response = await users()
      .post('/api/v1/users')
      .send({
        username: 'bad name!',
        displayName: 'x'.repeat(101),
        role: 'owner',
        password: 'short',
        pin: '12345678901',
      });
    expect(response.status).toBe(422);
    const fields = response.body.error.details.map((d: { field: string }) => d.field);
    expect(new Set(fields)).toEqual(new Set(['username', 'displayName', 'role', 'password', 'pin']));
  });

  it('lists users in the page shape, filtered by role and active', async () => {
    await newStaff(t, Role.Kitchen);
    const page = await users().get('/api/v1/users?role=kitchen&active=true&perPage=1');
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      items: [expect.objectContaining({ role: 'kitchen', active: true })],
      page: 1,
      perPage: 1,
      total: expect.any(Number),
      pages: page.body.total,
    });
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(page.body)).not.toMatch(/hash|scrypt/i);

    const bad = await users().get('/api/v1/users?perPage=101&page=0&role=chef&active=maybe');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'active',
      'page',
      'perPage',
      'role',
    ]);
  });

  it('reads, updates and changes credentials of a user', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const read = await users().get(`/api/v1/users/${waiter.id}`);
    expect(read.body).toMatchObject({ id: waiter.id, role: 'waiter' });

    const updated = await users()
      .patch(`/api/v1/users/${waiter.id}`)
      .send({ displayName: 'Head Waiter', role: 'manager', password: 'a-new-password', pin: '97531' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ displayName: 'Head Waiter', role: 'manager' });
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: waiter.username, password: waiter.password })
      .expect(401);
    const session = await login(t, waiter.username, 'a-new-password');
    expect(session.user.role).toBe('manager');
    await t.http().post('/api/v1/auth/pin').send({ userId: waiter.id, pin: '97531' }).expect(200);
  });

  it('applies a role change to tokens already issued', async () => {
    const manager = await newStaff(t, Role.Manager);
    await users().patch(`/api/v1/users/${manager.id}`).send({ role: 'admin' }).expect(200);
    await as(t, manager.session).get('/api/v1/users').expect(200);
    await users().patch(`/api/v1/users/${manager.id}`).send({ role: 'waiter' }).expect(200);
    await as(t, manager.session).get('/api/v1/users').expect(403);
  });

  it('removes a PIN with pin: null, and the user drops off the PIN pad', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    await users().patch(`/api/v1/users/${waiter.id}`).send({ pin: null }).expect(200);
    const pad = await t.http().get('/api/v1/staff');
    expect(pad.body.map((s: { id: string }) => s.id)).not.toContain(waiter.id);
  });

  it('deactivates a user: their tokens stop working and they leave the PIN pad', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    await users().patch(`/api/v1/users/${waiter.id}`).send({ active: false }).expect(200);
    await as(t, waiter.session).get('/api/v1/auth/me').expect(401);
    await t
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: waiter.session.refreshToken })
      .expect(401);
    const pad = await t.http().get('/api/v1/staff');
    expect(pad.body.map((s: { id: string }) => s.id)).not.toContain(waiter.id);
  });

  it('revokes every session of a deactivated user, so reactivating them revives no old token', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const secondDevice = await login(t, waiter.username, waiter.password);
    await users().patch(`/api/v1/users/${waiter.id}`).send({ active: false }).expect(200);
    await users().patch(`/api/v1/users/${waiter.id}`).send({ active: true }).expect(200);
    for (const session of [waiter.session, secondDevice]) {
      await as(t, session).get('/api/v1/auth/me').expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    }
    const fresh = await login(t, waiter.username, waiter.password);
    await as(t, fresh).get('/api/v1/auth/me').expect(200);
  });

  it('revokes the sessions of a user deactivated by deletion (they have taken orders)', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const r = await factories(t, admin).newRestaurant();
    await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(201);
    await users().delete(`/api/v1/users/${waiter.id}`).expect(204);
    await users().patch(`/api/v1/users/${waiter.id}`).send({ active: true }).expect(200);
    await as(t, waiter.session).get('/api/v1/auth/me').expect(401);
    await t
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: waiter.session.refreshToken })
      .expect(401);
  });

  it('deletes a user', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    await users().delete(`/api/v1/users/${waiter.id}`).expect(204);
    await users().get(`/api/v1/users/${waiter.id}`).expect(404);
    await as(t, waiter.session).get('/api/v1/auth/me').expect(401);
    const again = await users().delete(`/api/v1/users/${waiter.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('NOT_FOUND');
  });

  it('deactivates instead of deleting a user who has taken orders', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const r = await factories(t, admin).newRestaurant();
    await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(201);
    await users().delete(`/api/v1/users/${waiter.id}`).expect(204);
    const kept = await users().get(`/api/v1/users/${waiter.id}`);
    expect(kept.status).toBe(200);
    expect(kept.body.active).toBe(false);
    await as(t, waiter.session).get('/api/v1/auth/me').expect(401);
    const orders = await users().get(`/api/v1/orders?waiterId=${waiter.id}`);
    expect(orders.body.total).toBe(1);
  });

  it('never removes, demotes or deactivates the last active admin', async () => {
    const me = admin.user.id;
    for (const change of [{ role: 'manager' }, { active: false }]) {
      const refused = await users().patch(`/api/v1/users/${me}`).send(change);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('CONFLICT');
    }
    await users().delete(`/api/v1/users/${me}`).expect(409);

    const second = await newStaff(t, Role.Admin);
    await as(t, second.session).patch(`/api/v1/users/${me}`).send({ role: 'manager' }).expect(200);
    await as(t, second.session).patch(`/api/v1/users/${me}`).send({ role: 'admin' }).expect(200);
  });

  it('is for admins only', async () => {
    for (const role of [Role.Manager, Role.Waiter, Role.Kitchen]) {
      const member = await newStaff(t, role);
      const response = await as(t, member.session).get('/api/v1/users');
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
      await as(t, member.session)
        .post('/api/v1/users')
        .send({ username: `sneaky-${role}`, displayName: 'x', role: 'admin', password: 'password-123' })
        .expect(403);
    }
    const list = await users().get('/api/v1/users?perPage=100');
    expect(list.body.items.map((u: { username: string }) => u.username)).not.toContain('sneaky-waiter');
  });
});
