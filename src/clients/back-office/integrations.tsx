import { t } from '../../i18n/browser/page-i18n';
import type { StaffSession } from '../shared/staff-session';
import { ApiKeys } from './api-keys';
import { Webhooks } from './webhooks';

/** The integrations: the API keys other systems call with, and the webhooks the service calls them with. */
export function Integrations({ session }: { session: StaffSession }) {
  return (
    <div id="integrations">
      <h1>{t('backOffice.integrations.title')}</h1>
      <ApiKeys session={session} />
      <Webhooks session={session} />
    </div>
  );
}
