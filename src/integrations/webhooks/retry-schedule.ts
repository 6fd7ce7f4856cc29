import { retryCapMs as scheduleCapMs, RetrySchedule } from '../../event-log/consumers/retry-schedule';

/**
 * Webhooks' back-off: a random time between 0 and min(1 min × 2^(attempts-1), 8 h) after failed attempt number
 * `attempts`, 15 attempts in all. Over the 14 retries the caps add up to 48.5 h, so a delivery is given up about
 * 24 h after its first attempt on average (docs/integrations.md).
 */
export const WEBHOOK_RETRIES: RetrySchedule = {
  maxAttempts: 15,
  firstCapMs: 60_000,
  longestCapMs: 8 * 60 * 60_000,
};

/** Attempts per delivery before the subscription is given up on and disabled. */
export const MAX_ATTEMPTS = WEBHOOK_RETRIES.maxAttempts;

/** The longest wait after failed attempt number `attempts` (1-based). */
export function retryCapMs(attempts: number): number {
  return scheduleCapMs(WEBHOOK_RETRIES, attempts);
}
