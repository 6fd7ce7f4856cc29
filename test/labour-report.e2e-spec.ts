import { Role } from '../src/common/access/role';
import { as, login, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { newJob, payInJob, setLabourRules } from './support/labour-fixture';
import { parseCsv } from './support/csv';
import { binary, readPdf } from './support/document-readers';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Figures = {
  hours: number;
  overtimeHours: number;
  labourCost: number;
  salesExclTax: number;
  labourPercent: number | null;
};
type Row = Figures & { period: string | null; businessDay: string | null; job: string | null; start: string };
type Labour = { rows: Row[]; totals: Figures };

/**
 * Two business days in Europe/Berlin (CET, UTC+1; business days start at 05:00), overtime after 8 hours a day,
 * everything worked out by hand below.
 *
 * Anna, waiter at 12.00 and bartender at 15.00; Ben, cook at 15.00.
 *   A. Anna, waiter, Mon 11 Jan 17:00 → Tue 02:30 (16:00Z → 01:30Z), unpaid break 20:00–20:30, paid 23:00–23:15:
 *      9 h 30 less 30 min unpaid = 9 h paid, 108.00; 1 h past the 8 daily hours, its last: 01:30–02:30.
 *   B. Ben, cook, Mon 22:00 → Tue 06:00 (21:00Z → 05:00Z), unpaid break 00:00–00:30: 7 h 30 paid, 112.50;
 *      business day Mon (until Tue 05:00) 6 h 30 = 97.50, business day Tue 1 h = 15.00.
 *   C. Anna, bartender, Tue 10:00–14:00: 4 h, 60.00.
 * Sales (10 % tax included): Mon 19:00 20 × 16.50 = 330.00, net 300.00; Tue 12:00 10 × 16.50 = 165.00, net 150.00.
 *
 * By day: Mon 9 + 6.5 = 15.5 h, overtime 1, 108.00 + 97.50 = 205.50, of 300.00: 68.5 %;
 *         Tue 1 + 4 = 5 h, 15.00 + 60.00 = 75.00, of 150.00: 50 %; all 20.5 h, 280.50 of 450.00: 62.33 %.
 * By job: Bartender 4 h, 60.00 (13.33 %); Cook 7.5 h, 112.50 (25 %); Waiter 9 h, overtime 1, 108.00 (24 %).
 */
describe('Labour report and payroll: hours, cost and labour % as by hand', () => {
  let t: TestApp;
  let anna: NewStaff;
  let ben: NewStaff;
  let manager: NewStaff;
  let waiterStaff: NewStaff;
  let r: Restaurant;
  let cashId: string;
  let managerSession: Session;

  /** Stands the (pinned) clock at this instant. */
  const at = (instant: string) => t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
  const pinSession = async (staff: NewStaff): Promise<Session> =>
    (await t.http().post('/api/v1/auth/pin').send({ userId: staff.id, pin: staff.pin }).expect(200))
      .body as Session;
  const clock = async (staff: NewStaff, instant: string, path: string, body: object = {}) => {
    at(instant);
    await as(t, await pinSession(staff))
      .post(`/api/v1/time-clock/${path}`)
      .send(body)
      .expect(path === 'clock-in' ? 201 : 200);
  };
  /** A closed, paid takeaway order of `quantity` double burgers (16.50 each, 10 % tax included). */
  const sell = async (instant: string, quantity: number) => {
    at(instant);
    const session = await login(t, waiterStaff.username, waiterStaff.password);
    const double = r.burger.variations.find((variation) => variation.name === 'Double')!.id;
    const order = await as(t, session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.burger.id, variationId: double, quantity }] })
      .expect(201);
    await as(t, session)
      .post(`/api/v1/orders/${order.body.id}/payments`)
      .send({ methodId: cashId, amount: order.body.total })
      .expect(201);
    await as(t, session)
      .patch(`/api/v1/orders/${order.body.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
  };
  const report = (path: string) => as(t, managerSession).get(`/api/v1/reports/${path}`);

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.pin();
    at('2027-01-11T12:00:00Z');
    const admin = await loginAdmin(t);
    const make = factories(t, admin);
    await make.newTaxRate({ name: 'VAT', percent: 10, isDefault: true });
    r = await make.newRestaurant();
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
      id: string;
      kind: string;
    }>;
    cashId = methods.find((method) => method.kind === 'cash')!.id;
    [anna, ben, manager, waiterStaff] = await Promise.all(
      [Role.Waiter, Role.Waiter, Role.Manager, Role.Waiter].map((role) => newStaff(t, role)),
    );
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

    await clock(anna, '2027-01-11T16:00:00Z', 'clock-in', { jobId: waiter });
    await sell('2027-01-11T18:00:00Z', 20);
    await clock(anna, '2027-01-11T19:00:00Z', 'breaks/start', { paid: false });
    await clock(anna, '2027-01-11T19:30:00Z', 'breaks/end');
    await clock(ben, '2027-01-11T21:00:00Z', 'clock-in');
    await clock(anna, '2027-01-11T22:00:00Z', 'breaks/start', { paid: true });
    await clock(anna, '2027-01-11T22:15:00Z', 'breaks/end');
    await clock(ben, '2027-01-11T23:00:00Z', 'breaks/start', { paid: false });
    await clock(ben, '2027-01-11T23:30:00Z', 'breaks/end');
    await clock(anna, '2027-01-12T01:30:00Z', 'clock-out');
    await clock(ben, '2027-01-12T05:00:00Z', 'clock-out');
    await clock(anna, '2027-01-12T09:00:00Z', 'clock-in', { jobId: bartender });
    await sell('2027-01-12T11:00:00Z', 10);
    await clock(anna, '2027-01-12T13:00:00Z', 'clock-out');
    at('2027-01-12T14:00:00Z');
    managerSession = await login(t, manager.username, manager.password);
  });

  afterAll(() => t.close());

  const PERIOD = 'from=2027-01-11&to=2027-01-12';
  const figures = ({ hours, overtimeHours, labourCost, salesExclTax, labourPercent }: Figures) => ({
    hours,
    overtimeHours,
    labourCost,
    salesExclTax,
    labourPercent,
  });
  const TOTALS = {
    hours: 20.5,
    overtimeHours: 1,
    labourCost: 28050,
    salesExclTax: 45000,
    labourPercent: 62.33,
  };

  it('counts each business day its part of the shifts across midnight and the day start', async () => {
    const body = (await report(`labour?${PERIOD}&groupBy=day`).expect(200)).body as Labour;
    expect(body.rows.map((row) => ({ day: row.businessDay, ...figures(row) }))).toEqual([
      {
        day: '2027-01-11',
        hours: 15.5,
        overtimeHours: 1,
        labourCost: 20550,
        salesExclTax: 30000,
        labourPercent: 68.5,
      },
      {
        day: '2027-01-12',
        hours: 5,
        overtimeHours: 0,
        labourCost: 7500,
        salesExclTax: 15000,
        labourPercent: 50,
      },
    ]);
    expect(body.totals).toEqual(TOTALS);
  });

  it('counts each local hour its part: unpaid breaks out, paid ones in, overtime the last of a shift', async () => {
    const body = (await report(`labour?${PERIOD}&groupBy=hour`).expect(200)).body as Labour;
    expect(body.rows).toHaveLength(48);
    const hour = (start: string) => figures(body.rows.find((row) => row.start === start)!);
    // 19:00: Anna's hour beside the 300.00 sold then.
    expect(hour('2027-01-11T18:00:00.000Z')).toEqual({
      hours: 1,
      overtimeHours: 0,
      labourCost: 1200,
      salesExclTax: 30000,
      labourPercent: 4,
    });
    // 20:00: Anna after her unpaid half hour.
    expect(hour('2027-01-11T19:00:00.000Z')).toMatchObject({
      hours: 0.5,
      labourCost: 600,
      labourPercent: null,
    });
    // 23:00: Anna's paid break counts; Ben's hour.
    expect(hour('2027-01-11T22:00:00.000Z')).toMatchObject({ hours: 2, labourCost: 2700 });
    // 00:00: Anna's hour, Ben's half (unpaid 00:00–00:30).
    expect(hour('2027-01-11T23:00:00.000Z')).toMatchObject({ hours: 1.5, labourCost: 1950 });
    // 01:00: Anna reaches 8 h paid at 01:30; her last half hour is overtime. 02:00: her last 30 minutes, overtime.
    expect(hour('2027-01-12T00:00:00.000Z')).toMatchObject({
      hours: 2,
      overtimeHours: 0.5,
      labourCost: 2700,
    });
    expect(hour('2027-01-12T01:00:00.000Z')).toMatchObject({
      hours: 1.5,
      overtimeHours: 0.5,
      labourCost: 2100,
    });
    // 05:00 Tuesday, the new business day: Ben's last hour.
    const dayStart = body.rows.find((row) => row.start === '2027-01-12T04:00:00.000Z')!;
    expect(dayStart).toMatchObject({ businessDay: '2027-01-12', hours: 1, labourCost: 1500 });
    const summed = body.rows.reduce(
      (sum, row) => ({ hours: sum.hours + row.hours, labourCost: sum.labourCost + row.labourCost }),
      { hours: 0, labourCost: 0 },
    );
    expect(summed).toEqual({ hours: 20.5, labourCost: 28050 });
    expect(body.totals).toEqual(TOTALS);
  });

  it('sums by job with the whole period’s net sales', async () => {
    const body = (await report(`labour?${PERIOD}&groupBy=job`).expect(200)).body as Labour;
    expect(body.rows.map((row) => ({ job: row.job, ...figures(row) }))).toEqual([
      {
        job: 'Bartender',
        hours: 4,
        overtimeHours: 0,
        labourCost: 6000,
        salesExclTax: 45000,
        labourPercent: 13.33,
      },
      {
        job: 'Cook',
        hours: 7.5,
        overtimeHours: 0,
        labourCost: 11250,
        salesExclTax: 45000,
        labourPercent: 25,
      },
      {
        job: 'Waiter',
        hours: 9,
        overtimeHours: 1,
        labourCost: 10800,
        salesExclTax: 45000,
        labourPercent: 24,
      },
    ]);
    expect(body.totals).toEqual(TOTALS);
  });

  it('writes the labour report as CSV and PDF', async () => {
    const csv = await report(`labour?${PERIOD}&groupBy=job&format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.text);
    expect(rows.map((row) => [row.job, row.hours, row.labourCost, row.labourPercent])).toEqual([
      ['Bartender', '4', '6000', '13.33'],
      ['Cook', '7.5', '11250', '25'],
      ['Waiter', '9', '10800', '24'],
      ['', '20.5', '28050', '62.33'],
    ]);
    expect(rows[3].jobId).toBe('total');
    const pdf = await report(`labour?${PERIOD}&groupBy=day&format=pdf&lang=de`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // In German: 205,50 € of 300,00 € on Monday, 68,5 %.
    const { text } = readPdf(pdf.body as Buffer);
    for (const shown of ['Personalkosten nach Tag', 'Überstunden', '205,50', '300,00', '68,5', 'Summe']) {
      expect({ shown, found: text.includes(shown) }).toEqual({ shown, found: true });
    }
  });

  it('exports the payroll per person and job, as JSON and CSV', async () => {
    const expected = [
      {
        userId: anna.id,
        job: 'Bartender',
        hours: 4,
        unpaidBreakMinutes: 0,
        overtimeHours: 0,
        wageCost: 6000,
      },
      { userId: anna.id, job: 'Waiter', hours: 9, unpaidBreakMinutes: 30, overtimeHours: 1, wageCost: 10800 },
      { userId: ben.id, job: 'Cook', hours: 7.5, unpaidBreakMinutes: 30, overtimeHours: 0, wageCost: 11250 },
    ];
    const byPerson = (a: { userId: string; job: string | null }, b: { userId: string; job: string | null }) =>
      `${a.userId === anna.id ? 0 : 1}${a.job}`.localeCompare(`${b.userId === anna.id ? 0 : 1}${b.job}`);
    const json = (await report(`payroll?${PERIOD}`).expect(200)).body as {
      rows: Array<(typeof expected)[number] & { displayName: string }>;
      totals: object;
    };
    const jsonRows = json.rows.map(({ userId, job, hours, unpaidBreakMinutes, overtimeHours, wageCost }) => ({
      userId,
      job,
      hours,
      unpaidBreakMinutes,
      overtimeHours,
      wageCost,
    }));
    expect(jsonRows.sort(byPerson)).toEqual(expected);
    // Nobody had tips: no row without a job, and none in the totals.
    const noTips = {
      cardTips: 0,
      declaredTips: 0,
      tipsGivenOut: 0,
      tipsReceived: 0,
      tipsPaidOut: 0,
      tipsBalance: 0,
    };
    expect(json.totals).toEqual({
      hours: 20.5,
      unpaidBreakMinutes: 60,
      overtimeHours: 1,
      wageCost: 28050,
      ...noTips,
    });

    const csv = await report(`payroll?${PERIOD}&format=csv`).expect(200);
    expect(csv.headers['content-disposition']).toContain('payroll-2027-01-11-2027-01-12.csv');
    const rows = parseCsv(csv.text).map((row) => ({
      userId: row.userId,
      job: row.job,
      hours: Number(row.hours),
      unpaidBreakMinutes: Number(row.unpaidBreakMinutes),
      overtimeHours: Number(row.overtimeHours),
      wageCost: Number(row.wageCost),
    }));
    expect(rows.slice(0, 3).sort(byPerson)).toEqual(expected);
    expect(rows[3]).toEqual({
      userId: 'total',
      job: '',
      hours: 20.5,
      unpaidBreakMinutes: 60,
      overtimeHours: 1,
      wageCost: 28050,
    });
  });

  it('refuses a waiter (403) and an unknown grouping (422)', async () => {
    const waiter = await login(t, waiterStaff.username, waiterStaff.password);
    await as(t, waiter).get(`/api/v1/reports/labour?${PERIOD}`).expect(403);
    await as(t, waiter).get(`/api/v1/reports/payroll?${PERIOD}`).expect(403);
    const bad = await report(`labour?${PERIOD}&groupBy=week`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].field).toBe('groupBy');
  });
});
