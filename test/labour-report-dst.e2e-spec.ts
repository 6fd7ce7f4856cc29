import { Role } from '../src/common/access/role';
import { as, login, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { newJob, payInJob, setLabourRules } from './support/labour-fixture';
import { startTestApp, TestApp } from './support/test-app';

type Figures = { hours: number; overtimeHours: number; labourCost: number };
type Row = Figures & { businessDay: string | null; job: string | null; start: string };
type Labour = { rows: Row[]; totals: Figures };
type Shift = { job: string | null; flags: string[]; edits: Array<{ reason: string }> };

/**
 * The autumn change in Europe/Berlin (Sunday 31 October 2027, 03:00 CEST → 02:00 CET: the hour 02:00–03:00 comes
 * twice), business days from 05:00, overtime after 8 hours a day, Germany's break rule (test/fixtures/arbzg-4.md).
 * Anna is a waiter at 12.00 and a bartender at 15.00; Ben a cook at 15.00. Worked out by hand:
 *   A. Anna, waiter, Sat 30 Oct 20:00 CEST → Sun 04:00 CET (18:00Z → 03:00Z): the clocks show 8 h, 9 h passed;
 *      unpaid 23:00–23:30: 8 h 30 paid = 102.00, its last 30 minutes past the 8 daily hours. Breaks as the law asks.
 *   B. Ben, cook, Sun 01:30 CEST → 07:00 CET (23:30Z → 06:00Z), no break: the clocks show 5 h 30, 6 h 30 passed:
 *      97.50, both break flags (30 minutes due after 6 h; 6 h 30 on end). Business day Sat (until Sun 05:00 CET,
 *      04:00Z) 4 h 30 = 67.50, Sun 2 h = 30.00.
 *   C. Anna, bartender, Mon 1 Nov 10:00 CET, unpaid 13:00–13:15 and 16:00–16:20, clock-out forgotten; on Tuesday
 *      the manager ends it at 20:30 with a reason: 10 h 30 less 35 minutes = 9 h 55 paid (35,700 s) = 148.75, 1 h 55
 *      overtime; over 9 h of work with 35 of the 45 minutes of breaks due: break_too_short.
 * By day: Sat 8.5 + 4.5 = 13 h, 169.50, overtime 0.5; Sun 2 h, 30.00; Mon 9.92 h, 148.75, overtime 1.92.
 * All: 89,700 s = 24.92 h, 348.25, overtime 8,700 s = 2.42 h. Sat's business day has 25 hours; each of the two
 * 02:00 hours holds an hour of Anna's and one of Ben's: 2 h, 27.00.
 */
describe('Labour report and payroll across the autumn clock change, as by hand', () => {
  let t: TestApp;
  let anna: NewStaff;
  let ben: NewStaff;
  let manager: Session;

  /** Stands the (pinned) clock at this instant. */
  const at = (instant: string) => t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
  const clock = async (staff: NewStaff, instant: string, path: string, body: object = {}) => {
    at(instant);
    const session = (
      await t.http().post('/api/v1/auth/pin').send({ userId: staff.id, pin: staff.pin }).expect(200)
    ).body as Session;
    await as(t, session)
      .post(`/api/v1/time-clock/${path}`)
      .send(body)
      .expect(path === 'clock-in' ? 201 : 200);
  };
  const report = async (path: string): Promise<unknown> =>
    (await as(t, manager).get(`/api/v1/reports/${path}?from=2027-10-30&to=2027-11-01`).expect(200)).body;
  const figures = ({ hours, overtimeHours, labourCost }: Figures) => ({ hours, overtimeHours, labourCost });

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.pin();
    at('2027-10-30T10:00:00Z');
    const admin = await loginAdmin(t);
    [anna, ben] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Kitchen)]);
    const boss = await newStaff(t, Role.Manager);
    await setLabourRules(t, admin, {
      timezone: 'Europe/Berlin',
      country: 'DE',
      overtime: { dailyAfterMinutes: 480 },
    });
    const job = (jobName: string) => newJob(t, admin, jobName);
    const [waiter, bartender, cook] = [await job('Waiter'), await job('Bartender'), await job('Cook')];
    for (const [staff, jobId, hourlyWage] of [
      [anna, waiter, 1200],
      [anna, bartender, 1500],
      [ben, cook, 1500],
    ] as const) {
      await payInJob(t, admin, staff.id, { jobId, hourlyWage, effectiveFrom: '2027-01-01' });
    }

    await clock(anna, '2027-10-30T18:00:00Z', 'clock-in', { jobId: waiter });
    await clock(anna, '2027-10-30T21:00:00Z', 'breaks/start', { paid: false });
    await clock(anna, '2027-10-30T21:30:00Z', 'breaks/end');
    await clock(ben, '2027-10-30T23:30:00Z', 'clock-in');
    await clock(anna, '2027-10-31T03:00:00Z', 'clock-out');
    await clock(ben, '2027-10-31T06:00:00Z', 'clock-out');
    await clock(anna, '2027-11-01T09:00:00Z', 'clock-in', { jobId: bartender });
    await clock(anna, '2027-11-01T12:00:00Z', 'breaks/start', { paid: false });
    await clock(anna, '2027-11-01T12:15:00Z', 'breaks/end');
    await clock(anna, '2027-11-01T15:00:00Z', 'breaks/start', { paid: false });
    await clock(anna, '2027-11-01T15:20:00Z', 'breaks/end');

    at('2027-11-02T08:00:00Z');
    manager = await login(t, boss.username, boss.password);
    const open = (
      await as(t, manager).get(`/api/v1/time-clock?userId=${anna.id}&from=2027-11-01T00:00:00Z`).expect(200)
    ).body.items as Array<{ id: string }>;
    await as(t, manager)
      .patch(`/api/v1/time-clock/${open[0].id}`)
      .send({ clockedOutAt: '2027-11-01T19:30:00Z', reason: 'Forgot to clock out; left at 20:30' })
      .expect(200);
  });

  afterAll(() => t.close());

  it('flags the breaks as the law counts the hours that passed, and keeps the correction', async () => {
    const shifts = (
      await as(t, manager)
        .get('/api/v1/time-clock?from=2027-10-30T00:00:00Z&to=2027-11-02T00:00:00Z')
        .expect(200)
    ).body.items as Shift[];
    expect(shifts.map(({ job, flags }) => ({ job, flags })).reverse()).toEqual([
      { job: 'Waiter', flags: [] },
      { job: 'Cook', flags: ['break_too_short', 'worked_too_long_without_break'] },
      { job: 'Bartender', flags: ['break_too_short'] },
    ]);
    expect(shifts[0].edits.map((edit) => edit.reason)).toEqual(['Forgot to clock out; left at 20:30']);
  });

  it('counts each business day, and each of the 25 hours of the long night, its part', async () => {
    const byDay = (await report('labour')) as Labour;
    expect(byDay.rows.map((row) => ({ day: row.businessDay, ...figures(row) }))).toEqual([
      { day: '2027-10-30', hours: 13, overtimeHours: 0.5, labourCost: 16950 },
      { day: '2027-10-31', hours: 2, overtimeHours: 0, labourCost: 3000 },
      { day: '2027-11-01', hours: 9.92, overtimeHours: 1.92, labourCost: 14875 },
    ]);
    expect(figures(byDay.totals)).toEqual({ hours: 24.92, overtimeHours: 2.42, labourCost: 34825 });

    const byHour = (
      await as(t, manager)
        .get('/api/v1/reports/labour?from=2027-10-30&to=2027-11-01&groupBy=hour')
        .expect(200)
    ).body as Labour;
    expect(byHour.rows.filter((row) => row.businessDay === '2027-10-30')).toHaveLength(25);
    const hour = (start: string) => figures(byHour.rows.find((row) => row.start === start)!);
    // 02:00 CEST and 02:00 CET: an hour of Anna's and one of Ben's in each.
    expect(hour('2027-10-31T00:00:00.000Z')).toEqual({ hours: 2, overtimeHours: 0, labourCost: 2700 });
    expect(hour('2027-10-31T01:00:00.000Z')).toEqual({ hours: 2, overtimeHours: 0, labourCost: 2700 });
    // 03:00 CET: Anna's last half hour, overtime, and Ben's hour.
    expect(hour('2027-10-31T02:00:00.000Z')).toEqual({ hours: 2, overtimeHours: 0.5, labourCost: 2700 });
  });

  it('sums by job and in the payroll as by hand', async () => {
    const byJob = (
      await as(t, manager).get('/api/v1/reports/labour?from=2027-10-30&to=2027-11-01&groupBy=job').expect(200)
    ).body as Labour;
    expect(byJob.rows.map((row) => ({ job: row.job, ...figures(row) }))).toEqual([
      { job: 'Bartender', hours: 9.92, overtimeHours: 1.92, labourCost: 14875 },
      { job: 'Cook', hours: 6.5, overtimeHours: 0, labourCost: 9750 },
      { job: 'Waiter', hours: 8.5, overtimeHours: 0.5, labourCost: 10200 },
    ]);
    const payroll = (await report('payroll')) as {
      rows: Array<{ userId: string; job: string | null; hours: number; unpaidBreakMinutes: number }>;
      totals: Record<string, number>;
    };
    const rows = payroll.rows.map(({ userId, job, hours, unpaidBreakMinutes }) => ({
      who: userId === anna.id ? 'anna' : userId === ben.id ? 'ben' : userId,
      job,
      hours,
      unpaidBreakMinutes,
    }));
    expect(rows.sort((a, b) => `${a.who}${a.job}`.localeCompare(`${b.who}${b.job}`))).toEqual([
      { who: 'anna', job: 'Bartender', hours: 9.92, unpaidBreakMinutes: 35 },
      { who: 'anna', job: 'Waiter', hours: 8.5, unpaidBreakMinutes: 30 },
      { who: 'ben', job: 'Cook', hours: 6.5, unpaidBreakMinutes: 0 },
    ]);
    expect(payroll.totals).toMatchObject({
      hours: 24.92,
      unpaidBreakMinutes: 65,
      overtimeHours: 2.42,
      wageCost: 34825,
    });
  });
});
