import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { newJob, payInJob, setLabourRules } from './support/labour-fixture';
import { startTestApp, TestApp } from './support/test-app';

type Shift = {
  id: string;
  job: string | null;
  wage: number | null;
  clockedInAt: string;
  clockedOutAt: string | null;
  hours: number;
  breakMinutes: number;
  overtimeHours: number;
  cost: number;
  flags: string[];
  edits: Array<{
    reason: string;
    before: { clockedOutAt: string | null };
    after: { clockedOutAt: string | null };
  }>;
};

/**
 * A week of one person in Europe/Berlin around the spring change (Sunday 28 March 2027, 02:00 CET → 03:00 CEST),
 * with the law's break rule of Germany (test/fixtures/arbzg-4.md), overtime after 10 h a day and 40 h a week, two
 * jobs and a raise mid-week. Each figure below is worked out by hand in the comments.
 */
describe('Time clock: a week of shifts as the law and the payroll count them', () => {
  let t: TestApp;
  let anna: NewStaff;
  let waiter: string;
  let bartender: string;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.pin();
    const admin = await loginAdmin(t);
    anna = await newStaff(t, Role.Waiter);
    await setLabourRules(t, admin, {
      timezone: 'Europe/Berlin',
      country: 'DE',
      overtime: { dailyAfterMinutes: 600, weeklyAfterMinutes: 2400 },
    });
    waiter = await newJob(t, admin, 'Waiter');
    bartender = await newJob(t, admin, 'Bartender');
    for (const wage of [
      { jobId: waiter, hourlyWage: 1300, effectiveFrom: '2027-01-01' },
      { jobId: waiter, hourlyWage: 1400, effectiveFrom: '2027-03-24' },
      { jobId: bartender, hourlyWage: 1600, effectiveFrom: '2027-01-01' },
    ]) {
      await payInJob(t, admin, anna.id, wage);
    }
  });

  afterAll(() => t.close());

  /** Stands the (pinned) clock at this instant. */
  const at = (instant: string) => t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
  /** Anna's own PIN session on the tablet, signed in afresh as she would each time. */
  const tablet = async (): Promise<Session> =>
    (await t.http().post('/api/v1/auth/pin').send({ userId: anna.id, pin: anna.pin }).expect(200))
      .body as Session;
  const act = async (instant: string, path: string, body: object = {}, status = 200): Promise<Shift> => {
    at(instant);
    return (
      await as(t, await tablet())
        .post(`/api/v1/time-clock/${path}`)
        .send(body)
        .expect(status)
    ).body as Shift;
  };

  it('counts hours, cost, overtime and the break flags of each shift as by hand', async () => {
    // Holding two jobs, Anna must choose one; a job she does not hold is refused.
    at('2027-03-22T16:00:00Z');
    const session = await tablet();
    const unchosen = await as(t, session).post('/api/v1/time-clock/clock-in').send({});
    expect(unchosen.status).toBe(422);
    expect(unchosen.body.error.details[0].field).toBe('jobId');
    await as(t, session).post('/api/v1/time-clock/clock-in').send({ jobId: anna.id }).expect(422);

    // 1. Mon 17:00–23:30 CET waiter, unpaid 20:00–20:30: 6 h paid at 13.00 = 78.00; 6 h of work needs no break.
    await act('2027-03-22T16:00:00Z', 'clock-in', { jobId: waiter }, 201);
    await act('2027-03-22T19:00:00Z', 'breaks/start', { paid: false });
    await act('2027-03-22T19:30:00Z', 'breaks/end');
    await act('2027-03-22T22:30:00Z', 'clock-out');

    // 2. Tue 18:00 → Wed 03:00 waiter (the day it began: 13.00), a 10-minute break that the law does not count:
    //    8 h 50 paid = 31,800 s × 13.00 = 114.83; over 6 h without a 15-minute break: both flags.
    await act('2027-03-23T17:00:00Z', 'clock-in', { jobId: waiter }, 201);
    await act('2027-03-23T21:00:00Z', 'breaks/start', { paid: false });
    await act('2027-03-23T21:10:00Z', 'breaks/end');
    const second = await act('2027-03-24T02:00:00Z', 'clock-out');
    expect(second.flags).toEqual(['break_too_short', 'worked_too_long_without_break']);

    // 3. Wed 10:00–22:00 bartender at 16.00, unpaid 13:00–13:30 and paid 17:00–17:15: 11 h 30 paid = 184.00,
    //    1 h 30 past the 10 daily hours; 11 h 15 of work with 45 minutes of breaks in blocks ≥ 15: no flag.
    await act('2027-03-24T09:00:00Z', 'clock-in', { jobId: bartender }, 201);
    await act('2027-03-24T12:00:00Z', 'breaks/start', { paid: false });
    await act('2027-03-24T12:30:00Z', 'breaks/end');
    await act('2027-03-24T16:00:00Z', 'breaks/start', { paid: true });
    await act('2027-03-24T16:15:00Z', 'breaks/end');
    await act('2027-03-24T21:00:00Z', 'clock-out');

    // 4. Thu 16:00 waiter (raised to 14.00 from Wednesday), no break, clock-out forgotten; on Friday the manager
    //    ends it at 23:00: 7 h = 98.00, both flags.
    await act('2027-03-25T15:00:00Z', 'clock-in', { jobId: waiter }, 201);
    at('2027-03-26T11:00:00Z');
    const manager = await loginAdmin(t);
    const open = (
      await as(t, manager).get(`/api/v1/time-clock?userId=${anna.id}&from=2027-03-25T00:00:00Z`).expect(200)
    ).body.items as Array<Shift & { open: boolean }>;
    expect(open).toHaveLength(1);
    expect(open[0].open).toBe(true);
    await as(t, manager)
      .patch(`/api/v1/time-clock/${open[0].id}`)
      .send({ clockedOutAt: '2027-03-26T12:00:00Z' })
      .expect(422);
    await as(t, manager)
      .patch(`/api/v1/time-clock/${open[0].id}`)
      .send({ clockedOutAt: '2027-03-25T22:00:00Z', reason: 'Forgot to clock out; left at 23:00' })
      .expect(200);

    // 5. Sat 20:00 CET → Sun 06:00 CEST waiter: the clocks show 10 h, 9 h passed (19:00Z → 04:00Z); unpaid
    //    23:00–23:45: 8 h 15 paid = 115.50. Week: 6 + 8 h 50 + 10 (past the daily 1 h 30) + 7 + 8 h 15 = 40 h 05
    //    regular hours, 5 minutes past the weekly 40 h. No flag.
    await act('2027-03-27T19:00:00Z', 'clock-in', { jobId: waiter }, 201);
    await act('2027-03-27T22:00:00Z', 'breaks/start', { paid: false });
    await act('2027-03-27T22:45:00Z', 'breaks/end');
    await act('2027-03-28T04:00:00Z', 'clock-out');

    at('2027-03-29T08:00:00Z');
    const week = (
      await as(t, await loginAdmin(t))
        .get(`/api/v1/time-clock?userId=${anna.id}&from=2027-03-21T23:00:00Z&to=2027-03-28T22:00:00Z`)
        .expect(200)
    ).body.items as Shift[];
    const figures = week.reverse().map(({ job, wage, hours, breakMinutes, overtimeHours, cost, flags }) => ({
      job,
      wage,
      hours,
      breakMinutes,
      overtimeHours,
      cost,
      flags,
    }));
    expect(figures).toEqual([
      { job: 'Waiter', wage: 1300, hours: 6, breakMinutes: 30, overtimeHours: 0, cost: 7800, flags: [] },
      {
        job: 'Waiter',
        wage: 1300,
        hours: 8.83,
        breakMinutes: 10,
        overtimeHours: 0,
        cost: 11483,
        flags: ['break_too_short', 'worked_too_long_without_break'],
      },
      {
        job: 'Bartender',
        wage: 1600,
        hours: 11.5,
        breakMinutes: 45,
        overtimeHours: 1.5,
        cost: 18400,
        flags: [],
      },
      {
        job: 'Waiter',
        wage: 1400,
        hours: 7,
        breakMinutes: 0,
        overtimeHours: 0,
        cost: 9800,
        flags: ['break_too_short', 'worked_too_long_without_break'],
      },
      {
        job: 'Waiter',
        wage: 1400,
        hours: 8.25,
        breakMinutes: 45,
        overtimeHours: 0.08,
        cost: 11550,
        flags: [],
      },
    ]);
    // The forgotten clock-out's correction keeps the original, with its reason.
    expect(week[3].edits).toEqual([
      expect.objectContaining({
        reason: 'Forgot to clock out; left at 23:00',
        before: expect.objectContaining({ clockedOutAt: null }),
        after: expect.objectContaining({ clockedOutAt: '2027-03-25T22:00:00.000Z' }),
      }),
    ]);
    const log = await as(t, await loginAdmin(t))
      .get(`/api/v1/audit-log?entityType=time_clock_entry&entityId=${week[3].id}`)
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      action: 'time_clock.edited',
      after: { clockedOutAt: '2027-03-25T22:00:00.000Z' },
    });
  });

  it('shows Anna her own week on the tablet', async () => {
    at('2027-03-28T20:00:00Z');
    const mine = (
      await as(t, await tablet())
        .get('/api/v1/time-clock/me')
        .expect(200)
    ).body;
    expect(mine).toMatchObject({
      current: null,
      weekFrom: '2027-03-22',
      weekHours: 41.58,
      weekOvertimeHours: 1.58,
    });
    expect(mine.jobs.map((job: { name: string }) => job.name)).toEqual(['Bartender', 'Waiter']);
  });
});
