import { t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { CreateForm, optional } from './forms';

/** The roles a person may have, in the order a restaurant hires them. */
export const ROLES = ['waiter', 'kitchen', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleName = (role: string) => t(`backOffice.guide.staff.roles.${role}`);
export const roleOptions = () => ROLES.map((role) => ({ value: role, label: roleName(role) }));

/** The form that adds a person (the setup guide's staff step and the staff screen). */
export function StaffForm({ session, onSaved }: { session: StaffSession; onSaved: () => void }) {
  const g = (key: string) => t(`backOffice.guide.staff.${key}`);
  return (
    <CreateForm
      id="staff-member"
      submitLabel={t('backOffice.form.add')}
      fields={[
        { name: 'displayName', label: g('displayName') },
        { name: 'username', label: g('username') },
        { name: 'role', label: g('role'), type: 'select', options: roleOptions() },
        { name: 'pin', label: g('pin'), type: 'password' },
        { name: 'password', label: g('password'), type: 'password' },
      ]}
      submit={(values) =>
        ok(
          session.api.POST('/api/v1/users', {
            body: {
              displayName: values.displayName,
              username: values.username,
              role: values.role as Role,
              pin: optional(values.pin),
              password: optional(values.password),
            },
          }),
        )
      }
      onSaved={onSaved}
    />
  );
}
