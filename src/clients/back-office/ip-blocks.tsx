import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm } from './forms';
import { Pager, usePage } from './paged-list';

/** Blocked addresses and ranges: blocking one, and lifting a block (which stays listed, no longer in force). */
export function IpBlocks({ session, onChanged }: { session: StaffSession; onChanged: () => void }) {
  const blocks = usePage(
    (page) => ok(session.api.GET('/api/v1/security/ip-blocks', { params: { query: { page, perPage: 20 } } })),
    'all',
  );
  const [problem, setProblem] = useState('');
  const s = (key: string, values?: Record<string, unknown>) =>
    t(`backOffice.reportsScreens.security.${key}`, values);
  const changed = () => {
    blocks.reload();
    onChanged();
  };
  const lift = (id: string) => {
    setProblem('');
    ok(session.api.DELETE('/api/v1/security/ip-blocks/{id}', { params: { path: { id } } })).then(
      changed,
      (error: unknown) =>
        setProblem(s('notLifted', { problem: error instanceof ApiError ? error.message : '' })),
    );
  };
  return (
    <section class="card" aria-labelledby="ip-blocks">
      <h2 id="ip-blocks">{s('ipBlocks')}</h2>
      <CreateForm
        id="ip-block"
        fields={[
          { name: 'range', label: s('range') },
          { name: 'reason', label: s('reason') },
        ]}
        submitLabel={s('block')}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/security/ip-blocks', {
              body: { range: values.range, reason: values.reason },
            }),
          )
        }
        onSaved={changed}
      />
      <p class="problem" role="alert">
        {problem}
      </p>
      {blocks.problem && <p class="problem">{blocks.problem}</p>}
      {blocks.shown && (
        <>
          <ul class="rows" aria-label={s('ipBlocks')}>
            {blocks.shown.items.map((block) => (
              <li key={block.id} data-active={block.active}>
                {s(block.active ? 'blockActive' : 'blockLifted', {
                  range: block.range,
                  reason: block.reason,
                  source: s(`sources.${block.source}`),
                  at: formats.dateTime(block.createdAt),
                })}{' '}
                {block.active && (
                  <button type="button" onClick={() => lift(block.id)}>
                    {s('lift')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {blocks.shown.items.length === 0 && <p class="muted">{s('noBlocks')}</p>}
          <Pager {...blocks.shown} page={blocks.page} go={blocks.go} />
        </>
      )}
    </section>
  );
}
