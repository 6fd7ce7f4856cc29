import request from 'supertest';
import { Role } from '../src/common/access/role';
import { addDays, businessDayStart } from '../src/orders/business-day';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { newJob, payInJob, setLabourRules } from './support/labour-fixture';
import { handSentSite, newOrder, openTill, salesAtHq, settle, Till } from './support/chain-sales';
import { linkSite, Site, SITE_IDENTITY, startSite, stopSites } from './support/chain-sites';
import { ServiceProcess, startService } from './support/processes';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { eventually } from './support/webhook-receiver';

type Labour = {
  hours: number;
  overtimeHours: number;
  labourCost: number;
  salesExclTax: number;
  labourPercent: number | null;
};
type Tips = { earned: number; givenOut: number; received: number; paidOut: number };
type HqRow = Labour & { siteId: string | null; businessDay: string | null; currency: string; tips: Tips };

const labourOf = ({ hours, overtimeHours, labourCost, salesExclTax, labourPercent }: Labour): Labour => ({
  hours,
  overtimeHours,
  labourCost,
  salesExclTax,
  labourPercent,
});

/** A site of the spec: its till, a waiter who clocks in with their PIN, and a manager who corrects shifts. */
interface Staffed {
  site: Site;
  till: Till;
  worker: NewStaff;
  job: string;
}

/**
 * Headquarters and two sites, each a process on its own database (SQLite or PostgreSQL as the suite runs). Each
 * site's shifts, sales and tips reach headquarters as `labour_days` facts through the sales upstream, and
 * headquarters' labour report per site equals each site's own GET /reports/labour and GET /reports/tips (every
 * person added up), to the cent and the minute: a shift across midnight and the business day's start (Mitte, with
 * overtime after 8 hours a day), and a shift corrected by a manager after headquarters had it (Hafen), which
 * supersedes what headquarters held rather than adding to it. A forged labour fact is refused at the door, and a
 * site's credential reads no report of headquarters.
 */
describe('Headquarters: labour and tips per site', () => {
  let hqDatabase: TestDatabase;
  let hq: ServiceProcess;
  let hqAdmin: Session;
  let mitte: Staffed;
  let hafen: Staffed;

  /** An instant of the site's wall clock (Europe/Berlin): `day` at `time`. */
  const local = (day: string, time: string) =>
    businessDayStart(day, SITE_IDENTITY.timezone, time).toISOString();

  async function staffed(site: Site, jobName: string, wage: number, overtime?: number): Promise<Staffed> {
    const till = await openTill(site.service, site.admin);
    if (overtime !== undefined) {
      await setLabourRules(site.service, site.admin, { overtime: { dailyAfterMinutes: overtime } });
    }
    const worker = await newStaff(site.service, Role.Waiter);
    const job = await newJob(site.service, site.admin, jobName);
    await payInJob(site.service, site.admin, worker.id, {
      jobId: job,
      hourlyWage: wage,
      effectiveFrom: addDays(till.today, -7),
    });
    return { site, till, worker, job };
  }

  beforeAll(async () => {
    hqDatabase = await createTestDatabase();
    // One after another: three services starting at once on a busy machine may each take more than a minute.
    hq = await startService({ DATABASE_URL: hqDatabase.url, POS_ROLE: 'hq' });
    const sites = [await startSite('Zur Linde, Mitte'), await startSite('Zur Linde, Hafen')];
    hqAdmin = await loginAdmin(hq);
    [mitte, hafen] = [await staffed(sites[0], 'Waiter', 1200, 480), await staffed(sites[1], 'Cook', 1550)];
    for (const { site } of [mitte, hafen]) await linkSite(hq, hqAdmin, site, hq.url);
  }, 300_000);

  afterAll(async () => {
    await stopSites([mitte?.site, hafen?.site].filter((site): site is Site => site !== undefined));
    hq?.child.kill('SIGTERM');
    await hq?.exited;
    await hqDatabase?.drop();
  });

  /** The worker clocks in and out with their PIN now; answers the shift's id. */
  async function shiftNow({ site, worker }: Staffed): Promise<string> {
    const pin = await request(site.service.url)
      .post('/api/v1/auth/pin')
      .send({ userId: worker.id, pin: worker.pin })
      .expect(200);
    const session = pin.body as Session;
    const clockedIn = await as(site.service, session)
      .post('/api/v1/time-clock/clock-in')
      .send({})
      .expect(201);
    await as(site.service, session).post('/api/v1/time-clock/clock-out').send({}).expect(200);
    return clockedIn.body.id as string;
  }

  /** The site's manager moves a shift to other times, with a reason. */
  const correct = ({ site, till }: Staffed, id: string, clockedInAt: string, clockedOutAt: string) =>
    as(site.service, till.manager)
      .patch(`/api/v1/time-clock/${id}`)
      .send({ clockedInAt, clockedOutAt, reason: 'Forgot to clock; times from the rota' })
      .expect(200);

  const period = (till: Till) => `from=${addDays(till.today, -2)}&to=${till.today}`;

  /** Headquarters' labour report of the site's period, grouped as asked, for that site. */
  const atHq = async (staffedSite: Staffed, groupBy: 'site' | 'day') =>
    (
      await as(hq, hqAdmin)
        .get(
          `/api/v1/hq/reports/labour?${period(staffedSite.till)}&siteId=${staffedSite.site.id}&groupBy=${groupBy}`,
        )
        .expect(200)
    ).body as { rows: HqRow[]; totals: Array<Labour & { currency: string; tips: Tips }> };

  /** The site's own labour by day and its tip report's people added up, for the same days. */
  async function atSite({ site, till }: Staffed) {
    const labour = await as(site.service, till.manager)
      .get(`/api/v1/reports/labour?${period(till)}&groupBy=day`)
      .expect(200);
    const tipReport = await as(site.service, till.manager)
      .get(`/api/v1/reports/tips?${period(till)}`)
      .expect(200);
    const tips: Tips = { earned: 0, givenOut: 0, received: 0, paidOut: 0 };
    for (const day of tipReport.body.days as Array<{ people: Tips[] }>) {
      for (const person of day.people) {
        for (const name of Object.keys(tips) as Array<keyof Tips>) tips[name] += person[name];
      }
    }
    const body = labour.body as { rows: Array<Labour & { businessDay: string }>; totals: Labour };
    return { rows: body.rows, totals: body.totals, tips };
  }

  /** Waits until headquarters' figures for the site equal the site's own, by day and in total; answers them. */
  async function equalAtHq(staffedSite: Staffed) {
    let last = '';
    await eventually(
      `HQ’s labour of ${staffedSite.site.name} to equal the site’s (${last})`,
      async () => {
        const own = await atSite(staffedSite);
        const [bySite, byDay] = [await atHq(staffedSite, 'site'), await atHq(staffedSite, 'day')];
        const row = bySite.rows[0];
        const days = own.rows
          .filter((day) => day.hours !== 0 || day.salesExclTax !== 0)
          .map((day) => ({ businessDay: day.businessDay, ...labourOf(day) }));
        const hqDays = byDay.rows
          .filter((day) => day.hours !== 0 || day.salesExclTax !== 0)
          .map((day) => ({ businessDay: day.businessDay, ...labourOf(day) }));
        const expected = JSON.stringify({ totals: labourOf(own.totals), tips: own.tips, days });
        const seen = JSON.stringify({ totals: row && labourOf(row), tips: row?.tips, days: hqDays });
        last = seen;
        return expected === seen;
      },
      60_000,
    );
    return atSite(staffedSite);
  }

  it('sums each site’s shifts, sales and tips as the site does, a correction superseding what was sent', async () => {
    // Mitte: a shift moved across midnight and the day's start (05:00): 20:00 → 06:00 is 10 hours, 9 on the first
    // business day and 1 on the next; the last 2 (04:00 → 06:00) are overtime past 8 hours a day, one on each;
    // 10 × 12.00 = 120.00.
    const twoDaysAgo = addDays(mitte.till.today, -2);
    const night = await shiftNow(mitte);
    await correct(mitte, night, local(twoDaysAgo, '20:00'), local(addDays(twoDaysAgo, 1), '06:00'));
    await settle(mitte.till, await newOrder(mitte.till, 'dine_in'), mitte.till.card, 150);
    await as(mitte.site.service, mitte.till.waiter)
      .post('/api/v1/tips/declared')
      .send({ amount: 500 })
      .expect(201);
    await as(mitte.site.service, mitte.till.manager)
      .post('/api/v1/tips/payouts')
      .send({ userId: mitte.worker.id, amount: 300, method: 'payroll' })
      .expect(201);

    // Hafen: a shift sent as 10:00 → 18:00 yesterday, then corrected to 10:00 → 16:30 once headquarters had it.
    const yesterday = addDays(hafen.till.today, -1);
    const day = await shiftNow(hafen);
    await correct(hafen, day, local(yesterday, '10:00'), local(yesterday, '18:00'));
    await settle(hafen.till, await newOrder(hafen.till, 'takeaway'), hafen.till.cash);
    const sent = await equalAtHq(hafen);
    expect(sent.totals).toMatchObject({ hours: 8, labourCost: 12400 });
    await correct(hafen, day, local(yesterday, '10:00'), local(yesterday, '16:30'));
    await as(hafen.site.service, hafen.till.waiter)
      .post('/api/v1/tips/declared')
      .send({ amount: 200 })
      .expect(201);

    const own = { mitte: await equalAtHq(mitte), hafen: await equalAtHq(hafen) };
    expect(own.mitte.totals).toMatchObject({ hours: 10, overtimeHours: 2, labourCost: 12000 });
    expect(own.mitte.rows.find((row) => row.businessDay === twoDaysAgo)).toMatchObject({
      hours: 9,
      overtimeHours: 1,
      labourCost: 10800,
    });
    expect(own.mitte.tips).toEqual({ earned: 650, givenOut: 0, received: 0, paidOut: 300 });
    // 6.5 hours, not 8 + 6.5: the corrected day replaced the one sent.
    expect(own.hafen.totals).toMatchObject({ hours: 6.5, overtimeHours: 0, labourCost: 10075 });
    expect(own.hafen.tips).toMatchObject({ earned: 200, paidOut: 0 });

    // Both sites at once, per site, each in its row; the totals add them (one currency).
    const both = (
      await as(hq, hqAdmin)
        .get(
          `/api/v1/hq/reports/labour?from=${addDays(mitte.till.today, -2)}&to=${mitte.till.today}&groupBy=site`,
        )
        .expect(200)
    ).body as { rows: HqRow[]; totals: Array<Labour & { currency: string; tips: Tips }> };
    expect(both.rows.map((row) => [row.siteId, row.hours, row.labourCost, row.tips.earned])).toEqual([
      [hafen.site.id, 6.5, 10075, 200],
      [mitte.site.id, 10, 12000, 650],
    ]);
    expect(both.totals).toEqual([
      expect.objectContaining({ currency: 'EUR', hours: 16.5, overtimeHours: 2, labourCost: 22075 }),
    ]);
    // One more sale reaches headquarters behind everything before it, and the figures still agree: nothing twice.
    await salesAtHq(mitte.till, mitte.site.id, () => ({ server: hq, session: hqAdmin })).exactlyOnce();
    await equalAtHq(mitte);
  });

  it('refuses a forged or out-of-bounds labour fact, naming it, and keeps nothing of its batch', async () => {
    const forger = await handSentSite(hq, hqAdmin, 'Zur Linde, Falsch');
    const today = mitte.till.today;
    const labourDays = (seq: number, days: object[]) => ({
      seq,
      type: 'labour_days',
      occurredAt: new Date().toISOString(),
      businessDay: today,
      currency: 'EUR',
      channel: null,
      orderId: null,
      figures: {
        orders: 0,
        gross: 0,
        discounts: 0,
        serviceCharge: 0,
        tax: 0,
        refunds: 0,
        netSales: 0,
        tips: 0,
      },
      detail: { days },
    });
    const job = { key: 'site:cook', name: 'Cook', workedSeconds: 3600, overtimeSeconds: 0, cost: 1500 };
    const tips = { earned: 100, givenOut: 0, received: 0, paidOut: 0 };
    const dayOf = (jobs: object[], dayTips: object = tips) => ({ businessDay: today, jobs, tips: dayTips });
    const refusals: Array<[object, string, string]> = [
      [
        labourDays(1, [dayOf([{ ...job, workedSeconds: -3600 }])]),
        'facts[0].detail.days[0].jobs[0].workedSeconds',
        'must be 0',
      ],
      [
        labourDays(1, [dayOf([{ ...job, overtimeSeconds: 7200 }])]),
        'facts[0].detail.days[0].jobs[0].overtimeSeconds',
        'workedSeconds',
      ],
      [labourDays(1, [dayOf([{ ...job, cost: 1e13 }])]), 'facts[0].detail.days[0].jobs[0].cost', 'from 0 to'],
      [labourDays(1, [dayOf([{ ...job, cost: -1 }])]), 'facts[0].detail.days[0].jobs[0].cost', 'from 0 to'],
      [labourDays(1, [dayOf([job, job])]), 'facts[0].detail.days[0].jobs[1].key', 'once a day'],
      [labourDays(1, [dayOf([job]), dayOf([])]), 'facts[0].detail.days[1].businessDay', 'once'],
      [
        labourDays(1, [dayOf([job], { ...tips, givenOut: 50 })]),
        'facts[0].detail.days[0].tips.received',
        'equal givenOut',
      ],
      [
        labourDays(1, [dayOf([job], { ...tips, paidOut: -1 })]),
        'facts[0].detail.days[0].tips.paidOut',
        'from 0',
      ],
      [labourDays(1, []), 'facts[0].detail.days', '1 to 366'],
      [{ ...labourDays(1, [dayOf([job])]), currency: 'USD' }, 'facts[0].currency', 'EUR'],
      [
        {
          ...labourDays(1, [dayOf([job])]),
          figures: { ...labourDays(1, []).figures, netSales: 100, gross: 100 },
        },
        'facts[0].figures.gross',
        'be 0',
      ],
    ];
    for (const [fact, field, says] of refusals) {
      const refused = await forger.send({ facts: [fact] });
      expect([field, refused.status, refused.body.error?.code]).toEqual([field, 422, 'VALIDATION_ERROR']);
      expect(refused.body.error.details).toContainEqual({ field, message: expect.stringContaining(says) });
    }
    const forgerLabour = async () =>
      (
        await as(hq, hqAdmin)
          .get(`/api/v1/hq/reports/labour?from=${today}&to=${today}&siteId=${forger.id}`)
          .expect(200)
      ).body as { rows: HqRow[] };
    expect((await forgerLabour()).rows).toEqual([]);

    // A true one is kept; a later one of the same day replaces it, never adds to it.
    await forger.send({ facts: [labourDays(1, [dayOf([job])])] }).expect(200);
    expect((await forgerLabour()).rows[0]).toMatchObject({
      hours: 1,
      labourCost: 1500,
      tips: { earned: 100 },
    });
    await forger
      .send({
        facts: [labourDays(2, [dayOf([{ ...job, workedSeconds: 1800, cost: 750 }], { ...tips, earned: 0 })])],
      })
      .expect(200);
    expect((await forgerLabour()).rows[0]).toMatchObject({
      hours: 0.5,
      labourCost: 750,
      tips: { earned: 0 },
    });
  });

  it('answers no site’s credential, and no site’s staff, with headquarters’ labour', async () => {
    const added = await as(hq, hqAdmin)
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, name: 'Zur Linde, Neu', groupIds: [] })
      .expect(201);
    const linked = await request(hq.url)
      .post('/api/v1/hq/link')
      .send({ code: added.body.linkCode })
      .expect(200);
    const credential = linked.body.credential as string;
    const path = `/api/v1/hq/reports/labour?from=${mitte.till.today}&to=${mitte.till.today}&groupBy=site`;
    await request(hq.url).get(path).set('X-Site-Credential', credential).expect(401);
    await request(hq.url).get(path).set('Authorization', `Bearer ${credential}`).expect(401);
    await as(hq, mitte.till.manager).get(path).expect(401);
  });
});
