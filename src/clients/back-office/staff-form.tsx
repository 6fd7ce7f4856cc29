import { t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, type Field, optional, type Values } from './forms';
import { problemText } from './screen-parts';

/** What the screens that list and add people share: the site's staff screen, the guide's step, headquarters'. */

/** The roles a person may have, in the order a restaurant hires them. */
export const ROLES = ['waiter', 'kitchen', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleName = (role: string) => t(`backOffice.guide.staff.roles.${role}`);
export const roleOptions = () => ROLES.map((role) => ({ value: role, label: roleName(role) }));

const g = (key: string) => t(`backOffice.guide.staff.${key}`);
const s = (key: string, values?: Record<string, unknown>) => t(`backOffice.opsScreens.staff.${key}`, values);

/** Whether a person may sign in, as a list says it. */
export const activeName = (active: boolean) => s(active ? 'active' : 'inactive');

/** A person's name and username, filled in with theirs to change them. */
export const nameFields = (person?: { displayName: string; username: string }): Field[] => [
  { name: 'displayName', label: g('displayName'), initial: person?.displayName },
  { name: 'username', label: g('username'), initial: person?.username },
];

/** Their PIN and password; `note` beside each (a form that changes them keeps a blank one as it is). */
export const secretFields = (note?: string): Field[] => [
  { name: 'pin', label: g('pin'), type: 'password', note },
  { name: 'password', label: g('password'), type: 'password', note },
];

/** The PIN and password typed, each left out when blank. */
export const secretsOf = (values: Values) => ({
  pin: optional(values.pin),
  password: optional(values.password),
});

/** The form that adds a person (the setup guide's staff step and the staff screen). */
export function StaffForm({ session, onSaved }: { session: StaffSession; onSaved: () => void }) {
  return (
    <CreateForm
      id="staff-member"
      submitLabel={t('backOffice.form.add')}
      fields={[
        ...nameFields(),
        { name: 'role', label: g('role'), type: 'select', options: roleOptions() },
        ...secretFields(),
      ]}
      submit={(values) =>
        ok(
          session.api.POST('/api/v1/users', {
            body: {
              displayName: values.displayName,
              username: values.username,
              role: values.role as Role,
              ...secretsOf(values),
            },
          }),
        )
      }
      onSaved={onSaved}
    />
  );
}

/**
 * Deactivates a person, or reactivates them, by `change(active)`: the button beside them in a list of staff,
 * named after them; the API's refusal goes to `onRefused`.
 */
export function ActiveButton({
  person,
  change,
  onChanged,
  onRefused,
}: {
  person: { displayName: string; active: boolean };
  change: (active: boolean) => Promise<unknown>;
  onChanged: () => void;
  onRefused: (problem: string) => void;
}) {
  const named = { name: person.displayName };
  return (
    <button
      type="button"
      aria-label={s(person.active ? 'deactivateOf' : 'reactivateOf', named)}
      onClick={() =>
        void change(!person.active).then(onChanged, (error: unknown) => onRefused(problemText(error)))
      }
    >
      {s(person.active ? 'deactivate' : 'reactivate')}
    </button>
  );
}
