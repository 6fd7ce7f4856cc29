import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ApiError, everyPage, ok, PER_PAGE } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { Hint, Rows } from './forms';
import { assignmentsText, type HqSite, type HqStaff, HqStaffForm, hs } from './hq-staff-form';
import { Pager, usePage } from './paged-list';
import { ActiveButton, activeName } from './staff-form';

/**
 * Headquarters' staff directory (POS_ROLE=hq): each person with whether they may sign in and where they work
 * (every site with one role, or some sites with a role at each). An admin adds people and changes them (names,
 * secrets, sites and roles) or deactivates them; a manager reads the list, as the API lets them.
 */
export function HqStaffScreen({ session }: { session: StaffSession }) {
  const admin = session.user?.role === 'admin';
  const staff = usePage(
    (page) => ok(session.api.GET('/api/v1/hq/staff', { params: { query: { page, perPage: 50 } } })),
    'all',
  );
  const [sites, setSites] = useState<HqSite[]>([]);
  const [editing, setEditing] = useState<HqStaff | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    everyPage((page) =>
      ok(session.api.GET('/api/v1/hq/sites', { params: { query: { page, perPage: PER_PAGE } } })),
    ).then(setSites, (error: unknown) =>
      setProblem(t('backOffice.form.notLoaded', { problem: error instanceof ApiError ? error.message : '' })),
    );
  }, [session]);

  const changed = () => {
    setProblem('');
    staff.reload();
  };
  const people = staff.shown?.items ?? null;
  return (
    <div id="hq-staff-screen">
      <h1>{hs('heading')}</h1>
      <p class="muted">{hs('intro')}</p>
      <section class="card" aria-labelledby="hq-staff-list">
        <h2 id="hq-staff-list">{hs('people')}</h2>
        {!admin && <Hint text={hs('managerHint')} />}
        <Rows
          label={hs('people')}
          problem={staff.problem}
          rows={
            people?.map((person) =>
              hs('row', {
                name: person.displayName,
                username: person.username,
                state: activeName(person.active),
                sites: assignmentsText(person, sites),
              }),
            ) ?? null
          }
          action={
            admin
              ? (index) => (
                  <span class="row-actions">
                    <button
                      type="button"
                      aria-label={hs('editOf', { name: people![index].displayName })}
                      onClick={() => {
                        setEditing(people![index]);
                        document.getElementById('hq-staff-form-title')?.scrollIntoView();
                      }}
                    >
                      {hs('edit')}
                    </button>
                    <ActiveButton
                      person={people![index]}
                      change={(active) =>
                        ok(
                          session.api.PATCH('/api/v1/hq/staff/{id}', {
                            params: { path: { id: people![index].id } },
                            body: { active },
                          }),
                        )
                      }
                      onChanged={changed}
                      onRefused={setProblem}
                    />
                  </span>
                )
              : undefined
          }
        />
        {staff.shown && <Pager {...staff.shown} page={staff.page} go={staff.go} />}
        <p class="problem" role="alert">
          {problem}
        </p>
      </section>
      {admin && (
        <section class="card" aria-labelledby="hq-staff-form-title">
          <h2 id="hq-staff-form-title">
            {editing ? hs('editing', { name: editing.displayName }) : hs('add')}
          </h2>
          <HqStaffForm
            key={editing?.id ?? ''}
            session={session}
            sites={sites}
            person={editing ?? undefined}
            onSaved={() => {
              setEditing(null);
              changed();
            }}
            onCancel={editing ? () => setEditing(null) : undefined}
          />
        </section>
      )}
    </div>
  );
}
