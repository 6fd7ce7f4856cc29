import { nextAttemptAt, retryCapMs, retryDelayMs, RetrySchedule } from './retry-schedule';

const schedule: RetrySchedule = { maxAttempts: 4, firstCapMs: 1_000, longestCapMs: 3_000 };
const now = new Date('2026-01-01T12:00:00.000Z');

describe('a consumer retry schedule', () => {
  it('doubles the cap from the first to the longest', () => {
    expect([1, 2, 3, 4, 10].map((attempts) => retryCapMs(schedule, attempts))).toEqual([
      1_000, 2_000, 3_000, 3_000, 3_000,
    ]);
  });

  it('waits a random time between 0 and the cap, never the cap itself', () => {
    expect(retryDelayMs(schedule, 2, () => 0)).toBe(0);
    expect(retryDelayMs(schedule, 2, () => 0.5)).toBe(1_000);
    expect(retryDelayMs(schedule, 2, () => 0.9999)).toBe(1_999);
  });

  it('is due again after the delay until the attempts are spent, then never', () => {
    expect(nextAttemptAt(schedule, 1, now, () => 0.5)).toEqual(new Date(now.getTime() + 500));
    expect(nextAttemptAt(schedule, 3, now, () => 0)).toEqual(now);
    expect(nextAttemptAt(schedule, 4, now, () => 0.5)).toBeNull();
    expect(nextAttemptAt(schedule, 5, now, () => 0.5)).toBeNull();
  });
});
