import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

describe('Menu schedules: dayparts an admin keeps', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;

  const api = () => as(t, admin);
  const breakfast = { name: 'Breakfast', windows: [{ days: [5, 1, 2, 3, 4], from: '07:00', to: '11:30' }] };
  const count = async (table: string) =>
    Number((await t.dataSource.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const refused = async (body: object, field: string) => {
    const before = await count('menu_schedules');
    const response = await api().post('/api/v1/menu-schedules').send(body).expect(422);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    expect(await count('menu_schedules')).toBe(before);
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
  });

  afterAll(() => t.close());

  it('creates, reads, lists, edits and deletes schedules: admin writes, staff read, writes audited', async () => {
    const created = (await api().post('/api/v1/menu-schedules').send(breakfast).expect(201)).body;
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Breakfast',
      windows: [{ days: [1, 2, 3, 4, 5], from: '07:00', to: '11:30' }],
      hqKey: null,
    });
    expect(
      (await as(t, waiter.session).get(`/api/v1/menu-schedules/${created.id}`).expect(200)).body,
    ).toEqual(created);
    await as(t, waiter.session).post('/api/v1/menu-schedules').send(breakfast).expect(403);
    const late = { days: [5, 6], from: '22:00', to: '02:00' };
    const edited = (
      await api()
        .patch(`/api/v1/menu-schedules/${created.id}`)
        .send({ name: 'Late bar', windows: [late] })
        .expect(200)
    ).body;
    expect(edited).toEqual({ id: created.id, name: 'Late bar', windows: [late], hqKey: null });
    const list = (await as(t, waiter.session).get('/api/v1/menu-schedules').expect(200)).body;
    expect(list.items).toEqual([edited]);
    await api().delete(`/api/v1/menu-schedules/${created.id}`).expect(204);
    await api().get(`/api/v1/menu-schedules/${created.id}`).expect(404);
    const audit = (await api().get('/api/v1/audit-log?entityType=menu_schedule').expect(200)).body;
    expect(audit.items.map((entry: { action: string }) => entry.action).sort()).toEqual([
      'menu_schedule.created',
      'menu_schedule.deleted',
      'menu_schedule.updated',
    ]);
  });

  it('refuses impossible times, empty or unknown weekdays and empty windows: 422 naming the field', async () => {
    const window = { days: [1], from: '07:00', to: '11:30' };
    await refused({ name: 'x', windows: [{ ...window, from: '25:00' }] }, 'windows[0].from');
    await refused({ name: 'x', windows: [window, { ...window, to: '7:00' }] }, 'windows[1].to');
    await refused({ name: 'x', windows: [{ ...window, to: '24:00' }] }, 'windows[0].to');
    await refused({ name: 'x', windows: [{ ...window, days: [] }] }, 'windows[0].days');
    await refused({ name: 'x', windows: [{ ...window, days: [0] }] }, 'windows[0].days');
    await refused({ name: 'x', windows: [{ ...window, days: [8] }] }, 'windows[0].days');
    await refused({ name: 'x', windows: [{ ...window, days: ['1'] }] }, 'windows[0].days');
    await refused({ name: 'x', windows: [{ ...window, days: [1, 1] }] }, 'windows[0].days');
    await refused({ name: 'x', windows: [{ ...window, to: '07:00' }] }, 'windows[0].to');
    await refused({ name: 'x', windows: [] }, 'windows');
    await refused({ name: 'x', windows: [{ from: '07:00', to: '08:00' }] }, 'windows[0].days');
    await refused({ name: '', windows: [window] }, 'name');
    const created = (await api().post('/api/v1/menu-schedules').send(breakfast).expect(201)).body;
    await api()
      .patch(`/api/v1/menu-schedules/${created.id}`)
      .send({ windows: [{ ...window, from: '11:30', to: '11:30' }] })
      .expect(422);
    await api().patch(`/api/v1/menu-schedules/${created.id}`).send({ windows: null }).expect(422);
    expect((await api().get(`/api/v1/menu-schedules/${created.id}`).expect(200)).body).toEqual(created);
  });
});
