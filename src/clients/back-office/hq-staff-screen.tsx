import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, everyPage, ok, PER_PAGE } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { Hint, Rows } from './forms';
import { assignmentsText, type HqSite, type HqStaff, HqStaffForm, hs } from './hq-staff-form';
import { Pager, usePage } from './paged-list';
import { ActiveButton, activeName } from './staff-form';

/**
 * Headquarters' staff directory (POS_ROLE=hq): each person with whether they may sign in and where they work
 * (every site with one role, or some sites with a role at each). An admin adds people and changes them (names,
 * secrets, sites and roles), deactivates them, or erases them (asked once more: it cannot be undone); a manager
 * reads the list, as the API lets them. What a site could not take of a person's last change is said under them.
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
  const [erasing, setErasing] = useState<HqStaff | null>(null);
  useEffect(() => {
    everyPage((page) =>
      ok(session.api.GET('/api/v1/hq/sites', { params: { query: { page, perPage: PER_PAGE } } })),
    ).then(setSites, (error: unknown) =>
      setProblem(t('backOffice.form.notLoaded', { problem: error instanceof ApiError ? error.message : '' })),
    );
  }, [session]);

  const changed = () => {
    setProblem('');
    setErasing(null);
    staff.reload();
  };
  const erase = (person: HqStaff) =>
    ok(session.api.DELETE('/api/v1/hq/staff/{id}', { params: { path: { id: person.id } } })).then(
      changed,
      (error: unknown) => setProblem(error instanceof ApiError ? error.message : String(error)),
    );
  const siteName = (siteId: string) => sites.find((site) => site.id === siteId)?.name ?? siteId;
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
                state: person.erased ? hs('erased') : activeName(person.active),
                sites: assignmentsText(person, sites),
              }),
            ) ?? null
          }
          detail={(index) =>
            people![index].problems.length === 0 ? null : (
              <ul class="problem" aria-label={hs('problemsOf', { name: people![index].displayName })}>
                {people![index].problems.map((reported) => (
                  <li key={reported.siteId}>
                    {hs('siteProblem', {
                      site: siteName(reported.siteId),
                      problem: reported.problem,
                      at: formats.dateTime(reported.reportedAt),
                    })}
                  </li>
                ))}
              </ul>
            )
          }
          action={
            admin
              ? (index) =>
                  people![index].erased ? (
                    <></>
                  ) : (
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
                      <button
                        type="button"
                        aria-label={hs('eraseOf', { name: people![index].displayName })}
                        onClick={() => setErasing(people![index])}
                      >
                        {hs('erase')}
                      </button>
                    </span>
                  )
              : undefined
          }
        />
        {erasing && (
          <div class="confirm" role="group" aria-label={hs('eraseOf', { name: erasing.displayName })}>
            <p>{hs('eraseConfirm', { name: erasing.displayName })}</p>
            <button type="button" onClick={() => void erase(erasing)}>
              {hs('eraseYes')}
            </button>{' '}
            <button type="button" onClick={() => setErasing(null)}>
              {hs('cancel')}
            </button>
          </div>
        )}
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
