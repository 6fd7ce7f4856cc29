import { useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, firstPage, Rows, useList } from './forms';
import { HqBadge, HqNote } from './hq-owned';
import { ActiveButton, activeName, type Role, roleName, roleOptions, StaffForm } from './staff-form';
import { StaffTimes } from './staff-times';

type User = Schemas['UserView'];
const s = (key: string, values?: Record<string, unknown>) => t(`backOffice.opsScreens.staff.${key}`, values);

/**
 * The staff: who works here, in which role, and whether they may sign in; the time clock and the cash shifts.
 * Accounts are an admin's (the API lets only an admin read and change them): a manager sees the PIN pad's list.
 */
export function StaffScreen({ session }: { session: StaffSession }) {
  const admin = session.user!.role === 'admin';
  return (
    <div class="ops-screen">
      <h1>{s('heading')}</h1>
      {admin ? <Accounts session={session} /> : <PinPadStaff session={session} />}
      <StaffTimes session={session} admin={admin} />
    </div>
  );
}

function PinPadStaff({ session }: { session: StaffSession }) {
  const staff = useList(() => ok(session.api.GET('/api/v1/staff')).then((items) => ({ items })));
  return (
    <section class="card" aria-labelledby="staff-title">
      <h2 id="staff-title">{s('people')}</h2>
      <p class="muted hint">{s('managerHint')}</p>
      <Rows
        label={s('people')}
        problem={staff.problem}
        rows={
          staff.items?.map((person) =>
            t('backOffice.guide.staff.row', { name: person.displayName, role: roleName(person.role) }),
          ) ?? null
        }
      />
    </section>
  );
}

function Accounts({ session }: { session: StaffSession }) {
  const users = useList(() => ok(session.api.GET('/api/v1/users', firstPage)));
  const [problem, setProblem] = useState('');
  return (
    <section class="card" aria-labelledby="staff-title">
      <h2 id="staff-title">{s('people')}</h2>
      {users.items?.some((user) => user.fromHeadquarters) && <HqNote what="staff" />}
      <Rows
        label={s('people')}
        problem={users.problem}
        rows={
          users.items?.map((user) =>
            s('row', {
              name: user.displayName,
              username: user.username,
              role: roleName(user.role),
              state: activeName(user.active),
            }),
          ) ?? null
        }
        action={(index) => (
          <AccountActions
            session={session}
            user={users.items![index]}
            onChanged={users.reload}
            onRefused={setProblem}
          />
        )}
      />
      <p class="problem" role="alert">
        {problem}
      </p>
      <h3>{s('add')}</h3>
      <StaffForm session={session} onSaved={users.reload} />
    </section>
  );
}

type Editing = 'pin' | 'role' | null;

/** Reset PIN, change role, deactivate or reactivate; a person from headquarters' staff directory is its to change. */
function AccountActions({
  session,
  user,
  onChanged,
  onRefused,
}: {
  session: StaffSession;
  user: User;
  onChanged: () => void;
  onRefused: (problem: string) => void;
}) {
  const [editing, setEditing] = useState<Editing>(null);
  if (user.fromHeadquarters) return <HqBadge />;
  const change = (body: Schemas['UpdateUserInput']) =>
    ok(session.api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body }));
  const done = () => {
    setEditing(null);
    onRefused('');
    onChanged();
  };
  if (editing === 'pin') {
    return (
      <CreateForm
        id={`pin-${user.username}`}
        submitLabel={s('save')}
        fields={[{ name: 'pin', label: s('newPin', { name: user.displayName }), type: 'password' }]}
        submit={(values) => change({ pin: values.pin })}
        onSaved={done}
      />
    );
  }
  if (editing === 'role') {
    return (
      <CreateForm
        id={`role-${user.username}`}
        submitLabel={s('save')}
        fields={[
          {
            name: 'role',
            label: s('newRole', { name: user.displayName }),
            type: 'select',
            initial: user.role,
            options: roleOptions(),
          },
        ]}
        submit={(values) => change({ role: values.role as Role })}
        onSaved={done}
      />
    );
  }
  const named = { name: user.displayName };
  return (
    <span class="row-actions">
      <button type="button" aria-label={s('resetPinOf', named)} onClick={() => setEditing('pin')}>
        {s('resetPin')}
      </button>
      <button type="button" aria-label={s('changeRoleOf', named)} onClick={() => setEditing('role')}>
        {s('changeRole')}
      </button>
      <ActiveButton
        person={user}
        change={(active) => change({ active })}
        onChanged={done}
        onRefused={onRefused}
      />
    </span>
  );
}
