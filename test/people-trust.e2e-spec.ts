/**
 * The people's time, tips and cash, attacked from inside: each kind of caller tries to act on another person's
 * shift, tips or drawer, and a manager tries corrections the time clock must refuse. The role × route sweep
 * (access-sweep) keeps API keys, kitchen devices and site credentials out; this spec goes past the guard, into
 * what each service allows the callers it admits.
 */
import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

type Entry = { id: string; userId: string; clockedInAt: string; clockedOutAt: string | null; open: boolean };
type Shift = { id: string; status: string; withdrawals: number; movements: unknown[] };

const HOUR_MS = 3_600_000;
const TABLET = 'tablet-people-trust';

describe('The people’s time, tips and cash: what each caller may do to whom', () => {
  let t: TestApp;
  let admin: Session;
  let manager: NewStaff;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    manager = await newStaff(t, Role.Manager);
  });

  afterAll(() => t.close());

  const clock = (staff: NewStaff, what: string, body: object = {}) =>
    as(t, staff.session).post(`/api/v1/time-clock/${what}`).send(body);
  const correct = (id: string, body: object) =>
    as(t, manager.session).patch(`/api/v1/time-clock/${id}`).send(body);
  const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
  const shiftsOf = async (staff: NewStaff): Promise<Entry[]> =>
    (await as(t, manager.session).get(`/api/v1/time-clock?userId=${staff.id}`).expect(200)).body
      .items as Entry[];

  /** A closed shift of 1 h, an hour's gap, then an open one 2 h old: [closed, open]. */
  async function twoShifts(staff: NewStaff): Promise<[Entry, Entry]> {
    const closed = (await clock(staff, 'clock-in').expect(201)).body as Entry;
    t.clock.advance(HOUR_MS);
    await clock(staff, 'clock-out').expect(200);
    t.clock.advance(HOUR_MS);
    const open = (await clock(staff, 'clock-in').expect(201)).body as Entry;
    t.clock.advance(2 * HOUR_MS);
    return [closed, open];
  }

  it('refuses a correction that lays a shift over the person’s open one (409), leaving both as they were', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const [closed, open] = await twoShifts(waiter);
    // The closed shift moved to an hour after the open one began: inside it.
    const over = await correct(closed.id, {
      clockedInAt: at(open.clockedInAt, HOUR_MS),
      clockedOutAt: at(open.clockedInAt, 1.5 * HOUR_MS),
      reason: 'moved onto the open shift',
    });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('CONFLICT');
    const [openNow, closedNow] = await shiftsOf(waiter);
    expect(closedNow).toMatchObject({ id: closed.id, clockedInAt: closed.clockedInAt });
    expect(openNow).toMatchObject({ id: open.id, open: true });
    await clock(waiter, 'clock-out').expect(200);
  });

  it('lets a forgotten clock-out end where the next shift began: shifts that meet do not overlap', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const [closed, open] = await twoShifts(waiter);
    const met = await correct(closed.id, {
      clockedOutAt: open.clockedInAt,
      reason: 'left at the next start',
    });
    expect(met.status).toBe(200);
    expect(met.body).toMatchObject({ clockedOutAt: open.clockedInAt });
    // A minute further is an overlap.
    const past = await correct(closed.id, { clockedOutAt: at(open.clockedInAt, 60_000), reason: 'too far' });
    expect(past.status).toBe(409);
    await clock(waiter, 'clock-out').expect(200);
  });

  it('refuses a correction without a reason, into the future, of negative length or over a day, or leaving a break outside', async () => {
    const cook = await newStaff(t, Role.Kitchen);
    const shift = (await clock(cook, 'clock-in').expect(201)).body as Entry;
    t.clock.advance(HOUR_MS);
    await clock(cook, 'breaks/start', { paid: false }).expect(200);
    t.clock.advance(HOUR_MS);
    await clock(cook, 'breaks/end').expect(200);
    t.clock.advance(HOUR_MS);
    const out = (await clock(cook, 'clock-out').expect(200)).body as Entry;
    const start = shift.clockedInAt;
    const fieldOf = async (body: object) => {
      const reply = await correct(shift.id, body);
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
      return (reply.body.error.details as Array<{ field: string }>)[0].field;
    };
    expect(await fieldOf({ clockedOutAt: at(start, 2.5 * HOUR_MS) })).toBe('reason');
    expect(await fieldOf({ clockedOutAt: at(start, 2.5 * HOUR_MS), reason: '' })).toBe('reason');
    const reason = 'attack';
    expect(await fieldOf({ clockedOutAt: at(start, 4 * HOUR_MS), reason })).toBe('clockedOutAt');
    expect(await fieldOf({ clockedInAt: at(out.clockedOutAt!, 60_000), reason })).toBe('clockedOutAt');
    expect(await fieldOf({ clockedOutAt: start, reason })).toBe('clockedOutAt');
    expect(await fieldOf({ clockedOutAt: at(start, -HOUR_MS), reason })).toBe('clockedOutAt');
    // A year for an hour: a clock-in moved back a year would pay a year's wages.
    expect(await fieldOf({ clockedInAt: at(start, -366 * 24 * HOUR_MS), reason })).toBe('clockedInAt');
    expect(await fieldOf({ clockedInAt: at(out.clockedOutAt!, -24 * HOUR_MS - 60_000), reason })).toBe(
      'clockedInAt',
    );
    // The break ran from +1 h to +2 h: a shift ending at +1.5 h or starting at +1.5 h leaves it outside.
    expect(await fieldOf({ clockedOutAt: at(start, 1.5 * HOUR_MS), reason })).toBe('clockedOutAt');
    expect(await fieldOf({ clockedInAt: at(start, 1.5 * HOUR_MS), reason })).toBe('clockedOutAt');
    await correct('00000000-0000-4000-8000-000000000000', { reason }).expect(404);
    const [kept] = await shiftsOf(cook);
    expect(kept).toMatchObject({ clockedInAt: start, clockedOutAt: out.clockedOutAt });
    expect((kept as Entry & { edits: unknown[] }).edits).toEqual([]);
  });

  it('moves a shift only into a job its person holds', async () => {
    const [waiter, cook] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Kitchen)]);
    const job = async (name: string) =>
      (await as(t, admin).post('/api/v1/jobs').send({ name }).expect(201)).body.id as string;
    const [serving, cooking] = await Promise.all([job(`Serving ${waiter.id}`), job(`Cooking ${cook.id}`)]);
    const wage = (staff: NewStaff, jobId: string) =>
      as(t, admin)
        .post(`/api/v1/users/${staff.id}/jobs`)
        .send({ jobId, hourlyWage: 1500, effectiveFrom: '2020-01-01' })
        .expect(201);
    await Promise.all([wage(waiter, serving), wage(cook, cooking)]);
    const shift = (await clock(waiter, 'clock-in').expect(201)).body as Entry;
    t.clock.advance(HOUR_MS);
    await clock(waiter, 'clock-out').expect(200);
    const foreign = await correct(shift.id, { jobId: cooking, reason: 'paid as the cook' });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details[0].field).toBe('jobId');
    const [kept] = await shiftsOf(waiter);
    expect(kept).toMatchObject({ id: shift.id, jobId: serving, wage: 1500 });
  });

  it('audits a correction with who, why and the times before', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const shift = (await clock(waiter, 'clock-in').expect(201)).body as Entry;
    t.clock.advance(3 * HOUR_MS);
    const end = at(shift.clockedInAt, 2 * HOUR_MS);
    const edited = await correct(shift.id, { clockedOutAt: end, reason: 'forgot; left at two' }).expect(200);
    expect(edited.body.edits).toEqual([
      expect.objectContaining({
        reason: 'forgot; left at two',
        before: expect.objectContaining({ clockedOutAt: null }),
        after: expect.objectContaining({ clockedOutAt: end }),
      }),
    ]);
    const log = await as(t, admin)
      .get(`/api/v1/audit-log?entityType=time_clock_entry&entityId=${shift.id}`)
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      action: 'time_clock.edited',
      actor: `staff:${manager.id}`,
      before: expect.objectContaining({ open: true }),
      after: edited.body,
    });
    // The waiter, clocked out by the manager, cannot clock out again or touch the shift.
    await clock(waiter, 'clock-out').expect(409);
    await as(t, waiter.session).patch(`/api/v1/time-clock/${shift.id}`).send({ reason: 'mine' }).expect(403);
  });

  it('stops a deactivated person’s session at once; a manager ends the shift they left open', async () => {
    const leaver = await newStaff(t, Role.Waiter);
    const shift = (await clock(leaver, 'clock-in').expect(201)).body as Entry;
    await as(t, admin).delete(`/api/v1/users/${leaver.id}`).expect(204);
    for (const what of ['clock-out', 'breaks/start', 'clock-in']) {
      const reply = await clock(leaver, what, { paid: true });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('UNAUTHORIZED');
    }
    await as(t, leaver.session).get('/api/v1/time-clock/me').expect(401);
    await as(t, leaver.session).post('/api/v1/tips/declared').send({ amount: 100 }).expect(401);
    t.clock.advance(HOUR_MS);
    await correct(shift.id, { clockedOutAt: at(shift.clockedInAt, HOUR_MS), reason: 'left' }).expect(200);
  });

  it('books declared tips to the caller only, in whole positive minor units', async () => {
    const [waiter, other] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Waiter)]);
    const declare = (staff: NewStaff | Session, body: object) =>
      as(t, 'session' in staff ? staff.session : staff)
        .post('/api/v1/tips/declared')
        .send(body);
    for (const amount of [-500, 0, 1.5, 1e13, '100', null, Number.MAX_SAFE_INTEGER]) {
      const reply = await declare(waiter, { amount });
      expect([reply.status, reply.body.error?.details?.[0]?.field]).toEqual([422, 'amount']);
    }
    const forOther = await declare(waiter, { amount: 100, userId: other.id });
    expect([forOther.status, forOther.body.error.details[0].field]).toEqual([422, 'userId']);
    const own = await declare(waiter, { amount: 100 }).expect(201);
    expect(own.body).toMatchObject({ userId: waiter.id, amount: 100 });
    const nobody = await declare(manager, { amount: 100, userId: '00000000-0000-4000-8000-000000000000' });
    expect([nobody.status, nobody.body.error.details[0].field]).toEqual([422, 'userId']);
    await declare(manager, { amount: 100, userId: other.id }).expect(201);
  });

  it('pays tips out of an open drawer once per key, and nothing at all when no drawer is open', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const payout = (key: string) =>
      as(t, manager.session)
        .post('/api/v1/tips/payouts')
        .set('X-Device-Id', TABLET)
        .set('Idempotency-Key', key)
        .send({ userId: waiter.id, amount: 700, method: 'cash' });
    const none = await payout(`none-${waiter.id}`);
    expect([none.status, none.body.error.code]).toEqual([404, 'NOT_FOUND']);

    const drawer = (
      await as(t, waiter.session)
        .post('/api/v1/shifts')
        .set('X-Device-Id', TABLET)
        .send({ float: 5_000 })
        .expect(201)
    ).body as Shift;
    // Sent twice at once, then again: paid once.
    const key = `paid-${waiter.id}`;
    const both = await Promise.all([payout(key), payout(key)]);
    const first = both.find((reply) => reply.status === 201)!;
    const other = both.find((reply) => reply !== first)!;
    expect(first.body).toMatchObject({ userId: waiter.id, amount: 700, cashShiftId: drawer.id });
    expect(other.status === 201 ? other.body : other.body.error.code).toEqual(
      other.status === 201 ? first.body : 'IDEMPOTENCY_IN_PROGRESS',
    );
    const again = await payout(key).expect(201);
    expect([again.headers['idempotent-replayed'], again.body]).toEqual(['true', first.body]);
    const shift = (await as(t, manager.session).get(`/api/v1/shifts/${drawer.id}`).expect(200)).body as Shift;
    expect(shift).toMatchObject({ withdrawals: 700, expectedCash: 4_300 });
    expect(shift.movements).toHaveLength(1);

    // Counted and closed, the drawer takes no more: neither a pay-out nor a movement nor a second count.
    const counted = await as(t, waiter.session)
      .post(`/api/v1/shifts/${drawer.id}/count`)
      .set('X-Device-Id', TABLET)
      .send({ amount: 4_300 })
      .expect(200);
    expect(counted.body).toMatchObject({ status: 'closed', difference: 0 });
    const closedAlready = await payout(`late-${waiter.id}`);
    expect(closedAlready.status).toBe(404);
    const late = [
      as(t, waiter.session)
        .post(`/api/v1/shifts/${drawer.id}/count`)
        .set('X-Device-Id', TABLET)
        .send({ amount: 1 }),
      as(t, manager.session)
        .post(`/api/v1/shifts/${drawer.id}/movements`)
        .send({ kind: 'withdrawal', amount: 100, reason: 'after the close' }),
      as(t, manager.session).post(`/api/v1/shifts/${drawer.id}/close`).send({ countedCash: 0 }),
    ];
    for (const reply of await Promise.all(late)) {
      expect([reply.status, reply.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    }
    const report = await as(t, manager.session).get('/api/v1/reports/tips').expect(200);
    const days = report.body.days as Array<{ people: Array<{ userId: string; paidOut: number }> }>;
    const paidOut = days.flatMap((day) => day.people).filter((person) => person.userId === waiter.id);
    expect(paidOut.reduce((sum, person) => sum + person.paidOut, 0)).toBe(700);
  });

  it('lets one of two racing requests win: breaks, a clock-out against its correction, a drawer counted twice', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const shift = (await clock(waiter, 'clock-in').expect(201)).body as Entry;
    t.clock.advance(HOUR_MS);
    const starts = await Promise.all([1, 2, 3].map(() => clock(waiter, 'breaks/start', { paid: false })));
    expect(starts.map((reply) => reply.status).sort()).toEqual([200, 409, 409]);
    t.clock.advance(HOUR_MS);
    const ends = await Promise.all([1, 2].map(() => clock(waiter, 'breaks/end')));
    expect(ends.map((reply) => reply.status).sort()).toEqual([200, 409]);
    t.clock.advance(HOUR_MS);
    const end = at(shift.clockedInAt, 2.5 * HOUR_MS);
    const [out, corrected] = await Promise.all([
      clock(waiter, 'clock-out'),
      correct(shift.id, { clockedOutAt: end, reason: 'left at half past' }),
    ]);
    expect([out.status, corrected.status]).toContain(200);
    const [kept] = (await as(t, manager.session).get(`/api/v1/time-clock?userId=${waiter.id}`).expect(200))
      .body.items as Array<Entry & { breaks: unknown[] }>;
    expect(kept.open).toBe(false);
    expect(kept.breaks).toHaveLength(1);
    expect(kept.clockedOutAt).toBe(
      corrected.status === 200 ? corrected.body.clockedOutAt : out.body.clockedOutAt,
    );

    const drawer = (await as(t, manager.session).post('/api/v1/shifts').send({ float: 1_000 }).expect(201))
      .body as Shift;
    const counts = await Promise.all(
      [1_000, 900].map((amount) =>
        as(t, manager.session).post(`/api/v1/shifts/${drawer.id}/count`).send({ amount }),
      ),
    );
    expect(counts.map((reply) => reply.status).sort()).toEqual([200, 409]);
    const winner = counts.find((reply) => reply.status === 200)!.body as Shift & { countedCash: number };
    const closed = await as(t, manager.session).get(`/api/v1/shifts/${drawer.id}`).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', countedCash: winner.countedCash });
  });

  it('shows a waiter no drawer but their tablet’s: not the house drawer, with or without a device', async () => {
    const waiter = await newStaff(t, Role.Waiter);
    const house = (await as(t, manager.session).post('/api/v1/shifts').send({ float: 9_900 }).expect(201))
      .body as Shift;
    const noDevice = await as(t, waiter.session).get('/api/v1/shifts/current');
    expect([noDevice.status, noDevice.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    const emptyDevice = await as(t, waiter.session).get('/api/v1/shifts/current').set('X-Device-Id', '');
    expect([emptyDevice.status, emptyDevice.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    await as(t, waiter.session)
      .post(`/api/v1/shifts/${house.id}/movements`)
      .send({ kind: 'withdrawal', amount: 100, reason: 'not mine' })
      .expect(404);
    await as(t, waiter.session).post(`/api/v1/shifts/${house.id}/count`).send({ amount: 0 }).expect(404);
    const managerSees = await as(t, manager.session).get('/api/v1/shifts/current').expect(200);
    expect(managerSees.body).toMatchObject({ id: house.id, withdrawals: 0, status: 'open' });
    await as(t, manager.session).post(`/api/v1/shifts/${house.id}/count`).send({ amount: 9_900 }).expect(200);
  });
});
