import { shareTips, TipDayFacts, WorkedShift } from './tip-sharing';
import type { TipRuleTerms } from './tips.entities';

const at = (time: string) => new Date(`2027-05-10T${time}:00Z`);
const shift = (
  userId: string,
  jobId: string,
  from: string,
  to: string,
  unpaid?: [string, string],
): WorkedShift => ({
  userId,
  jobId,
  start: at(from),
  end: at(to),
  unpaidBreaks: unpaid ? [{ start: at(unpaid[0]), end: at(unpaid[1]) }] : [],
});
const pool = (eligibility: TipRuleTerms['eligibility'], splitBy: 'hours' | 'equal'): TipRuleTerms => ({
  id: 'pool',
  kind: 'pool',
  percentPpm: null,
  categoryIds: [],
  toJobId: null,
  jobIds: ['waiter'],
  splitBy,
  eligibility,
});
const day = (facts: Partial<TipDayFacts>): TipDayFacts => ({
  start: at('05:00'),
  end: new Date('2027-05-11T05:00:00Z'),
  rules: [],
  shifts: [],
  tips: [],
  sales: [],
  payouts: [],
  ...facts,
});
const balances = (shares: ReturnType<typeof shareTips>) =>
  Object.fromEntries(shares.map((share) => [share.userId, share.balance]));

/** The rules applied to a day, each figure worked out by hand beside it. */
describe('shareTips', () => {
  it('pools equally among those whose shifts overlap the giver’s, the cents left to the largest remainders', () => {
    // a 10–14, b 13–17, c 15–18: a overlaps b, b overlaps both, c overlaps b.
    // a's 100 → a, b: 50 | 50. b's 101 → a, b, c: 33.67 each → 33 | 33 | 33 and the 2 cents left, remainders
    // tied, to the first two: 34 | 34 | 33. c's 99 → b, c: 49.5 → 49 | 49, the cent to b: 50 | 49.
    const shares = shareTips(
      day({
        rules: [pool('shift', 'equal')],
        shifts: [
          shift('a', 'waiter', '10:00', '14:00'),
          shift('b', 'waiter', '13:00', '17:00'),
          shift('c', 'waiter', '15:00', '18:00'),
        ],
        tips: [
          { userId: 'a', amount: 100, at: at('11:00') },
          { userId: 'b', amount: 101, at: at('14:00') },
          { userId: 'c', amount: 99, at: at('16:00') },
        ],
      }),
    );
    expect(shares).toEqual([
      { userId: 'a', earned: 100, givenOut: 50, received: 34, paidOut: 0, balance: 84 },
      { userId: 'b', earned: 101, givenOut: 67, received: 100, paidOut: 0, balance: 134 },
      { userId: 'c', earned: 99, givenOut: 50, received: 33, paidOut: 0, balance: 82 },
    ]);
  });

  it('tips out each order to the runners clocked in when it closed, by hours worked less unpaid breaks', () => {
    // 10 % of food: the 11:30 order's 1000 → 100 to r1 (2 h) and r2 (4 h 30 less a 30-minute unpaid break: 4 h):
    // 33.33 | 66.67 → 33 | 67; the 14:00 order's 500 → 50 to r2 alone (r1 left at 12:00). Drinks give nothing.
    const shares = shareTips(
      day({
        rules: [
          {
            id: 'runners',
            kind: 'tip_out',
            percentPpm: 100_000,
            categoryIds: ['food'],
            toJobId: 'runner',
            jobIds: [],
            splitBy: null,
            eligibility: 'order',
          },
        ],
        shifts: [
          shift('r1', 'runner', '10:00', '12:00'),
          shift('r2', 'runner', '11:00', '15:30', ['13:00', '13:30']),
          shift('w', 'waiter', '10:00', '16:00'),
        ],
        tips: [{ userId: 'w', amount: 300, at: at('11:30') }],
        sales: [
          { userId: 'w', amount: 1000, at: at('11:30'), categoryId: 'food' },
          { userId: 'w', amount: 500, at: at('14:00'), categoryId: 'food' },
          { userId: 'w', amount: 999, at: at('14:00'), categoryId: 'drinks' },
        ],
      }),
    );
    expect(balances(shares)).toEqual({ r1: 33, r2: 117, w: 150 });
    expect(shares.find((share) => share.userId === 'w')).toMatchObject({ givenOut: 150, received: 0 });
  });

  it('spreads a refund that leaves a member short like any balance, and leaves out whoever did not work', () => {
    // a earned 50 − 80 = −30, b 40; by hours (a 3 h, b 2 h): a's −30 → −18 | −12, b's 40 → 24 | 16.
    // a −18 + 24 = 6, b −12 + 16 = 4; x clocked no hours in the pool's jobs and keeps 70; then 6 is paid out.
    const shares = shareTips(
      day({
        rules: [pool('day', 'hours')],
        shifts: [shift('a', 'waiter', '10:00', '13:00'), shift('b', 'waiter', '10:00', '12:00')],
        tips: [
          { userId: 'a', amount: 50, at: at('11:00') },
          { userId: 'a', amount: -80, at: at('11:00') },
          { userId: 'b', amount: 40, at: at('11:00') },
          { userId: 'x', amount: 70, at: at('11:00') },
        ],
        payouts: [{ userId: 'a', amount: 6 }],
      }),
    );
    expect(shares).toEqual([
      { userId: 'a', earned: -30, givenOut: -12, received: 24, paidOut: 6, balance: 0 },
      { userId: 'b', earned: 40, givenOut: 24, received: -12, paidOut: 0, balance: 4 },
      { userId: 'x', earned: 70, givenOut: 0, received: 0, paidOut: 0, balance: 70 },
    ]);
    expect(shares.reduce((sum, share) => sum + share.balance + share.paidOut, 0)).toBe(50 - 80 + 40 + 70);
  });
});
