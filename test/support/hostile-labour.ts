/** The sweep's labour rows: a job, the waiter clocked in, and a tip rule pooling that job's tips. */
import { as, Session } from './clients';
import type { TestApp } from './test-app';

export type LabourPool = 'jobs' | 'time-clock' | 'tip-rules';

export async function labourFixture(
  t: TestApp,
  admin: Session,
  waiter: Session,
): Promise<Record<LabourPool, string[]>> {
  const job = await as(t, admin).post('/api/v1/jobs').send({ name: 'Runner' }).expect(201);
  const clockedIn = await as(t, waiter).post('/api/v1/time-clock/clock-in').send({}).expect(201);
  const rule = await as(t, admin)
    .post('/api/v1/tip-rules')
    .send({ kind: 'pool', jobIds: [job.body.id], by: 'hours', eligibility: 'day' })
    .expect(201);
  return {
    jobs: [job.body.id as string],
    'time-clock': [clockedIn.body.id as string],
    'tip-rules': [rule.body.id as string],
  };
}
