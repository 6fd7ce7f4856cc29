import { useEffect, useState } from 'preact/hooks';
import { AUDIT_ACTIONS, type AuditAction } from '../../audit/audit-actions';
import { firstInstantAt } from '../../common/time/wall-clock';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, PER_PAGE, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { actionInWords, changeInWords, securityEventInWords } from './audit-entry-words';
import { IpBlocks } from './ip-blocks';
import { FigureTable, Pager, usePage } from './paged-list';

type EventType = Schemas['SecurityEventType'];
const EVENT_TYPES: EventType[] = [
  'login.succeeded',
  'login.failed',
  'login.locked_out',
  'login.refused_locked',
  'refresh.succeeded',
  'refresh.reused',
  'logout',
  'login.second_factor_required',
  'second_factor.enabled',
  'second_factor.disabled',
  'second_factor.disable_refused',
  'second_factor.setup_refused',
  'second_factor.reset',
  'api_key.refused',
  'webhook.disabled',
  'ip_block.created',
  'ip_block.automatic',
  'ip_block.lifted',
  'ip_block.refused',
];
const PER_SCREEN = 20;

/**
 * A day typed in a date field as the instant it starts in the restaurant's time zone (not the browser's: a
 * manager abroad still means the restaurant's day), as the API's filters take it.
 */
const startOf = (day: string, timeZone: string, plusDays = 0) => {
  const [year, month, date] = day.split('-').map(Number);
  return firstInstantAt(Date.UTC(year, month - 1, date + plusDays), 0, timeZone).toISOString();
};
/** Codes as a select offers them: each with its words, in the words' order. */
const byWords = <Code extends string>(
  codes: readonly Code[],
  said: (code: Code) => string,
): Array<[Code, string]> =>
  codes.map((code): [Code, string] => [code, said(code)]).sort(([, a], [, b]) => a.localeCompare(b));
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The audit log, the security events and the IP blocks: who changed what, who signed in, who is kept out. */
export function SecurityScreen({ session }: { session: StaffSession }) {
  // A block added or lifted is a security event too: the events are read again after each.
  const [blockChanges, setBlockChanges] = useState(0);
  const names = useStaffNames(session);
  return (
    <div id="security">
      <h1>{t('backOffice.reportsScreens.security.heading')}</h1>
      <AuditLog session={session} names={names} />
      <SecurityEvents session={session} names={names} blockChanges={blockChanges} />
      <IpBlocks session={session} onChanged={() => setBlockChanges((before) => before + 1)} />
    </div>
  );
}

interface AuditFilter {
  actor: string;
  action: AuditAction | '';
  from: string;
  to: string;
}

/** The staff's names by user id: a person is shown by name, not by the id the log keeps. */
function useStaffNames(session: StaffSession): Map<string, string> {
  const [staff, setStaff] = useState<Array<{ id: string; displayName: string }>>([]);
  useEffect(() => {
    ok(session.api.GET('/api/v1/users', { params: { query: { perPage: PER_PAGE } } })).then(
      (users) => setStaff(users.items),
      () => setStaff([]),
    );
  }, [session]);
  return new Map(staff.map((person) => [person.id, person.displayName]));
}

/** The audit log's actor of what no person did (the API's `system`). */
const SYSTEM_ACTOR = 'system';

function AuditLog({ session, names }: { session: StaffSession; names: Map<string, string> }) {
  const [filter, setFilter] = useState<AuditFilter>({ actor: '', action: '', from: '', to: '' });
  // Dates filter once the restaurant's time zone is known; the entries are read again then.
  const [timeZone, setTimeZone] = useState('');
  useEffect(() => {
    ok(session.api.GET('/api/v1/restaurant')).then(
      (restaurant) => setTimeZone(restaurant.timezone),
      () => setTimeZone(''),
    );
  }, [session]);
  const entries = usePage(
    (page) =>
      ok(
        session.api.GET('/api/v1/audit-log', {
          params: {
            query: {
              page,
              perPage: PER_SCREEN,
              actor: optional(filter.actor),
              action: filter.action || undefined,
              from: filter.from && timeZone ? startOf(filter.from, timeZone) : undefined,
              to: filter.to && timeZone ? startOf(filter.to, timeZone, 1) : undefined,
            },
          },
        }),
      ),
    JSON.stringify({ ...filter, timeZone }),
  );
  const s = (key: string) => t(`backOffice.reportsScreens.security.${key}`);
  return (
    <section class="card" aria-labelledby="audit-log">
      <h2 id="audit-log">{s('auditLog')}</h2>
      <form
        class="range"
        id="audit-filter"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const value = (name: string) => {
            const entry = form.get(name);
            return typeof entry === 'string' ? entry : '';
          };
          const action = AUDIT_ACTIONS.find((each) => each === value('action')) ?? '';
          setFilter({ actor: value('actor'), action, from: value('from'), to: value('to') });
        }}
      >
        <label>
          {s('actor')}
          <select name="actor">
            <option value="">{s('anyone')}</option>
            <option value={SYSTEM_ACTOR}>{s('system')}</option>
            {[...names].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s('action')}
          <select name="action">
            <option value="">{s('anyAction')}</option>
            {byWords(AUDIT_ACTIONS, actionInWords).map(([action, said]) => (
              <option key={action} value={action}>
                {said}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('backOffice.reportsScreens.reports.from')}
          <input name="from" type="date" />
        </label>
        <label>
          {t('backOffice.reportsScreens.reports.to')}
          <input name="to" type="date" />
        </label>
        <button type="submit" class="primary">
          {s('filter')}
        </button>
      </form>
      {entries.problem && <p class="problem">{entries.problem}</p>}
      {entries.shown && (
        <>
          <FigureTable
            label={s('auditLog')}
            head={[s('when'), s('actor'), s('action'), s('what')]}
            rows={entries.shown.items.map((entry) => [
              formats.dateTime(entry.occurredAt),
              names.get(entry.actorUserId ?? '') ??
                (entry.actor === SYSTEM_ACTOR ? s('system') : entry.actor),
              actionInWords(entry.action),
              changeInWords(entry),
            ])}
          />
          <Pager {...entries.shown} page={entries.page} go={entries.go} />
        </>
      )}
    </section>
  );
}

function SecurityEvents({
  session,
  names,
  blockChanges,
}: {
  session: StaffSession;
  names: Map<string, string>;
  blockChanges: number;
}) {
  const [type, setType] = useState<EventType | ''>('');
  const events = usePage(
    (page) =>
      ok(
        session.api.GET('/api/v1/security/events', {
          params: { query: { page, perPage: PER_SCREEN, type: type || undefined } },
        }),
      ),
    `${type}|${blockChanges}`,
  );
  const s = (key: string) => t(`backOffice.reportsScreens.security.${key}`);
  return (
    <section class="card" aria-labelledby="security-events">
      <h2 id="security-events">{s('events')}</h2>
      <label class="inline">
        {s('type')}{' '}
        <select value={type} onChange={(e) => setType(e.currentTarget.value as EventType | '')}>
          <option value="">{s('anyType')}</option>
          {byWords(EVENT_TYPES, securityEventInWords).map(([each, said]) => (
            <option key={each} value={each}>
              {said}
            </option>
          ))}
        </select>
      </label>
      {events.problem && <p class="problem">{events.problem}</p>}
      {events.shown && (
        <>
          <FigureTable
            label={s('events')}
            head={[s('when'), s('type'), s('subject'), s('address')]}
            rows={events.shown.items.map((event) => [
              formats.dateTime(event.occurredAt),
              securityEventInWords(event.type),
              // A PIN sign-in's subject is the person's id; a password's, the username typed.
              names.get(event.subject ?? '') ?? event.subject ?? '',
              event.ip ?? '',
            ])}
          />
          <Pager {...events.shown} page={events.page} go={events.go} />
        </>
      )}
    </section>
  );
}
