import { allocate, PPM, scaleRoundHalfUp } from '../money';
import type { TipRuleTerms } from './tips.entities';

/** One shift of one person overlapping the business day, with its unpaid breaks (an open one runs to `end`). */
export interface WorkedShift {
  userId: string;
  jobId: string | null;
  start: Date;
  end: Date;
  unpaidBreaks: Array<{ start: Date; end: Date }>;
}

/** A tip (negative for a refund of one) or a person's sales of one category, at a moment of the day. */
export interface DayAmount {
  userId: string;
  amount: number;
  at: Date;
  categoryId?: string | null;
}

/** All a business day's tips are shared from. */
export interface TipDayFacts {
  start: Date;
  end: Date;
  rules: TipRuleTerms[];
  shifts: WorkedShift[];
  tips: DayAmount[];
  sales: DayAmount[];
  payouts: Array<{ userId: string; amount: number }>;
}

export interface TipShare {
  userId: string;
  earned: number;
  givenOut: number;
  received: number;
  paidOut: number;
  balance: number;
}

const ms = (date: Date) => date.getTime();

/** Ids in code-unit order, the same on every database and locale. */
export const byUserId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Seconds of `shift` inside [from, to), less its unpaid breaks there. */
function secondsWithin(shift: WorkedShift, from: Date, to: Date): number {
  const clip = (start: Date, end: Date) =>
    Math.max(0, Math.min(ms(end), ms(to)) - Math.max(ms(start), ms(from)));
  const unpaid = shift.unpaidBreaks.reduce((sum, pause) => sum + clip(pause.start, pause.end), 0);
  return Math.floor((clip(shift.start, shift.end) - unpaid) / 1000);
}

/**
 * Applies a day's rules in order to its facts. Each person starts with the tips they earned (card tips of the
 * payments they took, less refunds of them, and their declared cash tips). A tip-out moves its percent of each
 * giver's sales in its categories (rounded half up: of the day's sales, or of each order's under `order`
 * eligibility) to the people of its job, split by hours. A pool takes every
 * member's balance as the rule begins (members: those who worked one of its jobs that day) and splits each
 * member's among the members eligible with them, by hours or equally. Eligibility: `day` everyone who worked the
 * job that day; `shift` those whose shifts overlap the giver's; `order` those clocked in at a moment the giver was
 * paid, declared or closed an order. Every split is by largest remainder (ties to the lower user id), so no cent
 * is lost; nobody eligible: the money stays with the giver.
 */
export function shareTips(day: TipDayFacts): TipShare[] {
  const shares = new Map<string, TipShare>();
  const share = (userId: string): TipShare => {
    let found = shares.get(userId);
    if (!found) {
      found = { userId, earned: 0, givenOut: 0, received: 0, paidOut: 0, balance: 0 };
      shares.set(userId, found);
    }
    return found;
  };
  for (const tip of day.tips) {
    share(tip.userId).earned += tip.amount;
    share(tip.userId).balance += tip.amount;
  }
  const moments = (userId: string) =>
    [...day.tips, ...day.sales].filter((fact) => fact.userId === userId).map((fact) => ms(fact.at));
  const hours = (userId: string, jobIds: string[]) =>
    day.shifts
      .filter((shift) => shift.userId === userId && shift.jobId !== null && jobIds.includes(shift.jobId))
      .reduce((sum, shift) => sum + secondsWithin(shift, day.start, day.end), 0);

  /** The people in `jobIds` who take part with `giver` under `eligibility`, by user id. */
  const eligibleWith = (
    giver: string,
    jobIds: string[],
    eligibility: TipRuleTerms['eligibility'],
    times = moments(giver),
  ) => {
    const inJobs = day.shifts.filter((shift) => shift.jobId !== null && jobIds.includes(shift.jobId));
    const giverShifts = day.shifts.filter((shift) => shift.userId === giver);
    const takesPart = (shift: WorkedShift) =>
      eligibility === 'day' ||
      (eligibility === 'shift' &&
        giverShifts.some((own) => ms(own.start) < ms(shift.end) && ms(shift.start) < ms(own.end))) ||
      (eligibility === 'order' && times.some((at) => ms(shift.start) <= at && at < ms(shift.end)));
    return [...new Set(inJobs.filter(takesPart).map((shift) => shift.userId))].sort();
  };

  /** Moves `amount` (either sign) from `giver` to `people` in parts by `weights`; the giver may be among them. */
  const spread = (giver: string, amount: number, people: string[], weights: number[]) => {
    const parts = allocate(Math.abs(amount), weights).map((part) => (amount < 0 ? 0 - part : part));
    share(giver).balance -= amount;
    share(giver).givenOut += amount;
    people.forEach((userId, i) => {
      share(userId).balance += parts[i];
      if (userId === giver) share(giver).givenOut -= parts[i];
      else share(userId).received += parts[i];
    });
  };

  for (const rule of day.rules) {
    if (rule.kind === 'tip_out') {
      const toJobs = rule.toJobId ? [rule.toJobId] : [];
      const givers = [...new Set(day.sales.map((sale) => sale.userId))].sort();
      for (const giver of givers) {
        const sales = day.sales.filter(
          (sale) => sale.userId === giver && rule.categoryIds.includes(sale.categoryId ?? ''),
        );
        // By order: each order's tip-out goes to those clocked in when it closed; else the day's at once.
        const batches =
          rule.eligibility === 'order'
            ? [...new Set(sales.map((sale) => ms(sale.at)))].map((at) =>
                sales.filter((sale) => ms(sale.at) === at),
              )
            : [sales];
        for (const batch of batches) {
          const sold = batch.reduce((sum, sale) => sum + sale.amount, 0);
          const amount = scaleRoundHalfUp(Math.max(0, sold), rule.percentPpm ?? 0, PPM);
          const times = batch.map((sale) => ms(sale.at));
          const people = eligibleWith(giver, toJobs, rule.eligibility, times).filter((p) => p !== giver);
          if (amount > 0 && people.length > 0) {
            spread(
              giver,
              amount,
              people,
              people.map((p) => hours(p, toJobs)),
            );
          }
        }
      }
    } else {
      const members = [...new Set(eligibleWith('', rule.jobIds, 'day'))];
      const pooled = members.map((userId) => ({ userId, amount: shares.get(userId)?.balance ?? 0 }));
      for (const { userId: giver, amount } of pooled) {
        if (amount === 0) continue;
        const people = [...new Set([giver, ...eligibleWith(giver, rule.jobIds, rule.eligibility)])].sort();
        const weights = people.map((p) => (rule.splitBy === 'equal' ? 1 : hours(p, rule.jobIds)));
        spread(giver, amount, people, weights);
      }
    }
  }
  for (const payout of day.payouts) {
    share(payout.userId).paidOut += payout.amount;
    share(payout.userId).balance -= payout.amount;
  }
  return [...shares.values()].sort((a, b) => byUserId(a.userId, b.userId));
}
