/** Attempts per delivery before the dispatcher gives up and disables the subscription. */
export const MAX_ATTEMPTS = 15;

const FIRST_RETRY_CAP_MS = 60_000;
const LONGEST_RETRY_CAP_MS = 8 * 60 * 60_000;

/**
 * How long to wait after failed attempt number `attempts` (1-based): exponential back-off with full jitter, a
 * random time between 0 and min(1 min × 2^(attempts-1), 8 h). Over the 14 retries the caps add up to 48.5 h, so
 * a delivery is given up about 24 h after its first attempt on average (README, Webhooks).
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  return Math.floor(random() * retryCapMs(attempts));
}

/** The longest wait after failed attempt number `attempts`. */
export function retryCapMs(attempts: number): number {
  return Math.min(FIRST_RETRY_CAP_MS * 2 ** (attempts - 1), LONGEST_RETRY_CAP_MS);
}
