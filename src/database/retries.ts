import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';

/**
 * Thrown by a unit of work that found the rows it locked moved meanwhile (a payment merged onto another order
 * between the look that found its order and the lock): the whole unit of work is rolled back and run again.
 */
export class RetryableConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryableConflict';
  }
}

/** Why a unit of work was run again: the `reason` label of pos_transaction_retries_total. */
export type RetryReason = 'deadlock' | 'serialization' | 'conflict';

/** How many times a unit of work runs at most before its client is told to try again. */
export const MAX_ATTEMPTS = 6;

/** PostgreSQL's SQLSTATEs that say "run the transaction again": serialization_failure, deadlock_detected. */
const RETRYABLE_STATES: Record<string, RetryReason> = { '40001': 'serialization', '40P01': 'deadlock' };

/** Why `error` calls for running the unit of work again, or null; looks through TypeORM's QueryFailedError. */
export function retryReason(error: unknown): RetryReason | null {
  if (error instanceof RetryableConflict) return 'conflict';
  if (error === null || typeof error !== 'object') return null;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const state = typeof code === 'string' ? code : driverError?.code;
  return (typeof state === 'string' && RETRYABLE_STATES[state]) || null;
}

/**
 * Runs `attempt` (one whole transaction) until it succeeds, fails for another reason, or MAX_ATTEMPTS met other
 * transactions (then 409 CONFLICT); `retried` hears each retry's reason.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  retried: (reason: RetryReason) => void,
): Promise<T> {
  for (let number = 1; ; number++) {
    try {
      return await attempt();
    } catch (error) {
      const reason = retryReason(error);
      if (!reason) throw error;
      if (number === MAX_ATTEMPTS) throw retriesExhausted(reason);
      retried(reason);
      await backOff(number + 1);
    }
  }
}

/**
 * Waits before attempt `attempt` (2 for the first retry): a few milliseconds, doubling, jittered so that the
 * transactions that met do not meet again in step.
 */
function backOff(attempt: number): Promise<void> {
  const ceiling = 4 * 2 ** (attempt - 2);
  return sleep(ceiling / 2 + Math.random() * ceiling);
}

/** What the client hears when every attempt met another transaction: nothing was written, try again. */
function retriesExhausted(reason: RetryReason): DomainError {
  return new DomainError(
    ErrorCode.Conflict,
    `The change kept meeting concurrent changes (${reason}) and was not made: try again`,
  );
}
