import { MAX_AMOUNT } from '../../common/money';
import { isCalendarDate } from '../../common/time/calendar-date';
import type { FactProblem } from './sales-fact-rules';

/** The most business days one `labour_days` fact carries: a year, as a report covers at most. */
export const MAX_LABOUR_DAYS = 366;
/** The most jobs of one day. */
const MAX_JOBS = 500;
/** Seconds worked in one job on one day, all its people together: what an integer column keeps. */
const MAX_SECONDS = 2 ** 31 - 1;

/** One job's time of a business day, as the site's GET /reports/labour cuts its shifts at the day's bounds. */
export interface LabourJobInput {
  /** `site:<the job's id>`, or `none` for shifts worked without a job. */
  key: string;
  name: string | null;
  workedSeconds: number;
  overtimeSeconds: number;
  /** Minor units of the site's currency. */
  cost: number;
}

/** A business day's tips, every person's of the site's GET /reports/tips added up (minor units). */
export interface LabourTipsInput {
  earned: number;
  givenOut: number;
  received: number;
  paidOut: number;
}

/** One business day of a `labour_days` fact: it replaces what headquarters held of that day. */
export interface LabourDayInput {
  businessDay: string;
  jobs: LabourJobInput[];
  tips: LabourTipsInput;
}

type Check = (ok: boolean, path: Array<string | number>, message: string) => void;

const isInt = (value: unknown, min: number, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a `labour_days` fact's detail must be, as the site's LabourDays makes it: its days once each, each job once
 * with its seconds and cost whole, none negative, overtime within the time worked; its tips whole, within ±10¹²,
 * paid out not negative, and what the rules gave out equal to what they handed on (tips move between people).
 */
export function labourFactProblems(detail: Record<string, unknown>): FactProblem[] {
  const problems: FactProblem[] = [];
  const check: Check = (ok, path, message) => {
    if (!ok) problems.push({ path: ['detail', ...path], message });
  };
  const days = detail.days;
  if (!Array.isArray(days) || days.length === 0 || days.length > MAX_LABOUR_DAYS) {
    check(false, ['days'], `must be 1 to ${MAX_LABOUR_DAYS} business days`);
    return problems;
  }
  const seen = new Set<string>();
  days.forEach((day: unknown, i) => {
    if (!isRecord(day)) return check(false, ['days', i], 'must be a business day’s labour and tips');
    const named = typeof day.businessDay === 'string' && isCalendarDate(day.businessDay);
    check(named && !seen.has(day.businessDay as string), ['days', i, 'businessDay'], 'must be a day, once');
    seen.add(String(day.businessDay));
    jobProblems(day.jobs, ['days', i, 'jobs'], check);
    tipProblems(day.tips, ['days', i, 'tips'], check);
  });
  return problems;
}

function jobProblems(jobs: unknown, path: Array<string | number>, check: Check): void {
  if (!Array.isArray(jobs) || jobs.length > MAX_JOBS)
    return check(false, path, `must be up to ${MAX_JOBS} jobs`);
  const keys = new Set<string>();
  jobs.forEach((job: unknown, j) => {
    if (!isRecord(job)) return check(false, [...path, j], 'must be a job’s time');
    const { key, name, workedSeconds, overtimeSeconds, cost } = job;
    const keyed = typeof key === 'string' && key.length > 0 && key.length <= 100 && !keys.has(key);
    check(keyed, [...path, j, 'key'], 'must be the job’s key (1 to 100 characters), once a day');
    keys.add(String(key));
    check(
      name === null || (typeof name === 'string' && name.length <= 100),
      [...path, j, 'name'],
      'must be the job’s name (up to 100 characters) or null',
    );
    check(isInt(workedSeconds, 0, MAX_SECONDS), [...path, j, 'workedSeconds'], `must be 0 to ${MAX_SECONDS}`);
    check(
      isInt(overtimeSeconds, 0, MAX_SECONDS) && overtimeSeconds <= Number(workedSeconds),
      [...path, j, 'overtimeSeconds'],
      'must be 0 to workedSeconds',
    );
    check(isInt(cost, 0, MAX_AMOUNT), [...path, j, 'cost'], `must be an integer from 0 to ${MAX_AMOUNT}`);
  });
}

function tipProblems(tips: unknown, path: Array<string | number>, check: Check): void {
  if (!isRecord(tips)) return check(false, path, 'must be the day’s tips');
  check(isInt(tips.earned, -MAX_AMOUNT, MAX_AMOUNT), [...path, 'earned'], `must be within ±${MAX_AMOUNT}`);
  for (const name of ['givenOut', 'received', 'paidOut']) {
    check(isInt(tips[name], 0, MAX_AMOUNT), [...path, name], `must be an integer from 0 to ${MAX_AMOUNT}`);
  }
  check(
    tips.givenOut === tips.received,
    [...path, 'received'],
    'must equal givenOut: tips move between people',
  );
}
