/**
 * A changed password or PIN ends every session opened with the old one, at once: access tokens, refresh tokens and
 * sockets. A user who changes their own keeps the session that made the change.
 */
import { Role } from '../src/common/access/role';
import { as, login, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories } from './support/factories';
import { connect, TestSocket } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

describe('Sessions end when the credentials change', () => {
  let t: TestApp;
  let admin: Session;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t.close();
  });

  const open = async (session: Session) => {
    const socket = await connect(t, { token: session.accessToken });
    sockets.push(socket);
    return socket;
  };
  const me = (session: Session) => as(t, session).get('/api/v1/auth/me');
  const refresh = (session: Session) =>
    t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken });
  const pinLogin = (staff: NewStaff, pin = staff.pin) =>
    t.http().post('/api/v1/auth/pin').send({ userId: staff.id, pin });
  const revokedReasons = async (userId: string) => {
    const rows: Array<{ revoked_reason: string | null }> = await t.dataSource.query(
      `SELECT revoked_reason FROM auth_sessions WHERE user_id = '${userId}'`,
    );
    return rows.map((row) => row.revoked_reason);
  };

  it('ends every session of a manager whose password an admin sets: tokens and sockets, on the next request', async () => {
    const manager = await newStaff(t, Role.Manager);
    const second = await login(t, manager.username, manager.password);
    await me(manager.session).expect(200);
    const socket = await open(manager.session);

    await as(t, admin)
      .patch(`/api/v1/users/${manager.id}`)
      .send({ password: 'brand-new-secret-1' })
      .expect(200);

    for (const session of [manager.session, second]) {
      await me(session).expect(401);
      await refresh(session).expect(401);
    }
    expect(await socket.disconnected()).toBe('io server disconnect');
    expect(await revokedReasons(manager.id)).toEqual(['credentials_changed', 'credentials_changed']);
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: manager.username, password: manager.password })
      .expect(401);
    await login(t, manager.username, 'brand-new-secret-1');
  });

  it('ends the PIN sessions of a waiter whose PIN is changed or removed', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const fromPin = (await pinLogin(waiter)).body as Session;
    await me(fromPin).expect(200);

    await as(t, admin).patch(`/api/v1/users/${waiter.id}`).send({ pin: '97531' }).expect(200);
    await me(fromPin).expect(401);
    await refresh(fromPin).expect(401);
    await me(waiter.session).expect(401);
    expect((await pinLogin(waiter)).status).toBe(401);

    const again = (await pinLogin(waiter, '97531')).body as Session;
    await as(t, admin).patch(`/api/v1/users/${waiter.id}`).send({ pin: null }).expect(200);
    await me(again).expect(401);
    await refresh(again).expect(401);
  });

  it('leaves sessions alone when nothing that proves a login changes', async () => {
    const manager = await newStaff(t, Role.Manager);
    await as(t, admin).patch(`/api/v1/users/${manager.id}`).send({ displayName: 'Renamed' }).expect(200);
    await me(manager.session).expect(200);
    await refresh(manager.session).expect(200);
  });

  it("keeps the session that changed its own password, and ends the user's others", async () => {
    const owner = await newStaff(t, Role.Admin);
    const elsewhere = await login(t, owner.username, owner.password);
    const keptSocket = await open(owner.session);
    const endedSocket = await open(elsewhere);

    await as(t, owner.session)
      .patch(`/api/v1/users/${owner.id}`)
      .send({ password: 'owner-new-secret-1' })
      .expect(200);

    await me(elsewhere).expect(401);
    await refresh(elsewhere).expect(401);
    await endedSocket.disconnected();
    await me(owner.session).expect(200);
    // A table event that every admin receives: the kept socket gets it, so it was not dropped with the other.
    const table = await factories(t, admin).newTable('Kept');
    await as(t, admin).patch(`/api/v1/tables/${table.id}/status`).send({ status: 'occupied' }).expect(200);
    await keptSocket.until((events) =>
      events.some((event) => event.type === 'table.status_changed' && event.data.id === table.id),
    );
    const rotated = (await refresh(owner.session).expect(200)).body as Session;
    await me(rotated).expect(200);
  });
});
