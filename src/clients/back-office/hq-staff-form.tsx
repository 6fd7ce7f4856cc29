import { t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { chosen, CreateForm, type Field, type Values } from './forms';
import { nameFields, roleName, roleOptions, secretFields, secretsOf } from './staff-form';

/** Headquarters' staff directory: how a person's sites read, and the form that adds or changes a person. */

export type HqStaff = Schemas['HqStaffView'];
export type HqSite = Schemas['HqSiteView'];
type Role = Schemas['StaffSiteInput']['role'];

export const hs = (key: string, values?: Record<string, unknown>) => t(`backOffice.hqStaff.${key}`, values);

const siteName = (sites: HqSite[], id: string) => sites.find((site) => site.id === id)?.name ?? id;

/** "All sites: Waiter", or each of their sites by name with their role there, in the order of the names. */
export function assignmentsText(person: HqStaff, sites: HqSite[]): string {
  if (person.allSitesRole) return hs('allSites', { role: roleName(person.allSitesRole) });
  if (person.sites.length === 0) return hs('noSite');
  return person.sites
    .map((each) => ({ site: siteName(sites, each.siteId), role: roleName(each.role) }))
    .sort((a, b) => a.site.localeCompare(b.site))
    .map((each) => hs('atSite', each))
    .join(', ');
}

/** The field of the role at one site chosen, beside the site's name. */
const roleAt = (siteId: string) => `role:${siteId}`;

/** Where a person works, as the form's first value says it: every site, or the sites picked. */
type Scope = 'all' | 'chosen';

/**
 * The form's fields, as the values typed so far call for them: a person's names and secrets, then either one
 * role at every site, or the sites picked one by one (hundreds of them at a large chain) with a role at each.
 */
function fieldsFor(values: Values, sites: HqSite[], person?: HqStaff): Field[] {
  const initialScope: Scope = person?.allSitesRole ? 'all' : 'chosen';
  const initialSites = person?.sites.map((each) => each.siteId).join(',') ?? '';
  const scope = (values.scope ?? initialScope) as Scope;
  const where: Field[] =
    scope === 'all'
      ? [
          {
            name: 'allSitesRole',
            label: hs('allSitesRole'),
            type: 'select',
            options: roleOptions(),
            initial: person?.allSitesRole ?? undefined,
          },
        ]
      : [
          {
            name: 'siteIds',
            label: hs('sites'),
            type: 'pick',
            options: sites.map((site) => ({ value: site.id, label: site.name })),
            initial: initialSites,
          },
          ...chosen(values.siteIds ?? initialSites).map((siteId): Field => ({
            name: roleAt(siteId),
            label: hs('roleAt', { site: siteName(sites, siteId) }),
            type: 'select',
            options: roleOptions(),
            initial: person?.sites.find((each) => each.siteId === siteId)?.role,
          })),
        ];
  return [
    ...nameFields(person),
    ...secretFields(person ? hs('keepBlank') : undefined),
    {
      name: 'scope',
      label: hs('worksAt'),
      type: 'select',
      options: [
        { value: 'chosen', label: hs('chosenSites') },
        { value: 'all', label: hs('everySite') },
      ],
      initial: initialScope,
    },
    ...where,
  ];
}

/** What the API takes of the values: `sites` replaces the person's whole list, so it is always sent. */
function personOf(values: Values) {
  const all = values.scope === 'all';
  return {
    displayName: values.displayName,
    username: values.username,
    ...secretsOf(values),
    allSitesRole: all ? (values.allSitesRole as Role) : null,
    sites: all
      ? []
      : chosen(values.siteIds).map((siteId) => ({ siteId, role: values[roleAt(siteId)] as Role })),
  };
}

/**
 * A person of the directory, new or, with `person`, their current values to change (a PIN or password left blank
 * stays as it is). The API's refusals show beside their fields, any other under the form.
 */
export function HqStaffForm({
  session,
  sites,
  person,
  onSaved,
  onCancel,
}: {
  session: StaffSession;
  sites: HqSite[];
  person?: HqStaff;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  return (
    <CreateForm
      id="hq-staff"
      fields={(values) => fieldsFor(values, sites, person)}
      submitLabel={person ? hs('save') : hs('addButton')}
      submit={(values) =>
        ok(
          person
            ? session.api.PATCH('/api/v1/hq/staff/{id}', {
                params: { path: { id: person.id } },
                body: personOf(values),
              })
            : session.api.POST('/api/v1/hq/staff', { body: personOf(values) }),
        )
      }
      onSaved={onSaved}
    >
      {onCancel && (
        <div class="form-extra">
          <button type="button" onClick={onCancel}>
            {hs('cancel')}
          </button>
        </div>
      )}
    </CreateForm>
  );
}
