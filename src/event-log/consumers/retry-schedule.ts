/** How a consumer retries: exponential back-off with full jitter, capped, for a number of attempts. */
export interface RetrySchedule {
  /** Attempts per job before it is given up (`failed`). */
  maxAttempts: number;
  /** The longest wait after the first failed attempt; it doubles with each further one... */
  firstCapMs: number;
  /** ...up to this. */
  longestCapMs: number;
}

/** The longest wait after failed attempt number `attempts` (1-based). */
export function retryCapMs(schedule: RetrySchedule, attempts: number): number {
  return Math.min(schedule.firstCapMs * 2 ** (attempts - 1), schedule.longestCapMs);
}

/** How long to wait after failed attempt number `attempts`: a random time between 0 and its cap. */
export function retryDelayMs(
  schedule: RetrySchedule,
  attempts: number,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * retryCapMs(schedule, attempts));
}

/** When a job that failed attempt number `attempts` at `now` is due again; null once it is given up. */
export function nextAttemptAt(
  schedule: RetrySchedule,
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  if (attempts >= schedule.maxAttempts) return null;
  return new Date(now.getTime() + retryDelayMs(schedule, attempts, random));
}
