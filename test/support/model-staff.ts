import type { NewStaff } from './clients';
import type { Json } from './menu-fixture';

/**
 * The model-based spec's people at work (docs/time-clock.md, docs/tips.md): two jobs with hourly wages, the waiter
 * holding both (so a clock-in names one), the runner (a cook's account) holding one; and two tip rules in force,
 * a tip-out of 2 % of the day's sales to the runners, then a pool of both jobs split by hours over shared shifts.
 */

export interface StaffJobs {
  waiter: string;
  runner: string;
}

/** The wages, minor units per hour: the model does not read them, they only make the shifts cost something. */
const WAGES = { waiter: 1300, runner: 1100 };

export async function setUpStaffJobs(
  post: (path: string, body: object) => Promise<Json>,
  staff: { waiter: NewStaff; runner: NewStaff },
  categoryId: string,
): Promise<StaffJobs> {
  const jobs: StaffJobs = {
    waiter: String((await post('/jobs', { name: 'Model waiter' })).id),
    runner: String((await post('/jobs', { name: 'Model runner' })).id),
  };
  const pay = (person: NewStaff, job: keyof StaffJobs) =>
    post(`/users/${person.id}/jobs`, {
      jobId: jobs[job],
      hourlyWage: WAGES[job],
      effectiveFrom: '2020-01-01',
    });
  await pay(staff.waiter, 'waiter');
  await pay(staff.waiter, 'runner');
  await pay(staff.runner, 'runner');
  await post('/tip-rules', {
    kind: 'tip_out',
    percent: 2,
    ofCategoryIds: [categoryId],
    toJobId: jobs.runner,
    eligibility: 'day',
  });
  await post('/tip-rules', {
    kind: 'pool',
    jobIds: [jobs.waiter, jobs.runner],
    by: 'hours',
    eligibility: 'shift',
  });
  return jobs;
}
