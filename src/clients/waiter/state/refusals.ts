import { formats, t } from '../../../i18n/browser/page-i18n';
import type { Problem } from '../../shared/api';

const CLOSE_BLOCKERS = ['held', 'cooking', 'due', 'overpaid'] as const;

/**
 * The API's error codes a tablet can meet, each with its words in the waiter catalogue (`waiter.refusals.codes`).
 * The service's own message is English and written for developers, so it is never what the staff read.
 */
const CODES = {
  BAD_REQUEST: 'badRequest',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  CONFLICT: 'conflict',
  INVALID_TRANSITION: 'invalidTransition',
  VERSION_CONFLICT: 'versionConflict',
  NOTHING_TO_FIRE: 'nothingToFire',
  IDEMPOTENCY_IN_PROGRESS: 'inProgress',
  TERMINAL_PAYMENT_RUNNING: 'terminalPaymentRunning',
  TERMINAL_BUSY: 'terminalBusy',
  CHANNEL_PAUSED: 'channelPaused',
  MANAGED_BY_HQ: 'managedByHq',
  PAYLOAD_TOO_LARGE: 'payloadTooLarge',
  VALIDATION_ERROR: 'validation',
  IDEMPOTENCY_KEY_REUSED: 'keyReused',
  OUT_OF_STOCK: 'outOfStock',
  INSUFFICIENT_BALANCE: 'insufficientBalance',
  RATE_LIMITED: 'rateLimited',
  LOCKED_OUT: 'rateLimited',
  INTERNAL: 'internal',
  SERVICE_UNAVAILABLE: 'unavailable',
} as const;

/** Refusals the tablet makes itself (offline, another person's write): their message is in the catalogue already. */
const SAID_BY_THE_TABLET = ['OFFLINE', 'MADE_BY_ANOTHER'];

/**
 * A refusal in the staff's words and language: why a check cannot close (the service names it in
 * `details.closeBlockedBy`, with the money in the restaurant's currency), or what the error code means for a
 * waiter; a code the catalogue does not know reads as a general refusal, never as the service's English.
 */
export function refusalText(problem: Problem): string {
  const details = problem.details as
    { closeBlockedBy?: string; amount?: number; balance?: number } | null | undefined;
  const blockedBy = CLOSE_BLOCKERS.find((blocker) => blocker === details?.closeBlockedBy);
  if (blockedBy) return t(`waiter.refusals.${blockedBy}`, { amount: formats.money(details?.amount ?? 0) });
  if (SAID_BY_THE_TABLET.includes(problem.code)) return problem.message;
  if (problem.code === 'INSUFFICIENT_BALANCE' && typeof details?.balance === 'number') {
    return t('waiter.refusals.codes.balanceLeft', { balance: formats.money(details.balance) });
  }
  const key = CODES[problem.code as keyof typeof CODES] ?? 'other';
  return t(`waiter.refusals.codes.${key}`);
}
