import { formats, t } from '../../../i18n/browser/page-i18n';
import type { Problem } from '../../shared/api';

const CLOSE_BLOCKERS = ['held', 'cooking', 'due', 'overpaid'] as const;

/**
 * A refusal in the staff's words and language: why a check cannot close (the service names it in
 * `details.closeBlockedBy`, with the money in the restaurant's currency), a role that may not, or else the
 * service's own reason.
 */
export function refusalText(problem: Problem): string {
  const details = problem.details as { closeBlockedBy?: string; amount?: number } | null | undefined;
  const blockedBy = CLOSE_BLOCKERS.find((blocker) => blocker === details?.closeBlockedBy);
  if (blockedBy) return t(`waiter.refusals.${blockedBy}`, { amount: formats.money(details?.amount ?? 0) });
  if (problem.code === 'FORBIDDEN') return t('waiter.refusals.forbidden');
  return problem.message;
}
