import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, refuseField } from './forms';
import { useLiveReload } from './live-reload';
import { Pager, usePage } from './paged-list';

type Publication = Schemas['PublicationView'];

const p = (key: string, values?: Record<string, unknown>) => t(`backOffice.publications.${key}`, values);

/**
 * Headquarters' publications (POS_ROLE=hq): publish the catalog as the next version (admins), and every version,
 * latest first, with how many sites applied it, wait for it or failed, each opened to its sites' states and
 * reasons.
 */
export function HqPublicationsScreen({ session }: { session: StaffSession }) {
  const admin = session.user?.role === 'admin';
  const publications = usePage(
    (page) => ok(session.api.GET('/api/v1/hq/publications', { params: { query: { page, perPage: 20 } } })),
    'all',
  );
  const waiting = (publications.shown?.items ?? []).some((publication) => publication.pending > 0);
  // A publication made, or a site's report of one: the page shown is read again.
  useLiveReload(session, ['hq.publication_changed'], () => publications.reload());

  return (
    <div id="publications">
      <h1>{p('heading')}</h1>
      <p class="muted">{p('intro')}</p>
      {admin && (
        <section class="card" aria-labelledby="publish">
          <h2 id="publish">{p('publish')}</h2>
          <CreateForm
            id="publish-form"
            fields={[{ name: 'note', label: p('note') }]}
            submitLabel={p('publishButton')}
            submit={(values) => {
              const note = values.note.trim();
              if (note === '') refuseField('note', p('noteRequired'));
              return ok(session.api.POST('/api/v1/hq/publications', { body: { note } }));
            }}
            onSaved={() => publications.go(1)}
          />
        </section>
      )}
      <section class="card" aria-labelledby="publication-list">
        <h2 id="publication-list">{p('list')}</h2>
        {publications.problem && <p class="problem">{publications.problem}</p>}
        {waiting && <p class="muted updated">{p('refreshing')}</p>}
        <ul class="publications" aria-label={p('list')}>
          {(publications.shown?.items ?? []).map((publication) => (
            <PublicationRow key={publication.id} publication={publication} />
          ))}
        </ul>
        {publications.shown?.items.length === 0 && <p class="muted">{p('none')}</p>}
        {publications.shown && (
          <Pager {...publications.shown} page={publications.page} go={publications.go} />
        )}
      </section>
    </div>
  );
}

/** One version: its note, date and counts; opened, each site's state and, when it failed, why. */
function PublicationRow({ publication }: { publication: Publication }) {
  const label = p('sitesOf', { version: publication.version });
  return (
    <li data-version={publication.version}>
      <details>
        <summary>
          <strong>
            {p('summary', {
              version: publication.version,
              note: publication.note,
              at: formats.dateTime(publication.createdAt),
            })}
          </strong>{' '}
          <span class="counts">
            {p('counts', {
              applied: formats.number(publication.applied),
              pending: formats.number(publication.pending),
              failed: formats.number(publication.failed),
            })}
          </span>
        </summary>
        {publication.sites.length === 0 ? (
          <p class="muted">{p('noSite')}</p>
        ) : (
          <div class="table-scroll">
            <table class="list" aria-label={label}>
              <thead>
                <tr>
                  <th scope="col">{p('columns.site')}</th>
                  <th scope="col">{p('columns.state')}</th>
                  <th scope="col">{p('columns.since')}</th>
                  <th scope="col">{p('columns.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {publication.sites.map((site) => (
                  <tr key={site.siteId} data-state={site.state}>
                    <td>{site.name}</td>
                    <td>{p(`states.${site.state}`)}</td>
                    <td>{formats.dateTime(site.updatedAt)}</td>
                    <td>{site.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </li>
  );
}
