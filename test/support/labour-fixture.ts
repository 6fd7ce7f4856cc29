import { as, type Server, type Session } from './clients';

/** What the labour specs share: the restaurant's labour rules, jobs, and a person's wage in a job. */

export interface LabourRules {
  timezone?: string;
  country?: string;
  overtime: { dailyAfterMinutes?: number; weeklyAfterMinutes?: number };
}

/** Sets the restaurant's overtime rule (and its time zone or country when given), keeping the rest of its profile. */
export async function setLabourRules(server: Server, admin: Session, rules: LabourRules): Promise<void> {
  const { name, address, taxId, currency, locale, timezone, country } = (
    await as(server, admin).get('/api/v1/restaurant').expect(200)
  ).body as Record<string, unknown>;
  await as(server, admin)
    .put('/api/v1/restaurant')
    .send({ name, address, taxId, currency, locale, timezone, country, ...rules })
    .expect(200);
}

/** A new job's id. */
export async function newJob(server: Server, admin: Session, name: string): Promise<string> {
  return (await as(server, admin).post('/api/v1/jobs').send({ name }).expect(201)).body.id as string;
}

/** Gives a person a job at an hourly wage (minor units) from a date on. */
export async function payInJob(
  server: Server,
  admin: Session,
  userId: string,
  wage: { jobId: string; hourlyWage: number; effectiveFrom: string },
): Promise<void> {
  await as(server, admin).post(`/api/v1/users/${userId}/jobs`).send(wage).expect(201);
}
