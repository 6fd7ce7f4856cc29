import { retryDelayMs } from '../../event-log/consumers/retry-schedule';
import { MAX_ATTEMPTS, retryCapMs, WEBHOOK_RETRIES } from './retry-schedule';

describe('the webhooks retry schedule', () => {
  it('waits a random time up to a cap that doubles from 1 minute to 8 hours', () => {
    expect([1, 2, 3, 9, 10, 14].map(retryCapMs)).toEqual(
      [1, 2, 4, 256, 480, 480].map((minutes) => minutes * 60_000),
    );
    expect(retryDelayMs(WEBHOOK_RETRIES, 3, () => 0)).toBe(0);
    expect(retryDelayMs(WEBHOOK_RETRIES, 3, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(WEBHOOK_RETRIES, 20, () => 0.999)).toBeLessThan(8 * 3_600_000);
  });

  it('gives up after 15 attempts, about a day after the first on average', () => {
    const caps = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryCapMs(i + 1));
    const hours = (ms: number) => ms / 3_600_000;
    expect(MAX_ATTEMPTS).toBe(15);
    expect(hours(caps.reduce((sum, cap) => sum + cap, 0))).toBeCloseTo(48.5, 1);
    expect(hours(caps.reduce((sum, cap) => sum + cap / 2, 0))).toBeCloseTo(24.3, 1);
  });
});
