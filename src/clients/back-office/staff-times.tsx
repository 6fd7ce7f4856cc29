import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { firstPage, Rows, useList } from './forms';
import { useLiveReload } from './live-reload';

type ClockEntry = Schemas['TimeClockEntryView'];
type Shift = Schemas['ShiftView'];
const s = (key: string, values?: Record<string, unknown>) => t(`backOffice.opsScreens.staff.${key}`, values);

/** People's names by id: an admin reads every account; a manager may read only the PIN pad's list. */
function useNames(session: StaffSession, admin: boolean): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    const people = admin
      ? ok(session.api.GET('/api/v1/users', firstPage)).then((page) => page.items)
      : ok(session.api.GET('/api/v1/staff'));
    people.then(
      (each) => setNames(new Map(each.map((person) => [person.id, person.displayName]))),
      () => undefined,
    );
  }, [session]);
  return names;
}

const clockRow = (entry: ClockEntry, name: string) =>
  s(entry.open ? 'clockOpenRow' : 'clockRow', {
    name,
    from: formats.dateTime(entry.clockedInAt),
    to: entry.clockedOutAt ? formats.time(entry.clockedOutAt) : '',
    hours: formats.number(entry.hours),
  });

const shiftRow = (shift: Shift) =>
  shift.status === 'open'
    ? s('shiftOpenRow', {
        day: formats.day(shift.businessDay),
        float: formats.money(shift.openingCash),
        expected: formats.money(shift.expectedCash),
      })
    : s('shiftClosedRow', {
        day: formats.day(shift.businessDay),
        float: formats.money(shift.openingCash),
        expected: formats.money(shift.expectedCash),
        counted: formats.money(shift.countedCash ?? 0),
        difference: formats.moneyDelta(shift.difference ?? 0),
      });

/** Read only: who is clocked in, the clock's entries, and the cash drawer's shifts with their differences. */
export function StaffTimes({ session, admin }: { session: StaffSession; admin: boolean }) {
  const names = useNames(session, admin);
  const clock = useList(() => ok(session.api.GET('/api/v1/time-clock', firstPage)));
  const shifts = useList(() => ok(session.api.GET('/api/v1/shifts', firstPage)));
  useLiveReload(session, ['shift.drawer_movement', 'shift.closed'], shifts.reload);
  const nameOf = (id: string) => names.get(id) ?? s('someone');
  const rows = (entries: ClockEntry[] | undefined) =>
    entries?.map((entry) => clockRow(entry, nameOf(entry.userId))) ?? null;
  return (
    <div class="columns">
      <section class="card" aria-labelledby="clock-title">
        <h2 id="clock-title">{s('timeClock')}</h2>
        <h3>{s('clockedIn')}</h3>
        <Rows
          label={s('clockedIn')}
          problem={clock.problem}
          rows={rows(clock.items?.filter((entry) => entry.open))}
        />
        <h3>{s('clockEntries')}</h3>
        <Rows label={s('clockEntries')} problem={clock.problem} rows={rows(clock.items ?? undefined)} />
      </section>
      <section class="card" aria-labelledby="shifts-title">
        <h2 id="shifts-title">{s('cashShifts')}</h2>
        <Rows label={s('cashShifts')} problem={shifts.problem} rows={shifts.items?.map(shiftRow) ?? null} />
      </section>
    </div>
  );
}
