/**
 * The menu by the clock: at fixed instants around window edges (the test moves the app's clock, never waits for
 * real time), across midnight and both daylight-saving nights in Europe/Berlin; the ETag and one menu.updated per
 * edge, on two instances; ordering off the schedule.
 */
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories } from './support/factories';
import { connect, Envelope, TestSocket } from './support/sockets';
import { databaseKind } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

type MenuDish = { id: string; name: string; availableUntil?: string | null };
type Menu = { categories: Array<{ id: string; dishes: MenuDish[] }> };

describe('The menu by the clock (Europe/Berlin)', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let make: ReturnType<typeof factories>;
  let station: { id: string };
  let socket: TestSocket;
  const api = () => as(t, admin);

  const newSchedule = async (windows: object[]): Promise<{ id: string }> =>
    (await api().post('/api/v1/menu-schedules').send({ name: 'S', windows }).expect(201)).body as {
      id: string;
    };
  let dishes = 0;
  const newDish = async (extra: { categoryId: string; scheduleId?: string }) =>
    (
      await api()
        .post('/api/v1/dishes')
        .send({ name: `Dish ${++dishes}`, stationId: station.id, price: 500, ...extra })
        .expect(201)
    ).body as { id: string };
  const menuDishes = async (server: TestApp = t): Promise<Map<string, MenuDish>> => {
    const menu = (await server.http().get('/api/v1/menu').expect(200)).body as Menu;
    return new Map(menu.categories.flatMap((category) => category.dishes).map((dish) => [dish.id, dish]));
  };
  const etag = async (server: TestApp = t) =>
    (await server.http().get('/api/v1/menu').expect(200)).headers.etag;
  const scheduleEvents = (edge: string) => (events: Envelope[]) =>
    events.filter((event) => event.type === 'menu.updated' && event.data.edge === edge);

  beforeAll(async () => {
    t = await startTestApp({ RESTAURANT_TIMEZONE: 'Europe/Berlin', QR_ORDERING: 'true' });
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
    make = factories(t, admin);
    station = await make.newStation('Kitchen');
    socket = await connect(t, { token: waiter.session.accessToken });
  });

  afterAll(async () => {
    socket.close();
    await t.close();
  });

  it('shows a scheduled dish with availableUntil inside its window, hides it after; ordering it then is a 422 naming when it is next on', async () => {
    // Monday 2026-11-30, 10:00 in Berlin (UTC+1).
    t.clock.moveTo('2026-11-30T09:00:00Z');
    const category = await make.newCategory('Breakfast things');
    const breakfast = await newSchedule([{ days: [1, 2, 3, 4, 5], from: '07:00', to: '11:30' }]);
    const eggs = await newDish({ categoryId: category.id, scheduleId: breakfast.id });
    const toast = await newDish({ categoryId: category.id });
    const table = await make.newTable('B1');
    const before = await menuDishes();
    expect(before.get(eggs.id)!.availableUntil).toBe('2026-11-30T10:30:00.000Z');
    expect(before.get(toast.id)).not.toHaveProperty('availableUntil');
    const qrBefore = (await t.http().get(`/api/v1/public/tables/${table.qrToken}`).expect(200)).body as {
      menu: Menu;
    };
    expect(JSON.stringify(qrBefore.menu)).toContain(eggs.id);
    const tagBefore = await etag();
    // Still the same build a minute before the edge: cached, same ETag.
    t.clock.moveTo('2026-11-30T10:29:00Z');
    expect(await etag()).toBe(tagBefore);

    t.clock.moveTo('2026-11-30T10:30:00Z');
    const after = await menuDishes();
    expect(after.has(eggs.id)).toBe(false);
    expect(after.has(toast.id)).toBe(true);
    expect(await etag()).not.toBe(tagBefore);
    await socket.until((events) => scheduleEvents('2026-11-30T10:30:00.000Z')(events).length === 1);
    expect(scheduleEvents('2026-11-30T10:30:00.000Z')(socket.received)[0].data).toEqual({
      reason: 'schedule',
      edge: '2026-11-30T10:30:00.000Z',
    });
    const qrAfter = (await t.http().get(`/api/v1/public/tables/${table.qrToken}`).expect(200)).body as {
      menu: Menu;
    };
    expect(JSON.stringify(qrAfter.menu)).not.toContain(eggs.id);

    const refused = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [
          { dishId: toast.id, quantity: 1 },
          { dishId: eggs.id, quantity: 1 },
        ],
      })
      .expect(422);
    expect(refused.body.error.details).toEqual([
      {
        field: 'items[1].dishId',
        message:
          'is off the menu now; next on at 2026-12-01T06:00:00.000Z (2026-12-01T07:00+01:00 local time)',
      },
    ]);
    const qrOrder = await t
      .http()
      .post(`/api/v1/public/tables/${table.qrToken}/orders`)
      .send({ items: [{ dishId: eggs.id, quantity: 1 }] });
    expect(qrOrder.status).toBe(422);
    expect(JSON.stringify(qrOrder.body.error.details)).toContain('next on at 2026-12-01T06:00:00.000Z');

    // The category's schedule limits its dishes too: both must be on.
    const lunchOnly = await newSchedule([{ days: [1, 2, 3, 4, 5, 6, 7], from: '10:00', to: '15:00' }]);
    await api().patch(`/api/v1/categories/${category.id}`).send({ scheduleId: lunchOnly.id }).expect(200);
    t.clock.moveTo('2026-12-01T09:00:00Z');
    const both = await menuDishes();
    expect(both.get(eggs.id)!.availableUntil).toBe('2026-12-01T10:30:00.000Z');
    expect(both.get(toast.id)!.availableUntil).toBe('2026-12-01T14:00:00.000Z');
    t.clock.moveTo('2026-12-01T08:00:00Z');
    await api().patch(`/api/v1/categories/${category.id}`).send({ name: 'Breakfast and lunch' }).expect(200);
    expect((await menuDishes()).size).toBe(0);
  });

  it('runs a window past midnight on the listed days only', async () => {
    const category = await make.newCategory('Bar');
    const late = await newSchedule([{ days: [5, 6], from: '22:00', to: '02:00' }]);
    await api().patch(`/api/v1/categories/${category.id}`).send({ scheduleId: late.id }).expect(200);
    const shot = await newDish({ categoryId: category.id });
    // Saturday 00:30: Friday's run, until 02:00 (01:00Z).
    t.clock.moveTo('2026-11-27T23:30:00Z');
    await api().patch(`/api/v1/dishes/${shot.id}`).send({ prepMinutes: 1 }).expect(200);
    expect((await menuDishes()).get(shot.id)!.availableUntil).toBe('2026-11-28T01:00:00.000Z');
    // Monday 01:00: Sunday is not listed.
    t.clock.moveTo('2026-11-30T00:00:00Z');
    await api().patch(`/api/v1/dishes/${shot.id}`).send({ prepMinutes: 2 }).expect(200);
    expect((await menuDishes()).has(shot.id)).toBe(false);
  });

  it('follows the spring night: a window over the jump ends an hour earlier in UTC, the edge moves the ETag', async () => {
    const category = await make.newCategory('Night');
    const night = await newSchedule([{ days: [6], from: '22:00', to: '06:00' }]);
    // Sunday 2026-03-29, 05:30 CEST = 03:30Z.
    t.clock.moveTo('2026-03-29T03:30:00Z');
    const soup = await newDish({ categoryId: category.id, scheduleId: night.id });
    expect((await menuDishes()).get(soup.id)!.availableUntil).toBe('2026-03-29T04:00:00.000Z');
    const tag = await etag();
    t.clock.moveTo('2026-03-29T04:00:00Z');
    expect((await menuDishes()).has(soup.id)).toBe(false);
    expect(await etag()).not.toBe(tag);
    await socket.until((events) => scheduleEvents('2026-03-29T04:00:00.000Z')(events).length === 1);
  });

  it('follows the autumn night: a window over the fall-back lasts an hour longer', async () => {
    const category = await make.newCategory('Early');
    const early = await newSchedule([{ days: [7], from: '01:00', to: '03:00' }]);
    // Sunday 2026-10-25, 02:30 CET (the second time the clocks show it) = 01:30Z.
    t.clock.moveTo('2026-10-25T01:30:00Z');
    const bread = await newDish({ categoryId: category.id, scheduleId: early.id });
    expect((await menuDishes()).get(bread.id)!.availableUntil).toBe('2026-10-25T02:00:00.000Z');
    t.clock.moveTo('2026-10-25T02:00:00Z');
    expect((await menuDishes()).has(bread.id)).toBe(false);
    await socket.until((events) => scheduleEvents('2026-10-25T02:00:00.000Z')(events).length === 1);
  });

  it('announces the edge by itself when nobody reads the menu', async () => {
    const category = await make.newCategory('Timer');
    const brunch = await newSchedule([{ days: [3], from: '10:00', to: '14:00' }]);
    // Wednesday 2026-12-02, 1.5 s before 14:00 (13:00Z).
    t.clock.moveTo('2026-12-02T12:59:58.500Z');
    const waffle = await newDish({ categoryId: category.id, scheduleId: brunch.id });
    expect((await menuDishes()).get(waffle.id)!.availableUntil).toBe('2026-12-02T13:00:00.000Z');
    await socket.until((events) => scheduleEvents('2026-12-02T13:00:00.000Z')(events).length === 1);
  });

  // Two instances in one process share a SQLite file badly (one writer each); on PostgreSQL they are two apps.
  const onPostgres = databaseKind() === 'postgres' ? it : it.skip;

  onPostgres('raises menu.updated once per edge with two instances, each with its new ETag', async () => {
    const b = await t.twin();
    try {
      const category = await make.newCategory('Twins');
      const happy = await newSchedule([{ days: [4], from: '17:00', to: '19:00' }]);
      // Thursday 2026-12-03, 18:00 CET.
      t.clock.moveTo('2026-12-03T17:00:00Z');
      const cocktail = await newDish({ categoryId: category.id, scheduleId: happy.id });
      const [tagA, tagB] = [await etag(t), await etag(b)];
      expect(tagA).toBe(tagB);
      t.clock.moveTo('2026-12-03T18:00:00Z');
      const [afterA, afterB] = await Promise.all([etag(t), etag(b)]);
      expect(afterA).toBe(afterB);
      expect(afterA).not.toBe(tagA);
      expect((await menuDishes(b)).has(cocktail.id)).toBe(false);
      // A later event both instances commit after the edge: anything doubled would have come before it.
      await as(b, admin)
        .patch(`/api/v1/dishes/${cocktail.id}/availability`)
        .send({ available: false })
        .expect(200);
      const before = await socket.receivedBefore(
        (event) => event.type === 'menu.availability_changed' && event.data.dishId === cocktail.id,
      );
      expect(scheduleEvents('2026-12-03T18:00:00.000Z')(before)).toHaveLength(1);
      const rows = await t.dataSource.query<Array<{ n: string }>>(
        "SELECT COUNT(*) AS n FROM menu_schedule_edges WHERE edge = '2026-12-03T18:00:00.000Z'",
      );
      expect(Number(rows[0].n)).toBe(1);
    } finally {
      await b.close();
    }
  });

  it('keeps a schedule that categories or dishes name: 409, and lets it go when none does', async () => {
    const schedule = await newSchedule([{ days: [1], from: '08:00', to: '09:00' }]);
    const category = await make.newCategory('Kept');
    await api().patch(`/api/v1/categories/${category.id}`).send({ scheduleId: schedule.id }).expect(200);
    const dish = await newDish({ categoryId: category.id, scheduleId: schedule.id });
    const conflict = await api().delete(`/api/v1/menu-schedules/${schedule.id}`).expect(409);
    expect(conflict.body.error.message).toBe(
      'Cannot delete the schedule: categories name it; dishes name it',
    );
    await api().patch(`/api/v1/categories/${category.id}`).send({ scheduleId: null }).expect(200);
    await api().delete(`/api/v1/dishes/${dish.id}`).expect(204);
    await api().delete(`/api/v1/menu-schedules/${schedule.id}`).expect(204);
    const unknown = await api()
      .post('/api/v1/dishes')
      .send({
        name: 'Ghost',
        categoryId: category.id,
        stationId: station.id,
        price: 1,
        scheduleId: schedule.id,
      })
      .expect(422);
    expect(unknown.body.error.details).toEqual([{ field: 'scheduleId', message: 'no such menu schedule' }]);
  });
});
