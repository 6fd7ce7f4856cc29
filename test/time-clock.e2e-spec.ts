import { Role } from '../src/common/access/role';
import { TimeClockService } from '../src/time-clock/time-clock.service';
import { as, issueKey, loginAdmin, newStaff, NewStaff, Session, withKey } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

type Entry = {
  id: string;
  userId: string;
  clockedInAt: string;
  clockedOutAt: string | null;
  open: boolean;
  workedSeconds: number;
  hours: number;
};

const HOUR_S = 3600;
const HOUR_MS = HOUR_S * 1000;
/** Real time passes too while a test runs: a few seconds at most. */
const SLACK_S = 5;

describe('Time clock', () => {
  let t: TestApp;
  let admin: Session;
  let manager: NewStaff;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    manager = await newStaff(t, Role.Manager);
  });

  afterAll(() => t.close());

  const clockIn = (staff: NewStaff) => as(t, staff.session).post('/api/v1/time-clock/clock-in');
  const clockOut = (staff: NewStaff) => as(t, staff.session).post('/api/v1/time-clock/clock-out');
  type EntryPage = { items: Entry[]; total: number; pages: number };
  const list = async (query: string): Promise<EntryPage> =>
    (await as(t, manager.session).get(`/api/v1/time-clock?${query}`).expect(200)).body as EntryPage;

  it('clocks the caller in and out with the hours between, whatever their role', async () => {
    for (const role of [Role.Waiter, Role.Kitchen, Role.Manager, Role.Admin]) {
      const staff = await newStaff(t, role);
      const inReply = await clockIn(staff);
      expect(inReply.status).toBe(201);
      expect(inReply.body).toMatchObject({
        userId: staff.id,
        clockedOutAt: null,
        open: true,
        workedSeconds: 0,
      });
      t.clock.advance(2.5 * HOUR_MS);
      const outReply = await clockOut(staff);
      expect(outReply.status).toBe(200);
      expect(outReply.body).toMatchObject({ id: inReply.body.id, userId: staff.id, open: false });
      expect(outReply.body.workedSeconds).toBeGreaterThanOrEqual(2.5 * HOUR_S);
      expect(outReply.body.workedSeconds).toBeLessThan(2.5 * HOUR_S + SLACK_S);
      expect(outReply.body.hours).toBe(2.5);
    }
  });

  it('answers 409 when already in (CONFLICT) or not in (INVALID_TRANSITION)', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const notIn = await clockOut(waiter);
    expect(notIn.status).toBe(409);
    expect(notIn.body.error.code).toBe('INVALID_TRANSITION');
    const first = await clockIn(waiter).expect(201);
    const again = await clockIn(waiter);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect(again.body.error.message).toContain(first.body.clockedInAt);
    await clockOut(waiter).expect(200);
    await clockOut(waiter).expect(409);
    expect((await list(`userId=${waiter.id}`)).total).toBe(1);
  });

  it('lets one of several concurrent clock-ins of the same person win, and replays a retried one', async () => {
    const cook = await newStaff(t, Role.Kitchen);
    const replies = await Promise.all([1, 2, 3, 4].map(() => clockIn(cook)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409, 409, 409]);
    const key = `out-${Date.now()}`;
    const out = await clockOut(cook).set('Idempotency-Key', key).expect(200);
    const retry = await clockOut(cook).set('Idempotency-Key', key);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(out.body);
  });

  it('keeps API keys out, and the list for managers and admins', async () => {
    const key = await issueKey(t, admin, { scopes: ['reports:read', 'orders:write'] });
    await withKey(t, key.key).post('/api/v1/time-clock/clock-in').expect(403);
    await withKey(t, key.key).get('/api/v1/time-clock').expect(403);
    const waiter = await newStaff(t, Role.Waiter);
    await as(t, waiter.session).get('/api/v1/time-clock').expect(403);
    await as(t, admin).get('/api/v1/time-clock').expect(200);
    for (const query of ['userId=nope', 'from=yesterday', 'perPage=101']) {
      await as(t, manager.session).get(`/api/v1/time-clock?${query}`).expect(422);
    }
  });

  it('leaves a shift open over night until its clock-out, counting up to now, and lists shifts overlapping a period', async () => {
    const nightOwl = await newStaff(t, Role.Waiter);
    const early = (await clockIn(nightOwl).expect(201)).body as Entry;
    t.clock.advance(3 * HOUR_MS);
    await clockOut(nightOwl).expect(200);
    t.clock.advance(HOUR_MS);
    const late = (await clockIn(nightOwl).expect(201)).body as Entry;
    t.clock.advance(26 * HOUR_MS);

    const all = await list(`userId=${nightOwl.id}`);
    expect(all.items.map((entry) => entry.id)).toEqual([late.id, early.id]);
    expect(all.items[0]).toMatchObject({ open: true, clockedOutAt: null });
    expect(all.items[0].workedSeconds).toBeGreaterThanOrEqual(26 * HOUR_S);
    expect(all.items[0].workedSeconds).toBeLessThan(26 * HOUR_S + SLACK_S);
    expect(all.items[1]).toMatchObject({ open: false, hours: 3 });

    // Overlapping: the early shift ended 1 h before the late one began.
    const at = (entry: Entry, offsetMs: number) =>
      encodeURIComponent(new Date(Date.parse(entry.clockedInAt) + offsetMs).toISOString());
    expect((await list(`userId=${nightOwl.id}&from=${at(early, 2 * HOUR_MS)}`)).items).toHaveLength(2);
    expect((await list(`userId=${nightOwl.id}&from=${at(early, 3.5 * HOUR_MS)}`)).items).toHaveLength(1);
    const onlyEarly = await list(`userId=${nightOwl.id}&to=${at(early, HOUR_MS)}`);
    expect(onlyEarly.items.map((entry) => entry.id)).toEqual([early.id]);
    const paged = await list(`userId=${nightOwl.id}&perPage=1&page=2`);
    expect(paged).toMatchObject({ total: 2, pages: 2 });
    expect(paged.items.map((entry) => entry.id)).toEqual([early.id]);
    await clockOut(nightOwl).expect(200);
  });

  it('sums the hours each staff member worked within a period in the database, clipped to it', async () => {
    const [anna, ben] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Kitchen)]);
    t.clock.advance(HOUR_MS);
    const start = new Date(Date.parse((await clockIn(anna).expect(201)).body.clockedInAt));
    t.clock.advance(HOUR_MS);
    await clockIn(ben).expect(201);
    t.clock.advance(3 * HOUR_MS);
    await clockOut(anna).expect(200); // anna: start to start + 4 h
    t.clock.advance(2 * HOUR_MS); // ben still in: start + 1 h to now (start + 6 h)

    const hours = t.app.get(TimeClockService);
    const at = (h: number) => new Date(start.getTime() + h * HOUR_MS);
    const within = async (from: Date, to: Date) =>
      new Map((await hours.hoursWorkedByUser(from, to)).map((row) => [row.userId, row.workedSeconds]));

    const middle = await within(at(2), at(3));
    expect(middle.get(anna.id)).toBe(HOUR_S);
    expect(middle.get(ben.id)).toBe(HOUR_S);

    const wide = await within(at(-1), at(100));
    expect(wide.get(anna.id)).toBeGreaterThanOrEqual(4 * HOUR_S);
    expect(wide.get(anna.id)).toBeLessThan(4 * HOUR_S + SLACK_S);
    // Ben's open shift counts up to now, not up to the end of the period.
    expect(wide.get(ben.id)).toBeGreaterThanOrEqual(5 * HOUR_S);
    expect(wide.get(ben.id)).toBeLessThan(5 * HOUR_S + SLACK_S);

    const beforeBen = await within(at(0), at(0.5));
    expect(beforeBen.get(anna.id)).toBe(HOUR_S / 2);
    expect(beforeBen.has(ben.id)).toBe(false);
    expect(await hours.hoursWorkedByUser(at(200), at(300))).toEqual([]);
    await clockOut(ben).expect(200);
  });

  it('keeps a staff member who clocked in, deactivated, when deleted: their hours still name them', async () => {
    const [leaver, neverWorked] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Waiter)]);
    await clockIn(leaver).expect(201);
    await clockOut(leaver).expect(200);
    await as(t, admin).delete(`/api/v1/users/${leaver.id}`).expect(204);
    await as(t, admin).delete(`/api/v1/users/${neverWorked.id}`).expect(204);
    expect((await as(t, admin).get(`/api/v1/users/${leaver.id}`).expect(200)).body.active).toBe(false);
    await as(t, admin).get(`/api/v1/users/${neverWorked.id}`).expect(404);
    expect((await list(`userId=${leaver.id}`)).total).toBe(1);
  });

  it('lets a correction end a shift as the next one begins (they touch, not overlap), and refuses an overlap', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const first = await clockIn(waiter).expect(201);
    t.clock.advance(2 * HOUR_MS);
    await clockOut(waiter).expect(200);
    t.clock.advance(HOUR_MS / 2);
    const next = await clockIn(waiter).expect(201);
    t.clock.advance(HOUR_MS);
    await clockOut(waiter).expect(200);
    const correct = (id: string, clockedOutAt: string) =>
      as(t, manager.session)
        .patch(`/api/v1/time-clock/${id}`)
        .send({ clockedOutAt, reason: 'Switched to running at once' });
    const switched = next.body.clockedInAt as string;
    const past = new Date(Date.parse(switched) + 1000).toISOString();
    expect((await correct(first.body.id as string, past)).body.error?.code).toBe('CONFLICT');
    const touching = await correct(first.body.id as string, switched);
    expect(touching.status).toBe(200);
    expect(touching.body).toMatchObject({ clockedOutAt: switched, workedSeconds: 2.5 * HOUR_S });
  });

  it('audits clocking in and out', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const entry = (await clockIn(waiter).expect(201)).body as Entry;
    const out = (await clockOut(waiter).expect(200)).body as Entry;
    const log = await as(t, admin)
      .get(`/api/v1/audit-log?entityType=time_clock_entry&entityId=${entry.id}`)
      .expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        action: 'time_clock.clocked_out',
        actor: `staff:${waiter.id}`,
        before: expect.objectContaining({ open: true }),
        after: out,
      }),
      expect.objectContaining({ action: 'time_clock.clocked_in', before: null, after: entry }),
    ]);
  });
});
