import { t } from '../../i18n/browser/page-i18n';
import { ApiError } from '../shared/api';

/** Why a change was not made, in the words the back office uses for a refusal. */
export const problemText = (error: unknown) =>
  t('backOffice.form.refused', {
    problem: error instanceof ApiError ? error.message : t('backOffice.signIn.noConnection'),
  });
