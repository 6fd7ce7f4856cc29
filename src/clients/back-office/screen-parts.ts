import { t } from '../../i18n/browser/page-i18n';
import { ApiError } from '../shared/api';

/** Why a change was not made, in the words the back office uses for a refusal. */
export const problemText = (error: unknown) =>
  t('backOffice.form.refused', {
    problem: error instanceof ApiError ? error.message : t('backOffice.signIn.noConnection'),
  });

/**
 * Saves a file the API answered to the manager's downloads. It was fetched with the session's token (a link
 * cannot carry it), so it is handed to the browser as an object URL for the moment of the click.
 */
export function saveFile(file: Blob, name: string): void {
  const address = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = address;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(address), 60_000);
}
