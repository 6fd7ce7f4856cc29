import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm } from './forms';
import { FigureList } from './paged-list';

const h = (key: string, values?: Record<string, unknown>) => t(`backOffice.chain.link.${key}`, values);

/**
 * A site's link to its headquarters (admins): its state, last contact and last problem, and the form that links
 * it with headquarters' address and a one-time code (again, once headquarters revoked it).
 */
export function HeadquartersLink({ session }: { session: StaffSession }) {
  const [link, setLink] = useState<Schemas['HqLinkView'] | null | undefined>(undefined);
  const [problem, setProblem] = useState('');
  const load = () =>
    session.api.GET('/api/v1/hq-link').then(({ data, response }) => {
      if (data) return setLink(data);
      if (response.status === 404) return setLink(null);
      setProblem(h('notLoaded', { status: response.status }));
    });
  useEffect(() => void load(), [session]);

  const figures: Array<[string, string]> = link
    ? [
        [h('state'), h(`states.${link.state}`)],
        [h('headquarters'), link.hqUrl],
        [h('siteName'), link.siteName],
        [h('linkedAt'), formats.dateTime(link.linkedAt)],
        [h('lastContact'), link.lastContactAt ? formats.dateTime(link.lastContactAt) : '–'],
        [h('lastProblem'), link.lastProblem ?? '–'],
      ]
    : [];
  return (
    <div id="headquarters">
      <h1>{h('heading')}</h1>
      <p class="muted">{h('intro')}</p>
      {link === null && <p>{h('notLinked')}</p>}
      {link && <FigureList label={h('heading')} figures={figures} />}
      <p class="problem" role="alert">
        {problem}
      </p>
      {link !== undefined && link?.state !== 'linked' && (
        <section class="card" aria-labelledby="hq-link-form">
          <h2 id="hq-link-form">{h('linkHeading')}</h2>
          <CreateForm
            id="hq-link"
            fields={[
              { name: 'url', label: h('url') },
              { name: 'code', label: h('code') },
            ]}
            submitLabel={h('link')}
            submit={(values) =>
              ok(session.api.POST('/api/v1/hq-link', { body: { url: values.url, code: values.code } }))
            }
            onSaved={() => void load()}
          />
        </section>
      )}
    </div>
  );
}
