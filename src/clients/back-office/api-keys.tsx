import { useEffect, useRef, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { bars } from './charts';
import { chosen, CreateForm, firstPage, Hint, useList } from './forms';
import { SecretOnce } from './secret-once';

type Scope = Schemas['Scope'];
type ApiKey = Schemas['ApiKeyView'];

/** Every scope a key may hold; a record, so a scope the API adds is a build error here until it is listed. */
const SCOPE_LIST: Record<Scope, true> = {
  'menu:read': true,
  'menu:write': true,
  'tables:read': true,
  'orders:read': true,
  'orders:write': true,
  'payments:write': true,
  'events:read': true,
  'reports:read': true,
  'print:agent': true,
  'gift_cards:write': true,
  'customers:read': true,
  'customers:write': true,
  'inventory:read': true,
  'inventory:write': true,
};
const SCOPES = Object.keys(SCOPE_LIST) as Scope[];

const k = (key: string, values?: Record<string, string | number>) =>
  t(`backOffice.integrations.keys.${key}`, values);

/** The API keys of the integrations: issue one (its secret shown once), revoke it, see how it is used. */
export function ApiKeys({ session }: { session: StaffSession }) {
  const keys = useList(() => ok(session.api.GET('/api/v1/api-keys', firstPage)));
  const [issued, setIssued] = useState<Schemas['IssuedApiKeyView'] | null>(null);
  const [usageOf, setUsageOf] = useState<ApiKey | null>(null);

  const revoke = (key: ApiKey) =>
    ok(
      session.api.PATCH('/api/v1/api-keys/{id}', {
        params: { path: { id: key.id } },
        body: { active: false },
      }),
    ).then(keys.reload, keys.reload);

  return (
    <section class="card" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">{k('title')}</h2>
      <Hint text={k('hint')} />
      {keys.problem && <p class="problem">{keys.problem}</p>}
      {keys.items?.length === 0 && <p class="muted">{t('backOffice.form.nothingYet')}</p>}
      {keys.items && keys.items.length > 0 && (
        <table class="list" aria-label={k('title')}>
          <thead>
            <tr>
              <th>{k('name')}</th>
              <th>{k('prefix')}</th>
              <th>{k('scopes')}</th>
              <th>{k('lastUsed')}</th>
              <th>{k('state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.items.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.scopes.join(', ')}</td>
                <td>{key.lastUsedAt ? formats.dateTime(key.lastUsedAt) : k('neverUsed')}</td>
                <td>{key.active ? k('active') : k('revoked')}</td>
                <td class="actions">
                  <button
                    type="button"
                    onClick={() => {
                      // The usage brings its last use: the list reads it again beside it.
                      keys.reload();
                      setUsageOf(key);
                    }}
                  >
                    {k('usage')}
                  </button>
                  {key.active && (
                    <button type="button" onClick={() => void revoke(key)}>
                      {k('revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {issued && (
        <SecretOnce
          label={k('secretOf', { name: issued.name })}
          secret={issued.key}
          hint={k('secretHint')}
          onDone={() => setIssued(null)}
        />
      )}
      <h3>{k('create')}</h3>
      <CreateForm
        id="api-key"
        submitLabel={k('issue')}
        fields={[
          { name: 'name', label: k('name') },
          {
            name: 'scopes',
            label: k('scopes'),
            type: 'choices',
            options: SCOPES.map((scope) => ({ value: scope, label: scope })),
          },
        ]}
        submit={(values) =>
          ok(
            session.api.POST('/api/v1/api-keys', {
              body: { name: values.name, scopes: chosen(values.scopes) as Scope[] },
            }),
          ).then(setIssued)
        }
        onSaved={keys.reload}
      />
      {usageOf && <KeyUsage session={session} apiKey={usageOf} onClose={() => setUsageOf(null)} />}
    </section>
  );
}

/** A UTC day of the usage ("2026-11-22") as the page's language writes a date. */
const utcDay = (day: string) =>
  new Intl.DateTimeFormat(formats.settings.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** A key's requests of the last seven days: totals, then by day and by route as bars. */
function KeyUsage({
  session,
  apiKey,
  onClose,
}: {
  session: StaffSession;
  apiKey: ApiKey;
  onClose: () => void;
}) {
  const [usage, setUsage] = useState<Schemas['ApiKeyUsageView'] | null>(null);
  const [problem, setProblem] = useState('');
  const byDay = useRef<HTMLDivElement>(null);
  const byRoute = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setUsage(null);
    ok(session.api.GET('/api/v1/api-keys/{id}/usage', { params: { path: { id: apiKey.id } } })).then(
      (read) => {
        setUsage(read);
        setProblem('');
      },
      (error: unknown) =>
        setProblem(t('backOffice.form.notLoaded', { problem: error instanceof Error ? error.message : '' })),
    );
  }, [apiKey.id]);

  useEffect(() => {
    if (!usage) return;
    const figures = (requests: number, errors: number) => k('requestsAndErrors', { count: requests, errors });
    bars(
      byDay.current!,
      usage.byDay.map((day) => ({
        label: utcDay(day.day),
        value: day.requests,
        text: figures(day.requests, day.errors),
      })),
      k('noRequests'),
    );
    bars(
      byRoute.current!,
      usage.byRoute.map((route) => ({
        label: route.route,
        value: route.requests,
        text: figures(route.requests, route.errors),
        color: '#0b6bcb',
      })),
      k('noRequests'),
    );
  }, [usage]);

  return (
    <section class="usage" aria-label={k('usageOf', { name: apiKey.name })}>
      <h3>{k('usageOf', { name: apiKey.name })}</h3>
      {problem && <p class="problem">{problem}</p>}
      {usage && (
        <p>
          {k('totals', { count: usage.requests, errors: usage.errors })}{' '}
          {usage.latencyMs.p50 !== null &&
            k('latency', { p50: usage.latencyMs.p50, p99: usage.latencyMs.p99 ?? 0 })}
        </p>
      )}
      <div class="columns">
        <div>
          <h4>{k('byDay')}</h4>
          <div ref={byDay} />
        </div>
        <div>
          <h4>{k('byRoute')}</h4>
          <div ref={byRoute} />
        </div>
      </div>
      <button type="button" onClick={onClose}>
        {k('closeUsage')}
      </button>
    </section>
  );
}
