import { useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ApiError } from '../shared/api';
import { h, isManagedByHq } from './hq-owned';

/** Why a change was not made, in the words the back office uses for a refusal. */
export const problemText = (error: unknown) =>
  isManagedByHq(error)
    ? h('refused')
    : t('backOffice.form.refused', {
        problem: error instanceof ApiError ? error.message : t('backOffice.signIn.noConnection'),
      });

/**
 * A change made by a button (a delete, a move): `then` once made, or the API's reason kept in `problem` for the
 * screen to show.
 */
export function useAttempt(): {
  problem: string;
  attempt: (change: Promise<unknown>, then: () => void) => void;
} {
  const [problem, setProblem] = useState('');
  const attempt = (change: Promise<unknown>, then: () => void) => {
    setProblem('');
    change.then(then, (error: unknown) => setProblem(problemText(error)));
  };
  return { problem, attempt };
}
