import request from 'supertest';
import { addDays } from '../../src/orders/business-day';
import { as, type NewStaff, type Server, type Session } from './clients';
import { eventually } from './webhook-receiver';

/** A site's labour report totals, as GET /reports/labour answers them. */
export interface LabourTotals {
  hours: number;
  overtimeHours: number;
  labourCost: number;
  salesExclTax: number;
  labourPercent: number | null;
}

/**
 * At a site: `worker` gets a job at `wage` (minor units an hour), clocks in and out with their PIN, and `manager`
 * corrects the shift to the hour before the last minute.
 */
export async function workedHour(
  site: Server,
  people: { admin: Session; manager: Session; worker: NewStaff },
  wage: number,
  today: string,
): Promise<void> {
  const { admin, manager, worker } = people;
  const job = await as(site, admin).post('/api/v1/jobs').send({ name: 'Waiter' }).expect(201);
  await as(site, admin)
    .post(`/api/v1/users/${worker.id}/jobs`)
    .send({ jobId: job.body.id, hourlyWage: wage, effectiveFrom: addDays(today, -1) })
    .expect(201);
  const pin = await request(site.url)
    .post('/api/v1/auth/pin')
    .send({ userId: worker.id, pin: worker.pin })
    .expect(200);
  const session = pin.body as Session;
  const shift = await as(site, session).post('/api/v1/time-clock/clock-in').send({}).expect(201);
  await as(site, session).post('/api/v1/time-clock/clock-out').send({}).expect(200);
  const end = Date.now() - 60_000;
  await as(site, manager)
    .patch(`/api/v1/time-clock/${shift.body.id}`)
    .send({
      clockedInAt: new Date(end - 3_600_000).toISOString(),
      clockedOutAt: new Date(end).toISOString(),
      reason: 'Clocked at the wrong time',
    })
    .expect(200);
}

/**
 * The site's own labour totals of `day`, once headquarters' labour report for the site has the same labour cost
 * and `tipsEarned` in tips: what headquarters' screen is about to show.
 */
export async function labourAtHq(
  site: { server: Server; manager: Session; id: string },
  hq: { server: Server; session: Session },
  day: string,
  tipsEarned: number,
): Promise<LabourTotals> {
  const own = await as(site.server, site.manager)
    .get(`/api/v1/reports/labour?from=${day}&to=${day}`)
    .expect(200);
  const totals = own.body.totals as LabourTotals;
  await eventually('HQ to have the site’s labour', async () => {
    const atHq = await as(hq.server, hq.session).get(
      `/api/v1/hq/reports/labour?from=${day}&to=${day}&siteId=${site.id}`,
    );
    const [total] = atHq.body.totals as Array<{ labourCost: number; tips: { earned: number } }>;
    return total?.labourCost === totals.labourCost && total.tips.earned === tipsEarned;
  });
  return totals;
}
